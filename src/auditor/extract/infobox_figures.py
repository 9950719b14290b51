"""Figures in infobox fields: each field's lines, the sides they belong to, and the totals among them.

A field counts losses or strength when its label says so ("casualties1",
"Casualties and losses", "Reported killed"). Its counts belong to a side: the
one a header line inside the field names ("United States:", "; American"), else
the one its column belongs to, read from the combatant field of the same column
("casualties2" under "combatant2"; in rendered HTML, the cell under the second
belligerent).

A field-wide ``Total:`` line covers the groups before it, or, when it comes
first, the groups after it. A side's group counts as its own total when it
states one ("Anglo-allies: 17,000", "3,798 total"), else as the figures it
lists; a group whose first count is an aggregate (casualties) followed by counts
of disjoint kinds within it is a candidate total too ("89,500 casualties /
19,000 killed / 47,500 wounded / 23,000 captured or missing"). A side listed
deeper under another ("* Netherlands: 17,000") is one of its lines. Lines in
brackets ("(2,112 in the United States)") and figures another figure's
"including" covers are not parts; a line that names people without a count
makes the list incomplete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import takewhile
from typing import NamedTuple

from ..document import Block, Document, Span
from .breakdowns import fits, sentence_breakdowns, split_of
from .counts import INCLUSIVE, Context, read_counts
from .figure_model import Breakdown, Figure, Unit, as_losses, covers, moved, moved_breakdown
from .quantities import Hedge
from .squeeze import Squeezed, squeeze
from .vocabulary import CASUALTIES, FORCE_UNITS, GENERIC, KINDS, STRENGTH, side_name

_TOTAL_LINE = re.compile(r"^\W*(?:overall\s+)?total\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}total\b", re.IGNORECASE)  # "3,798 total", "24,500 men total"
_HEADER = re.compile(r"^\W*(?P<name>[^\d:]{2,40}?)\s*:\s*(?P<rest>.*)$")
_TERM = re.compile(r"^\s*;\s*(?P<name>[^\d:;]{2,40}?)\s*$")  # "; American": a definition list's term
_BREAKDOWN_LABEL = re.compile(r"casualt|loss|strength", re.IGNORECASE)
_SIDE_LABEL = re.compile(r"combatant|belligerent", re.IGNORECASE)
_BRACKET = re.compile(r"[\[\]]")
_NOT_A_SIDE = FORCE_UNITS | {"navy", "air force", "militia", "regulars", "initial", "reinforcements", "estimated"}


class Line(NamedTuple):
    squeezed: Squeezed
    figures: list[Figure]  # in the squeezed text's offsets
    depth: int  # list depth in the source ("* Netherlands: 17,000" under "Anglo-allies: 68,000")

    @property
    def text(self) -> str:
        return self.squeezed.text


@dataclass
class _Group:
    """A side's lines in a field ("United States:" and what follows), or one line outside any side."""

    total: Figure | None  # the group's own total, if it states one
    members: list[Figure]  # the figures its lines list, brackets left out
    top: bool = False  # a field-wide "Total:" line
    partial: bool = False  # a line names people without a count ("the rest were militia"): the list is incomplete


@cache
def label_category(label: str) -> frozenset[str]:
    """What the numbers of a field count, from its label: "casualties1", "strength2", "Reported killed"."""
    if _BREAKDOWN_LABEL.search(label):
        return frozenset({STRENGTH}) if "strength" in label.casefold() else CASUALTIES
    return frozenset(KINDS[word] for word in re.findall(r"[a-z]+", label.casefold()) if word in KINDS)


def column_sides(doc: Document, fields: list[tuple[int, Block]]) -> dict[int, frozenset[str]]:
    """The sides each infobox column belongs to: the names its combatant field lists, one a line; ``fields``:
    the document's infobox fields, with their indexes among its blocks."""
    sides: dict[int, set[str]] = {}
    for _, block in fields:
        if block.column and _SIDE_LABEL.search(block.label or ""):
            for line in _joined_links(doc, block.span.start, block.span.end).split("\n"):
                name = " ".join(re.sub(r"\(.*?\)|[^\w\s.'’-]", " ", line).split())
                if name and not name[0].isdigit():
                    sides.setdefault(block.column, set()).add(side_name(name))
    return {column: frozenset(names) for column, names in sides.items()}


def _joined_links(doc: Document, start: int, end: int) -> str:
    """The text of a span, markup blanked, with link brackets taking no room: "[[Cavalier|Royalist]]s" reads
    "Royalists", as it renders, not "Royalist  s"."""
    masked = doc.masked
    pieces = []
    position = start
    for bracket in _BRACKET.finditer(doc.text, start, end):  # a few, where a loop over every letter was slow
        if masked[bracket.start()] == " ":
            pieces.append(masked[position : bracket.start()])
            position = bracket.end()
    pieces.append(masked[position:end])
    return "".join(pieces)


def field_figures(
    doc: Document, fields: list[tuple[int, Block]], units: list[Unit], columns: dict[int, frozenset[str]]
) -> tuple[list[Figure], list[Breakdown]]:
    """The figures of every field (of ``fields``, with their indexes among the blocks) that counts losses or
    strength, and the totals among them; ``columns``: the sides of each column (``column_sides``)."""
    masked = doc.masked
    figures: list[Figure] = []
    breakdowns: list[Breakdown] = []
    for label, lines in _fields(fields, masked):
        default = label_category(label)
        read: list[Line] = []
        inner: set[Figure] = set()
        side: tuple[int, frozenset[str]] | None = None  # the depth and side of the open header
        in_line: list[Breakdown] = []
        for start, end, block in lines:
            squeezed = squeeze(masked, start, end)
            depth = _depth(doc.text, start)
            if side is not None and (depth < side[0] or _TOTAL_LINE.match(squeezed.text)):
                side = None  # a line shallower than the header's, or the field's total, is no longer its side's
            if named := _header_side(squeezed.text):
                side = (depth, named)
            context = Context(
                block,
                len(units),
                True,
                default,
                side[1] if side else columns.get(doc.blocks[block].column, frozenset()),
            )
            units.append(Unit(Span(start, end), block, len(units), False))
            found = read_counts(squeezed.text, context)
            breakdowns_here = sentence_breakdowns(squeezed.text, found, lists=True)
            inner.update(part for b in breakdowns_here for part in b.parts)
            in_line.extend(moved_breakdown(b, lambda f, s=squeezed: moved(f, s)) for b in breakdowns_here)
            read.append(Line(squeezed, found, depth))
        placed = {f: moved(f, line.squeezed) for line in read for f in line.figures}
        figures.extend(placed.values())
        breakdowns.extend(in_line)
        breakdowns.extend(moved_breakdown(b, placed.__getitem__) for b in _field_breakdowns(read, frozenset(inner)))
    return figures, breakdowns


def _header_side(text: str) -> frozenset[str]:
    """The side a header line names: "United States:", "'''Anglo-allies''': 68,000", "; American"."""
    match = _TERM.match(text) or _HEADER.match(text.strip())
    if match is None or re.search(r"\d", match["name"]) or _TOTAL_LINE.match(text):
        return frozenset()
    name = " ".join(re.sub(r"[^\w\s.'’-]", " ", match["name"]).split())
    if not name or not name[0].isupper() or name.casefold() in _NOT_A_SIDE or set(name.lower().split()) & GENERIC:
        return frozenset()
    return frozenset({side_name(name)})


def _fields(blocks: list[tuple[int, Block]], masked: str) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Each field that counts losses or strength, as its lines (start, end, block); a copy gives one block per
    line, and a field's blocks follow each other."""
    fields: list[tuple[str, list[tuple[int, int, int]]]] = []
    previous: tuple[str, int, int] | None = None  # the label, column and index of the last block of the field
    for index, block in blocks:
        if not block.label or not label_category(block.label):
            continue
        if previous is None or (block.label, block.column, index - 1) != previous:
            fields.append((block.label, []))
        previous = (block.label, block.column, index)
        position = block.span.start
        for line in masked[block.span.start : block.span.end].split("\n"):
            if line.strip():
                fields[-1][1].append((position, position + len(line), index))
            position += len(line) + 1
    return fields


def _depth(source: str, start: int) -> int:
    """How deep a line sits in a wikitext list: the bullets at its start in the source."""
    line_start = source.rfind("\n", 0, start) + 1
    head = source[line_start : start + 1].lstrip(" \t")
    return len(head) - len(head.lstrip("*#:;"))


def _field_breakdowns(lines: list[Line], inner: frozenset[Figure]) -> list[Breakdown]:
    groups = _groups(lines, inner)
    found: list[Breakdown] = []
    covered_until = 0
    for position, group in enumerate(groups):
        if group.total is None:
            if len(group.members) > 2 and split_of(group.members[0], group.members[1:]):
                parts = group.members[1:]  # "89,500 casualties / 19,000 killed / 47,500 wounded / ..."
                found.append(Breakdown(group.members[0], tuple(parts), (), not group.partial, "kinds"))
            continue
        if not group.top:
            parts = [f for f in group.members if fits(f, group.total)]
            exhaustive = _split_by_kind(group.total, parts) and not group.partial
            found.append(Breakdown(group.total, tuple(parts), (), exhaustive, "total"))
            continue
        before = groups[covered_until:position]
        after = list(takewhile(lambda g: not g.top, groups[position + 1 :]))
        covered = before if before else after
        covered_until = position + 1 + (0 if before else len(after))
        parts: list[Figure] = []
        extras: list[Figure] = []
        for member in covered:
            for figure in _counted_by(member):
                if fits(figure, group.total):
                    (extras if figure.extra and not group.total.extra else parts).append(figure)
        complete = not any(member.partial for member in covered) and not group.partial
        found.append(Breakdown(group.total, tuple(parts), tuple(extras), complete, "Total:"))
    return [b for b in found if b.parts]


def _counted_by(group: _Group) -> list[Figure]:
    """What a group adds to a field's total: its own total, else its aggregate over kinds, else its lines."""
    if group.total:
        return [group.total]
    if len(group.members) > 2 and split_of(group.members[0], group.members[1:]):
        return [group.members[0]]
    return group.members


def _split_by_kind(total: Figure, parts: list[Figure]) -> bool:
    """ "3,798 total / 504 killed / 1,881 wounded / 1,413 missing" splits casualties by kind and is
    exhaustive; "43,633 total dead / 9,372 killed in battle" lists some causes of death and is not."""
    return split_of(total, parts) or covers(total.category, [p.category for p in parts])


def _groups(lines: list[Line], inner: frozenset[Figure]) -> list[_Group]:
    groups: list[_Group] = []
    side: int | None = None  # the depth of the open side's header; None when no side is open
    for line in lines:
        text = line.text.strip()
        listing = _listing_end(line.text)
        counted = [
            f
            for f in line.figures
            if f.category and f.quantity.hedge is not Hedge.VAGUE and f not in inner and f.start < listing
        ]
        header = _HEADER.match(text)
        if _TOTAL_LINE.match(text):
            groups.append(_Group(counted[0] if counted else None, counted[1:], top=True))
            side = None
        elif (header and not re.search(r"\d", header["name"])) or (_TERM.match(text) and not line.figures):
            if side is not None and line.depth > side:
                groups[-1].members.extend(counted)  # a side within the open one
                continue
            # "Anglo-allies: 17,000" states the side's total; "Germans: 1,800 killed in battle" one of its lines.
            own = counted[0] if counted and counted[0].implied else None
            groups.append(_Group(own, counted[1:] if own else counted))
            side = line.depth
        elif text.startswith("("):
            continue
        elif counted and (text.endswith(":") or _TOTAL_AFTER.match(line.text, counted[0].end)):
            if side is not None and groups[-1].total is None and not groups[-1].members:
                groups[-1].total, groups[-1].members = counted[0], counted[1:]  # "United States:", "25,000 total"
            else:
                groups.append(_Group(counted[0], counted[1:]))
                side = line.depth
        elif side is not None and groups:
            groups[-1].members.extend(counted)
            groups[-1].partial |= not line.figures and _names_people_text(text)
        elif counted:
            groups.append(_Group(None, counted))
        elif not line.figures and _names_people_text(text):
            groups.append(_Group(None, [], partial=True))
    return _join_kind_lists(groups)


def _join_kind_lists(groups: list[_Group]) -> list[_Group]:
    """Lines outside any side that list an aggregate and then its kinds, one a line, are one group."""
    joined: list[_Group] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.total is None
            and group.total is None
            and not (previous.top or group.top or group.partial)
            and len(group.members) == 1
            and previous.members
            and _extends_split(previous.members, group.members[0])
        ):
            previous.members.append(group.members[0])
            continue
        joined.append(group)
    return joined


def _extends_split(members: list[Figure], figure: Figure) -> bool:
    """Whether ``figure`` counts a kind within the aggregate that opens ``members``, and none listed yet."""
    aggregate = as_losses(members[0].category)
    kinds = as_losses(figure.category)
    if len(aggregate) < 2 or not kinds or not kinds < aggregate or (figure.sides and figure.sides != members[0].sides):
        return False
    return all(not (kinds & as_losses(m.category)) for m in members[1:])


_OF_WHICH = re.compile(r"\bof (?:which|whom)\b", re.IGNORECASE)


def _listing_end(text: str) -> int:
    """Where the line's first "including" or "of which" ends (past the end when it has none): every figure
    after it is listed within another line's count. Found once per line, not once per figure."""
    found = [m.end() for m in (INCLUSIVE.search(text), _OF_WHICH.search(text)) if m]
    return min(found, default=len(text) + 1)


def _names_people_text(text: str) -> bool:
    """A line such as "the rest were Hispanic Americans and militia": people, and no count of them."""
    words = [word.lower() for word in re.findall(r"[A-Za-z]+", text)]
    if "rest" in words or "others" in words:
        return True
    return len(words) >= 3 and any(word in GENERIC or word.rstrip("s") in GENERIC for word in words)
