"""The tokens a count's words are read from: each match of the token pattern, where a search finds it."""

from __future__ import annotations

import pytest

from auditor.extract.counts import _TOKEN, tokenize
from auditor.extract.quantities import find_quantities
from auditor.readers import read_mirror
from conftest import SEED

TEXTS = [
    "On 9 April, 1,200 rebels were killed; U.S. forces lost 3,798 (500 dead).",
    "  __ *** 70 executed rebels — the rest ’fled’ __",
    "Ärger: 12\u00a0345 Soldaten, 2,764+ wounded!? [35] (approx.)",
    "_x_ 4² killed\n\n== Losses ==\n* 1 000 captured",
    "",
    "=== ",
]


def _texts() -> list[str]:
    seed = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
    return TEXTS + [seed.masked[s.span.start : s.content_end] for s in seed.claim_sentences]


@pytest.mark.parametrize("window", [(0, None), (3, -2)], ids=["whole", "part"])
def test_tokens_are_the_matches_of_the_token_pattern(window: tuple[int, int | None]) -> None:
    for text in _texts():
        start, end = window[0], None if window[1] is None else max(0, len(text) + window[1])
        quantities = find_quantities(text)
        expected = [
            (m.start(), m.end(), m.group().lower(), any(q.start <= m.start() < q.end for q in quantities), m.group())
            for m in _TOKEN.finditer(text, start, len(text) if end is None else end)
        ]
        assert [tuple(token) for token in tokenize(text, quantities, start, end)] == expected, text
