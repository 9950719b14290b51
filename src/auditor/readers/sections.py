"""Assign paragraphs to sections using a copy's table of contents.

Copies lose headings and may even reverse the order of paragraphs, so a heading
follows its section. The table of contents keeps the true order: headings found
in the text are aligned with it, reversal is detected from their order, and a
heading the copy lost is placed where it left a wider gap (two or more blank
lines), when there are exactly as many gaps as lost headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from ..document import Span

# Sections that hold lists of sources or links, never prose: their lines are not claims.
NON_PROSE = frozenset(
    {
        "references",
        "notes",
        "footnotes",
        "endnotes",
        "explanatory notes",
        "citations",
        "sources",
        "primary sources",
        "secondary sources",
        "general references",
        "bibliography",
        "select bibliography",
        "selected bibliography",
        "works cited",
        "cited works",
        "reference literature",
        "see also",
        "external links",
        "further reading",
        "reading list",
        "notes and references",
        "references and notes",
        "sources and further reading",
        "bibliography and further reading",
    }
)
# Titles that name a list of sources only as a section of their own: "Literature" under "Culture" is prose.
NON_PROSE_AT_TOP = frozenset({"literature"})


def prose_section(path: tuple[str, ...]) -> bool:
    """Whether a section, by its path of titles (outermost first), holds prose rather than a list of sources."""
    if any(normalise(title) in NON_PROSE for title in path):
        return False
    return not (path and normalise(path[0]) in NON_PROSE_AT_TOP)


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A line of a copy's table of contents."""

    title: str
    number: str  # "2.1"


@dataclass(slots=True)
class Item:
    """A heading or a paragraph of the body, in text order."""

    heading: str | None  # the title when this item is a heading
    span: Span
    gap_before: bool  # two or more blank lines precede it


@dataclass(frozen=True, slots=True)
class SectionPlan:
    """A section as the reader plans it before the document is built."""

    title: str
    path: tuple[str, ...]
    heading: Span | None
    level: int


def toc_paths(toc: list[TocEntry]) -> list[tuple[str, ...]]:
    by_number: dict[str, str] = {}
    paths = []
    for entry in toc:
        by_number[entry.number] = entry.title
        parts = entry.number.split(".")
        path = tuple(by_number.get(".".join(parts[: i + 1]), "") for i in range(len(parts) - 1))
        paths.append((*path, entry.title))
    return paths


def normalise(title: str) -> str:
    return " ".join(title.split()).casefold()


def plan_sections(items: list[Item], toc: list[TocEntry]) -> tuple[list[SectionPlan], list[int | None], bool]:
    """Return the sections, each item's section (None = the lead) and whether order is reversed.

    Headings map to themselves; lost headings become sections without a heading span.
    """
    paths = toc_paths(toc)
    index_of = {normalise(e.title): i for i, e in enumerate(toc)}
    plans: list[SectionPlan] = []
    plan_of_toc: dict[int, int] = {}

    def plan_for(toc_index: int, heading: Span | None) -> int:
        if toc_index not in plan_of_toc:
            entry = toc[toc_index]
            plans.append(SectionPlan(entry.title, paths[toc_index], heading, len(paths[toc_index]) + 1))
            plan_of_toc[toc_index] = len(plans) - 1
        return plan_of_toc[toc_index]

    found = [index_of.get(normalise(item.heading), -1) if item.heading else None for item in items]
    order = [i for i in found if i is not None and i >= 0]
    backwards = sum(1 for a, b in pairwise(order) if b < a)
    reversed_order = len(order) >= 2 and backwards > (len(order) - 1 - backwards)

    positions = list(range(len(items)))
    if reversed_order:
        positions.reverse()

    def gap_between(a: int, b: int) -> bool:
        return items[max(a, b)].gap_before

    prose = [i for i, e in enumerate(toc) if normalise(e.title) not in NON_PROSE]
    assigned: list[int | None] = [None] * len(items)
    current: int | None = None
    current_toc = -1
    stretch: list[int] = []

    def flush(next_toc: int | None) -> None:
        nonlocal current
        if not stretch:
            return
        lower = current_toc
        upper = next_toc if next_toc is not None else len(toc)
        missing = [i for i in prose if lower < i < upper]
        gaps = [k for k in range(1, len(stretch)) if gap_between(stretch[k - 1], stretch[k])]
        leading = current is None
        if leading and not reversed_order:
            missing = []  # the lead precedes the first heading of a copy in reading order
        if missing and len(gaps) == len(missing) - (1 if leading else 0):
            cuts = ([0] if leading else []) + gaps
            owner = current
            for k, position in enumerate(stretch):
                if k in cuts:
                    owner = plan_for(missing[cuts.index(k)], None)
                assigned[position] = owner
        else:
            owner = current
            if leading and missing:
                owner = plan_for(missing[-1], None)
            for position in stretch:
                assigned[position] = owner
        stretch.clear()

    for position in positions:
        item = items[position]
        if item.heading is not None:
            toc_index = found[position]
            if toc_index is None or toc_index < 0:
                continue
            flush(toc_index)
            current = plan_for(toc_index, item.span)
            current_toc = toc_index
        else:
            stretch.append(position)
    flush(None)
    return plans, assigned, reversed_order
