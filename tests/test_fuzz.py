"""A quick fuzz run: generated and bent documents for every reader and the whole check never crash.

``benchmarks/fuzz.py`` runs the same generator at length (and saves each crash as a reproducer).
"""

from __future__ import annotations

import random

import pytest

from auditor.config.settings import load_settings
from fuzz_inputs import READERS, generate, run_one

_PER_READER = {"wikitext": 200, "html": 200, "mirror": 200, "markdown": 200, "pipeline": 200}


@pytest.mark.parametrize("reader", READERS)
def test_generated_inputs_never_crash(reader):
    settings = load_settings()
    rng = random.Random(f"quick-{reader}")
    crashes = []
    for number in range(_PER_READER[reader]):
        input_format, text = generate(reader, rng)
        outcome = run_one(reader, input_format, text, settings)
        if outcome.crash:
            crashes.append(f"input {number} ({input_format}, {text[:80]!r}):\n{outcome.crash}")
    assert not crashes, f"{len(crashes)} crashes; the first:\n{crashes[0]}"


def test_the_generator_reaches_the_cases_that_crashed():
    rng = random.Random("coverage")
    texts = [generate(reader, rng)[1] for reader in READERS for _ in range(300)]
    assert any("\ud800" in t or "\udfff" in t for t in texts) and any("\r" in t for t in texts)
    assert any("years)" in t for t in texts) and any("> > > > > > > > > > > > > > > > > > > > >" in t for t in texts)
