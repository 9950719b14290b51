"""Excerpts as a reader sees them: markup the reader blanked leaves no gap in what a report quotes."""

from __future__ import annotations

import random

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


def _closed_up_by_hand(text: str) -> str:
    """What ``close_up`` does, a character at a time: the text's spaces folded, and a space dropped before
    punctuation or a possessive 's (not one that starts a word: "'sic'"), or after "("."""
    text = " ".join(text.split())
    kept = []
    for at, char in enumerate(text):
        after = text[at + 1 : at + 4]
        possessive = after[:1] in "'’" and after[1:2] == "s" and not (after[2:3].isalnum() or after[2:3] == "_")
        if char == " " and (after[:1] in tuple(",.;:!?)") or possessive or text[at - 1 : at] == "("):
            continue
        kept.append(char)
    return "".join(kept)


def test_close_up_drops_the_gaps_a_character_by_character_reading_drops():
    rnd = random.Random(20)
    letters = " (),.;:!?'’sSa_é\xa0\n"
    texts = ["".join(rnd.choice(letters) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    for text in [*texts, "( a", "a ( b", "( ( x", " 's", " 'st", " ’s.", "x 's_", "x 'sé"]:
        assert close_up(text) == _closed_up_by_hand(text), repr(text)
