"""Figures in notes: a footnote or ``{{efn}}`` note read as text of its own, and the count it explains.

Notes hold figures the article's sentences leave out: other sources' counts
("Davis cites 3,500 Union casualties, 1,500 Confederate"), and the breakdown of
a count the note is attached to ("67,459{{efn|10,749 dead; 34,225 wounded;
22,487 captured}}"). A note is read when its reader gives its text apart from
the sentence it sits in (a wikitext note or footnote that is more than a
citation template), or when it stands in a list of notes of its own (a copy's
"Notes"). A note whose counts split the kinds of the count it is attached to is
that count's breakdown; attached inside a range ("67,459{{efn|…}} – 125,000"),
it explains the range's lower bound.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..document import BlockKind, Document, Reference, Span
from ..text import INLINE
from .breakdowns import sentence_breakdowns, split_of
from .counts import Context, read_counts
from .figure_model import Breakdown, Figure, Unit, moved, moved_breakdown
from .quantities import rounding
from .squeeze import squeeze
from .vocabulary import LOSS_STEMS

_DIGIT = re.compile(r"\d")
# A sentence ends at a full stop before a capital, unless the word before it is short ("p. 89", "U.S. Army").
_SENTENCE_END = re.compile(r"(?<=[a-z\d\]\)”\"]{2}[.!?])\s+(?=[A-Z\"“(])")


def notes_text(doc: Document, notes: list[Reference]) -> str:
    """The notes whose text the document's readable text blanks, at their offsets; blank elsewhere."""
    pieces = []
    position = 0
    for ref in sorted((r for r in notes if r.readable), key=lambda r: r.content.start):
        if ref.content.start < position:
            continue  # a note within a note is read with it
        pieces.append(" " * (ref.content.start - position))
        pieces.append(INLINE.sub(lambda m: " " * len(m.group(0)), ref.readable or ""))
        position = ref.content.start + len(ref.readable or "")
    if not pieces:
        return ""
    pieces.append(" " * (len(doc.text) - position))
    return "".join(pieces)


def notes_about_losses(doc: Document) -> list[Reference]:
    """The references read as notes whose words speak of losses and which state a number."""
    found = []
    for ref in doc.references:
        if (ref.readable or (ref.group is not None and doc.format != "wikitext")) and _DIGIT.search(ref.text):
            lowered = ref.text.lower()
            if any(map(lowered.__contains__, LOSS_STEMS)):
                found.append(ref)
    return found


def note_figures(
    doc: Document, notes: list[Reference], text: str, units: list[Unit], names: frozenset[str] = frozenset()
) -> tuple[list[Figure], list[Breakdown], dict[str, list[Figure]]]:
    """The figures and breakdowns of ``notes`` (``notes_about_losses``), and each note's figures by key.

    ``text`` is ``notes_text(doc, notes)``; ``names``, the combatants the infobox names."""
    figures: list[Figure] = []
    breakdowns: list[Breakdown] = []
    by_key: dict[str, list[Figure]] = {}
    blocks = {b.label: i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.REFERENCE}
    for ref in notes:
        source = text if ref.readable else doc.masked
        if ref.key not in blocks:
            continue
        start, end = ref.content
        block = blocks[ref.key]
        found_here: list[Figure] = []
        for number, (s_start, s_end) in enumerate(_sentences(source, start, end)):
            units.append(Unit(Span(s_start, s_end), block, number, True))
            if not _DIGIT.search(source, s_start, s_end):
                continue
            squeezed = squeeze(source, s_start, s_end)
            found = read_counts(squeezed.text, Context(block, len(units) - 1, names=names))
            for breakdown in sentence_breakdowns(squeezed.text, found, lists=True):
                breakdowns.append(moved_breakdown(breakdown, lambda f, s=squeezed: moved(f, s)))
            found_here.extend(moved(f, squeezed) for f in found)
        figures.extend(found_here)
        by_key[ref.key] = found_here
    return figures, breakdowns, by_key


def explained(doc: Document, figures: list[Figure], notes: dict[str, list[Figure]]) -> list[Breakdown]:
    """Breakdowns a note gives of the count it is attached to."""
    found = []
    starts = [f.start for f in figures]
    for marker in doc.markers:
        parts = [f for f in notes.get(marker.key, []) if f.category]
        if len(parts) < 2:
            continue
        total = _annotated(doc, figures, starts, marker.span)
        if total is not None and split_of(total, parts):
            found.append(Breakdown(total, tuple(parts), (), True, "note"))
    return found


def _annotated(doc: Document, figures: list[Figure], starts: list[int], marker: Span) -> Figure | None:
    """The count a note marker stands on: right after it, or inside a range, after its lower bound."""
    index = bisect_left(starts, marker.start) - 1
    if index < 0:
        return None
    figure = figures[index]
    quantity = figure.quantity
    if quantity.end <= marker.start:
        return figure if not doc.masked[quantity.end : marker.start].strip() else None
    if not quantity.is_range:
        return None
    end = quantity.start + len(doc.masked[quantity.start : marker.start].rstrip())
    written = doc.masked[quantity.start : end].split()[-1]
    low = quantity._replace(end=end, high=quantity.low, precision=rounding(written, quantity.low))
    return figure._replace(quantity=low)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        found.append((position, match.start()))
        position = match.end()
    found.append((position, end))
    return [(s, e) for s, e in found if text[s:e].strip()]
