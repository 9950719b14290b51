"""Sentence boundaries in encyclopedic prose with citation markers."""

from __future__ import annotations

import pytest

from auditor.readers.segment import content_end, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town fell.[1] Rebels fled.", ["The town fell.[1]", "Rebels fled."]),
        ("It fell.[1][2] Then it burned.", ["It fell.[1][2]", "Then it burned."]),
        ("It fell.[citation needed] Then it burned.", ["It fell.[citation needed]", "Then it burned."]),
        ("He met Dr. Smith in the U.S. Army camp.", ["He met Dr. Smith in the U.S. Army camp."]),
        ("J. R. Smith wrote it. It sold well.", ["J. R. Smith wrote it.", "It sold well."]),
        ("It cost 2.5 million. Few paid.", ["It cost 2.5 million.", "Few paid."]),
        ('He said "stop." Nobody did.', ['He said "stop."', "Nobody did."]),
        # A copy that lost a full stop still ends the sentence at its marker.
        ("within 10 miles of the city[185] Later that day, rebels returned.", None),
        ("It fell on 3 May.\n[4] Rebels fled.", ["It fell on 3 May.\n[4]", "Rebels fled."]),
        ("fighters[98] at the cost of nine lives.", ["fighters[98] at the cost of nine lives."]),
        # A marker ends such a sentence only standing on a word or a closing bracket, and only a marker does.
        ("The war ended (1945)[3] Peace followed.", ["The war ended (1945)[3]", "Peace followed."]),
        ("It fell[a][12] Rebels fled.", ["It fell[a][12]", "Rebels fled."]),
        ("It lay by the city [185] Later that day it fell.", ["It lay by the city [185] Later that day it fell."]),
        ("He wrote[edit] Nothing more.", ["He wrote[edit] Nothing more."]),
        # Ranks, places and the abbreviations of references end no sentence ...
        ("Maj. Gen. Smith arrived. Brig. Jones left.", ["Maj. Gen. Smith arrived.", "Brig. Jones left."]),
        (
            "Lt. Col. Ross and Sgt. Bell held St. Kilda. It fell.",
            ["Lt. Col. Ross and Sgt. Bell held St. Kilda.", "It fell."],
        ),
        ("It fell c. 1400 BC. See vol. 2, no. 3, ed. Smith.", ["It fell c. 1400 BC.", "See vol. 2, no. 3, ed. Smith."]),
        ("Approx. 200 men died. Few lived.", ["Approx. 200 men died.", "Few lived."]),
        # ... but the same words without a stop, and ordinary words before a stop, still do.
        ("He was a major. Gen was his son.", ["He was a major.", "Gen was his son."]),
        ("The fort held. No one left.", ["The fort held.", "No one left."]),
    ],
)
def test_split(text: str, expected: list[str] | None):
    if expected is None:
        expected = ["within 10 miles of the city[185]", "Later that day, rebels returned."]
    assert sentences(text) == expected


def test_offsets_point_into_the_text():
    text = "  First one.[1]   Second one.  "
    spans = list(split_sentences(text))
    assert [text[a:b] for a, b in spans] == ["First one.[1]", "Second one."]
    assert spans[0][0] == 2


def test_content_end_excludes_trailing_markers_and_tags():
    text = "It fell.[1] [2][citation needed]"
    assert text[: content_end(text, 0, len(text))] == "It fell."
    assert content_end("No markers.", 0, 11) == 11
    assert content_end("Ends in [brackets]", 0, 18) == 18
