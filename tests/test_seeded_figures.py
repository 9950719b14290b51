"""Seeded single-number errors in the corpus and the seed: found at least nine times in ten, no control alarm.

The measurement is ``benchmarks/seeded_figures.py`` (which prints the table); see its docstring for what is
seeded and how the totals and sides are found independently of the extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import CORPUS

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from seeded_figures import measure


@pytest.fixture(scope="module")
def results():
    if not CORPUS.exists():
        pytest.skip("the corpus is not available")
    return measure()


def test_broken_totals_are_found(results):
    assert results.totals.tried >= 15  # the seed's and the corpus's totals of losses and strength
    assert results.totals.rate >= 0.9, results.totals.listed(False)


def test_changed_infobox_counts_copied_into_the_body_are_found(results):
    assert results.sides.tried >= 30
    assert results.sides.rate >= 0.9, results.sides.listed(False)


def test_controls_raise_no_alarm(results):
    assert results.agreeing.tried == results.sides.tried
    assert results.lone.tried >= 100
    assert results.agreeing.found == 0, results.agreeing.listed(True)
    assert results.lone.found == 0, results.lone.listed(True)
