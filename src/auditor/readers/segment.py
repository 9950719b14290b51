"""Sentence segmentation tuned to encyclopedic prose with citation markers.

NOTE: a general-purpose segmenter does not serve here. pysbd split about 170
KiB of corpus text a second, some two hundred times slower than this module;
sentencex, Wikimedia's segmenter, is nearly as fast (9.5 MiB/s against this
module's 11.9 on the corpus) but splits after "vol.", "no.", "ed." and a
capitalised "Approx.", and knows nothing of ``[12]`` markers: a copy that lost
a full stop before one is one sentence to it. The rules here are few and fast:
a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes and any markers)
before a capital, digit or opening quote, unless the word before the stop is a
known abbreviation (``data/abbreviations.txt``) or an initial; and a marker
standing directly on a word and followed by a capital ends a sentence whose
full stop a copy has lost.
"""

from __future__ import annotations

import re

from ..packaged import packaged_text
from ..text import MARKER_KEY, MARKER_RUN

# NOTE: each match opens with one character class, which the engine searches for in C, position by position
# at the cost of a comparison; the lookbehinds then tell the two kinds apart. Opened with a lookahead or an
# alternation instead, the engine tries the whole pattern at every position: twice the time.
_STOP = re.compile(
    r"[.!?\[]"
    r"(?:(?<=[.!?])[\"'”’)\]]*(?:\s?" + MARKER_RUN + r")*(?=\s+[\"“‘(]?[A-Z0-9])"
    r"|(?<=[\w)]\[)" + MARKER_KEY + r"\]" + MARKER_RUN + r"*(?=\s+[A-Z][a-z]))"
)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_MARKER = re.compile(MARKER_RUN)

ABBREVIATIONS = frozenset(
    word
    for line in packaged_text(__package__, "data/abbreviations.txt").splitlines()
    if not line.startswith("#")
    for word in line.split()
)


def _is_abbreviation(text: str, stop: int, floor: int) -> bool:
    """Whether the word ending at ``stop`` (a full stop) is an abbreviation or an initial."""
    start = stop
    while start > floor and stop - start < 12 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    token = text[start:stop]
    if not token:
        return False
    if token.lower().rstrip(".") in ABBREVIATIONS:
        return True
    # A single capital initial ("J. Smith") or a dotted acronym ("U.S").
    return (len(token) == 1 and token.isupper()) or bool(_ACRONYM.fullmatch(token))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Leading and trailing whitespace is excluded; trailing markers stay with the
    sentence they follow.
    """
    end = len(text) if end is None else end
    pieces: list[tuple[int, int]] = []
    append = pieces.append
    cursor = start
    # Each piece is trimmed here, inline: a call per sentence costs more than the trim.
    for match in _STOP.finditer(text, start, end):
        stop = match.start()
        if text[stop] == "." and _is_abbreviation(text, stop, cursor):
            continue
        after = match.end()
        piece = text[cursor:after]
        stripped = piece.lstrip()
        if stripped:
            first = after - len(stripped)
            append((first, first + len(stripped.rstrip())))
        cursor = after
    piece = text[cursor:end]
    stripped = piece.lstrip()
    if stripped:
        first = cursor + len(piece) - len(stripped)
        append((first, first + len(stripped.rstrip())))
    return pieces


def content_end(text: str, start: int, end: int) -> int:
    """Offset where a sentence's words end, before trailing markers and tags."""
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or text[end - 1] != "]":
            return end
        opening = text.rfind("[", max(start, end - 48), end)
        if opening < 0 or not _MARKER.fullmatch(text, opening, end):
            return end
        end = opening
