"""Casualty figures: every count a document states, what it counts, and the totals among them.

Facts computed once per document (``Facts.figures``), whatever reader made it:

- each claim sentence that speaks of losses (``counts``), read in a squeezed
  copy so that markup between a number and its words does not keep them apart
  (``squeeze``); a sentence that speaks of no losses gives only its ranges, for
  the inverted-range check;
- each infobox field that counts losses or strength, line by line, with its
  column's side (``infobox_figures``);
- each note read as text of its own, and the count a note explains (``notes``).

The figure model is in ``figure_model``, its words in ``vocabulary``; totals and
their parts come from ``breakdowns`` (sentences and notes) and
``infobox_figures`` (fields), and ``sums`` checks them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..document import Block, BlockKind, Document, Span
from .breakdowns import sentence_breakdowns
from .counts import Context, bare, read_counts
from .figure_model import Breakdown, Figure, Figures, Unit, moved, moved_breakdown
from .infobox_figures import column_sides, field_figures, label_category
from .joined import JoinedSentences
from .notes import explained, note_figures, notes_about_losses, notes_text
from .prefilter import FOLDS_TO_ASCII, folded, narrowed
from .quantities import RANGE_HINT, SPELLED, Quantity, find_quantities, find_ranges
from .squeeze import Squeezed, squeeze
from .vocabulary import AGGREGATES, KINDS, LOSS_STEMS, NOUNS_BEFORE, side_name

_SIDE_SECTION = re.compile(r"casualt|losses|dead|killed|toll", re.IGNORECASE)


def extract_figures(doc: Document) -> Figures:
    masked = doc.masked
    units: list[Unit] = []
    figures: list[Figure] = []
    breakdowns: list[Breakdown] = []
    # Two searches over the claim sentences' text tell which sentences can hold a figure at all.
    # NOTE: claim sentences are under half of a document's text (the rest is references, tables and
    # markup): searching them alone, joined by a character neither search matches, roughly halves the two
    # searches, which cost a third of extracting figures.
    claims = doc.claim_sentences
    joined = JoinedSentences(masked, claims, "\x00")
    narrow = narrowed(joined.text)  # searched instead of a folded copy: a third of the cost to make
    folds = any(letter in joined.text for letter in FOLDS_TO_ASCII)  # then ASCII words are looked for in a folded one
    stems = _stem_positions(joined.text, None if folds else narrow)
    about_losses = {joined.sentence_at(position) for position in stems}
    with_ranges = _range_sentences(joined, narrow)
    blocks = doc.blocks
    # The infobox's fields, found in one pass over the blocks: a handful among thousands.
    fields = [(index, block) for index, block in enumerate(blocks) if block.kind is BlockKind.INFOBOX_FIELD]
    in_infobox, by_line = _infobox_sentences(fields, [s.span.start for s in claims] if fields else [])
    section_sides: dict[int, frozenset[str]] = {}
    columns = column_sides(doc, fields)
    names = frozenset().union(*columns.values())  # the combatants, as a sentence may name them
    todo = sorted((about_losses | with_ranges | in_infobox) - by_line)
    counted = [index for index in todo if index in about_losses or index in in_infobox]
    digits, spelled = (None, None) if folds else _may_count(joined, narrow, counted)
    for index in todo:
        sentence = claims[index]
        start, end = sentence.span.start, sentence.content_end
        if index not in about_losses and index not in in_infobox:  # kept for inverted-range; they count nothing
            context = Context(sentence.block, len(units))
            units.append(Unit(Span(start, end), sentence.block, doc.sentence_index(start) or 0, False))
            figures.extend(bare(q, context) for q in find_ranges(masked, start, end))
            continue
        if spelled is None or index in spelled:
            quantities = find_quantities(masked, start, end)
        elif index in digits:
            quantities = find_quantities(masked, start, end, spelled=False)
        else:
            continue  # no digit and no number in words: find_quantities would find nothing
        if not quantities:
            continue
        block = blocks[sentence.block]
        if index in in_infobox:
            context = Context(sentence.block, len(units), infobox=True)
        else:
            if block.section not in section_sides:
                section_sides[block.section] = _section_side(doc.sections[block.section].title)
            context = Context(sentence.block, len(units), sides=section_sides[block.section], names=names)
        units.append(Unit(Span(start, end), sentence.block, doc.sentence_index(start) or 0, False))
        squeezed = squeeze(masked, start, end)
        found = read_counts(squeezed.text, context, _squeezed(quantities, squeezed))
        breakdowns.extend(
            moved_breakdown(b, lambda f, s=squeezed: moved(f, s)) for b in sentence_breakdowns(squeezed.text, found)
        )
        figures.extend(moved(f, squeezed) for f in found)
    boxed, boxed_breakdowns = field_figures(doc, fields, units, columns)
    figures.extend(boxed)
    breakdowns.extend(boxed_breakdowns)
    figures.sort(key=lambda f: f.start)
    notes = notes_about_losses(doc)
    if not notes:
        return Figures(tuple(figures), tuple(breakdowns), tuple(units))
    text = notes_text(doc, notes)
    noted, noted_breakdowns, by_note = note_figures(doc, notes, text, units, names)
    breakdowns.extend(explained(doc, figures, by_note))
    figures.extend(noted)
    breakdowns.extend(noted_breakdowns)
    figures.sort(key=lambda f: f.start)
    return Figures(tuple(figures), tuple(breakdowns), tuple(units), text)


def _squeezed(quantities: list[Quantity], squeezed: Squeezed) -> list[Quantity]:
    """Quantities found in the document's text, at their places in a squeezed copy of it."""
    # NOTE: built from the fields, as in ``moved``: _replace costs several times as much.
    return [Quantity(squeezed.index(q.start), squeezed.index(q.end - 1) + 1, *q[2:]) for q in quantities]


def _section_side(title: str) -> frozenset[str]:
    """The side a section about losses names: "Union casualties", "German losses"."""
    if not _SIDE_SECTION.search(title):
        return frozenset()
    words = [w for w in re.findall(r"[A-Z][\w'’-]*", title) if w.lower() not in KINDS and w.lower() not in
             AGGREGATES and w.lower() not in NOUNS_BEFORE]  # fmt: skip
    named = {side_name(w) for w in words}
    return frozenset(named) if len(named) == 1 and side_name(words[0]) != words[0].lower() else frozenset()


def _stem_groups(stems: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """What to look for to find ``stems``: a stem alone, or the three letters that open several ("los" for
    "losses", "lost", "losing") and the stems to check at each place they occur."""
    groups: dict[str, list[str]] = {}
    for stem in stems:
        groups.setdefault(stem[:3], []).append(stem)
    return tuple((opening, tuple(group)) if len(group) > 1 else (group[0], None) for opening, group in groups.items())


# NOTE: each search reads the whole of the sentences' text: one search for stems that open alike, and a check at
# the few places it finds, costs less than one search for each.
_STEM_GROUPS = _stem_groups(LOSS_STEMS)
_NARROW_STEM_GROUPS = tuple(
    (needle.encode(), None if stems is None else tuple(stem.encode() for stem in stems))
    for needle, stems in _STEM_GROUPS
)
# Every match of RANGE_HINT is one of these in a ``narrowed`` copy whose digits are written "0" (``_TO_ZERO``): each
# class holds what RANGE_HINT's holds below U+0100 (``\d`` and ``\s`` of str patterns), and "?", which stands for
# every character above (a dash, a digit or a space outside Latin-1). NOTE: ``re`` looks for a pattern that opens with
# one character as quickly as str.find does, and tries one that opens with a class at every character, three times
# as slow here: so one opens with "0", the other with "?".
_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_NARROW_SPACE = rb"[\t\n\x0b\x0c\r\x1c-\x20\x85\xa0?]*"
_NARROW_RANGE_HINTS = tuple(
    re.compile(opening + _NARROW_SPACE + rb"(?:[?-]|to|and)" + _NARROW_SPACE + rb"[0?]") for opening in (rb"0", rb"\?")
)


# Every quantity holds a digit or one of the words of ``SPELLED``; in a ``narrowed`` copy, a digit is one of 0-9 or
# "?", which stands for every character outside Latin-1 (the digits of other scripts among them).
_DIGITS = tuple(character.encode() for character in "0123456789?")
_SPELLED = tuple(word.encode() for word in SPELLED)


def _may_count(joined: JoinedSentences, narrow: bytes, indexes: list[int]) -> tuple[set[int], set[int]]:
    """Those of the sentences ``indexes`` whose text in ``narrow`` (the ``narrowed`` copy of a text with no letter
    that folds to ASCII) holds a digit, and those whose text holds a word of ``SPELLED``: a sentence in neither holds
    no quantity.

    NOTE: most sentences about losses state no number, and few write one in words; a search of all of them at once,
    each word skipping to the next sentence once found, costs a fraction of the searches find_quantities makes in
    each sentence."""
    starts = [*joined.starts, len(narrow) + 1]  # and where a sentence after the last would start
    pieces = [narrow[starts[index] : starts[index + 1] - 1] for index in indexes]
    text = b"\x00".join(pieces)
    offsets = []
    at = 0
    for piece in pieces:
        offsets.append(at)
        at += len(piece) + 1
    offsets.append(at)
    found: tuple[set[int], set[int]] = (set(), set())
    for needles, holding in ((_DIGITS, found[0]), (_SPELLED, found[1])):
        for needle in needles:
            position = text.find(needle)
            while position != -1:
                piece = bisect_right(offsets, position) - 1
                holding.add(indexes[piece])
                position = text.find(needle, offsets[piece + 1])
    return found


def _range_sentences(joined: JoinedSentences, narrow: bytes) -> set[int]:
    r"""The sentences in which RANGE_HINT finds a place where a range may be: of those the searches of the
    ``narrowed`` copy find, each checked with RANGE_HINT itself (NOTE: the searches of the copy cost a third of one
    of the text, whose every character a ``\d`` is tried on)."""
    found: set[int] = set()
    tried: set[int] = set()
    text, starts = joined.text, joined.starts
    zeros = narrow.translate(_TO_ZERO)
    for pattern in _NARROW_RANGE_HINTS:
        for match in pattern.finditer(zeros):
            index = joined.sentence_at(match.start())
            if index not in tried:
                tried.add(index)
                end = starts[index + 1] if index + 1 < len(starts) else len(text)
                if RANGE_HINT.search(text, starts[index], end):
                    found.add(index)
    return found


def _stem_positions(text: str, narrow: bytes | None) -> list[int]:
    """Where a word about losses may start in ``text`` (``narrow``: its ``narrowed`` copy, or None when the text
    holds a letter that folds to ASCII, and a folded copy is searched); str.find is many times faster here than a
    regex."""
    if narrow is None:
        lowered: str | bytes = folded(text)
        groups: tuple = _STEM_GROUPS
    else:
        lowered, groups = narrow, _NARROW_STEM_GROUPS
    positions = []
    for needle, stems in groups:
        index = lowered.find(needle)
        while index != -1:
            if stems is None or lowered.startswith(stems, index):
                positions.append(index)
            index = lowered.find(needle, index + 1)
    return positions


def _infobox_sentences(fields: list[tuple[int, Block]], starts: list[int]) -> tuple[set[int], set[int]]:
    """The claim sentences of infobox fields: those read as prose (their label names no losses), read in
    full, and those read line by line with their field."""
    prose: set[int] = set()
    by_line: set[int] = set()
    for _, block in fields:
        sentences = range(bisect_left(starts, block.span.start), bisect_left(starts, block.span.end))
        (by_line if block.label and label_category(block.label) else prose).update(sentences)
    return prose, by_line
