"""Excerpts as a reader sees them: markup the reader blanked leaves no gap in what a report quotes."""

from __future__ import annotations

import pytest

from auditor.text import close_up


@pytest.mark.parametrize(
    ("blanked", "shown"),
    [
        ("Maj. Gen. Ambrose E.   Burnside 's IX Corps", "Maj. Gen. Ambrose E. Burnside's IX Corps"),
        ("Ledlie ’s division", "Ledlie’s division"),
        ("Grant Takes Command , p. 325 .", "Grant Takes Command, p. 325."),
        ("the town ( Idlib ) was hit", "the town (Idlib) was hit"),
    ],
)
def test_blanked_markup_leaves_no_gap(blanked, shown):
    assert close_up(blanked) == shown


@pytest.mark.parametrize("text", ["the word 'sic' stands", "rock 'n' roll", "a - b", "x 'said' y"])
def test_gaps_that_belong_to_the_text_stay(text):
    assert close_up(text) == text
