"""Report one quantity stated twice with values that cannot both be true.

## What it does
Compares counts of the same loss (killed, executed, wounded, captured,
missing) for the same side:
- within a paragraph or a note, when the text ties the two together: one is
  presented as a competing report ("one report ... while another stated",
  "another report put the number at"), two sources give one sentence's counts
  ("A puts it at 70, while B reports 100"; "70 according to A; 100 according
  to B"), or a sentence right after a count gives an attributed count of the
  same thing ("executed up to 50 prisoners" ... "according to the SOHR, 42
  people were executed");
- across the document, an infobox count against a whole-event count in the
  body ("in total", "overall", or a Casualties section) for the same side and
  category; an infobox count's side is its column's combatant ("casualties2"
  belongs to "combatant2") or the header above it.

What a count counts is read anywhere in its clause, before or after the
number; counts of different scope (a part of a force, a period, a place, one
incident, a rate, a subset after "including" or "of whom") are never rivals.
Two values conflict when the intervals they allow do not overlap: "up to 50"
allows 45 to 50, "nearly 100" 90 to 100, "at least 12" anything from 12, and a
rounded 2,800 anything from 2,750 up to, but not including, 2,850. A count of
casualties against a count of the dead among them conflicts only by being
smaller. Both places and both values are named.

## Why it matters
When a document gives two incompatible counts of one event, a reader quoting
either is misled, and the disagreement is usually the trace of an update that
reached one place and not the other.

## Example
```text
On 7 January, ISIL executed up to 50 prisoners in Aleppo.[1] According to the SOHR, 42 people were executed.[2]

  1. ^ ISIL executes prisoners Reuters 7 January 2014
  2. ^ SOHR report SOHR 8 January 2014
```

## Use instead
```text
On 7 January, ISIL executed 42 prisoners in Aleppo, according to the SOHR; earlier reports said up to 50.[1]

  1. ^ SOHR report SOHR 8 January 2014
```

## Options
None.

## Limits
Counts in different paragraphs are compared only between the infobox and a
whole-event count: two incidents a paragraph apart cannot yet be told from one
(dates will tell them apart). Counts qualified by a period ("since 9 April",
"by 25 February") are cumulative and are not compared with whole-event counts.
Sides are told apart by the words naming them (rebels, ISIL, civilians, named
groups, the infobox's combatants and their demonyms); "people" or "fighters"
matches any side. A body count naming one of several combatants of a column is
not compared with that column's count, which is all of theirs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from ..document import Document, Span
from ..extract.facts import Facts
from ..extract.figure_model import INCIDENT, SUBSET_OF, Figure, Figures, as_losses, same_scope, same_side
from ..extract.quantities import Hedge
from ..extract.vocabulary import SUBSET, WOUNDED
from .base import Hit, NoOptions
from .figure_text import claim, phrase, place, source
from .messages import identity

CODE = "NUM002"
NAME = "conflicting-figures"
SUMMARY = "One count of one event stated twice with values that cannot both be true"

_NEARBY = 2  # sentences between an attributed count and the count it answers
# A sentence that moves on to another event does not answer the count before it.
_MOVES_ON = re.compile(
    r"\W*(?:Meanwhile|Later|Earlier|Elsewhere|Separately|Also|Additionally|Afterwards|After|Another|The next|"
    r"The same|The following|At the same time|On \d|On the|By \d|In [A-Z]|\w+ days? later)\b"
)
_ALSO = re.compile(r"\b(?:also|another|more|further|additional)\b")
_COMPETING_OPENING = re.compile(
    r"\W*(?:However,?\s+)?(?:another|other|a second|a different|some|one)\s+(?:report|source|estimate|account)s?\b",
    re.IGNORECASE,
)
_ESTIMATES_VARY = re.compile(r"\b(?:estimates|figures|accounts|reports)\b[^.]{0,40}\b(?:vary|varies|differ)", re.I)
_TOTAL_SCOPE = re.compile(r"\b(?:in all|in total|altogether|overall|all told|from all causes)\b", re.IGNORECASE)
_OVERALL = re.compile(r"\b(?:in total|overall|a total of|altogether|in all|death toll|total)\b", re.IGNORECASE)
_CASUALTY_SECTION = re.compile(r"casualt|losses|death toll|aftermath|toll|result", re.IGNORECASE)


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    found = facts.figures
    parts = found.parts
    # A part ("including 21 rebels") is a subset of its total, not another count of it; an infobox's
    # per-side lines are the primary counts, though, and are compared with the text.
    counts = [
        f
        for f in found.figures
        if f.category
        and not f.extra
        and (f.infobox or f not in parts)
        and f.quantity.hedge is not Hedge.VAGUE
        and SUBSET_OF not in f.scope
        and not SUBSET & set(f.group.split())
    ]
    body = [f for f in counts if not f.infobox]
    by_block: dict[int, list[Figure]] = {}
    for figure in body:
        by_block.setdefault(figure.block, []).append(figure)
    for figures in by_block.values():
        estimates_vary = _paragraph_competing(doc, found, figures[0])
        for first, second in _nearby_pairs(found, figures, estimates_vary):
            rivals = _rivals(doc, found, first, second, estimates_vary)
            if _answers(doc, found, first, second, rivals) and _disagree(first, second, loose=bool(rivals)):
                yield _hit(doc, found, first, second, "within a paragraph" if not _noted(found, first) else "in a note")
    totals = {b.total for b in found.breakdowns if b.cue == "Total:"}
    overall: dict[int, re.Match[str] | None] = {}
    stated = [
        f for f in body if not found.units[f.unit].note and not f.competing and _whole_event(doc, found, f, overall)
    ]
    for boxed in (f for f in counts if f.infobox):
        for other in stated:
            if _same_count(boxed, other, boxed in totals) and _disagree(boxed, other):
                yield _hit(doc, found, boxed, other, "between the infobox and the text")


def _nearby_pairs(found: Figures, figures: list[Figure], estimates_vary: bool) -> Iterator[tuple[Figure, Figure]]:
    """The pairs ``_answers`` can accept, in the order ``combinations`` gives them: the second count at most
    ``_NEARBY`` sentences after the first, and, in the first's own sentence, only one that a reader could
    take for a rival report (``_rivals``): a competing one, or one another source gives. The counts of a
    sentence are kept by source, so a sentence of thousands of counts from one source is compared in
    linear time, not pair by pair."""
    by_sentence: dict[int, list[int]] = {}
    for index, figure in enumerate(figures):
        by_sentence.setdefault(found.units[figure.unit].sentence, []).append(index)
    by_source: dict[int, dict[str | None, list[int]]] = {}  # each sentence's counts by source
    competing: dict[int, list[int]] = {}  # each sentence's competing counts
    for sentence, indexes in by_sentence.items():
        for index in indexes:
            by_source.setdefault(sentence, {}).setdefault(figures[index].source, []).append(index)
            if figures[index].competing:
                competing.setdefault(sentence, []).append(index)
    for index, first in enumerate(figures):
        sentence = found.units[first.unit].sentence
        if estimates_vary:
            later = set(_after(by_sentence[sentence], index))
        else:
            later = set(_after(competing.get(sentence, []), index))
            for source, indexes in by_source[sentence].items():
                if source != first.source:
                    later.update(_after(indexes, index))
        for step in range(1, _NEARBY + 1):
            later.update(_after(by_sentence.get(sentence + step, []), index))
        for other in sorted(later):
            yield first, figures[other]


def _after(indexes: list[int], index: int) -> list[int]:
    """Those of the sorted ``indexes`` above ``index``."""
    return indexes[bisect_right(indexes, index) :]


def _noted(found: Figures, figure: Figure) -> bool:
    return found.units[figure.unit].note


def _rivals(doc: Document, found: Figures, first: Figure, second: Figure, estimates_vary: bool) -> bool | None:
    """Whether the text sets the two counts against each other as rival reports, and how plainly.

    True, plainly: "according to one report, 30 ..., while another stated nearly 100" in one sentence,
    "A puts it at 70, while B reports 100" (two sources in one sentence), "Another report put the number
    at 100" opening the next, or a paragraph opening "Casualty estimates vary widely"
    (``estimates_vary``). Counts set so plainly against each other are compared even when they name their
    categories or sides differently. False: the next sentence mentions other sources somewhere ("Livy
    mentions that other sources claim 32,000"), and the counts must match exactly. None: not set against
    each other.
    """
    a, b = found.units[first.unit], found.units[second.unit]
    if (a.sentence == b.sentence and second.competing) or estimates_vary:
        return True
    if a.sentence == b.sentence and first.source and second.source and first.source != second.source:
        return True
    if b.sentence == a.sentence + 1 and _COMPETING_OPENING.match(source(doc, found, second), b.span.start):
        return True
    if b.sentence == a.sentence + 1 and second.competing:
        return False
    return None


def _answers(doc: Document, found: Figures, first: Figure, second: Figure, rivals: bool | None) -> bool:
    """Whether the text ties the second count to the first as another report of the same thing."""
    a, b = found.units[first.unit], found.units[second.unit]
    if not 0 <= b.sentence - a.sentence <= _NEARBY:
        return False
    if not same_scope(first, second):
        return False  # "since 9 April", "restricted to the First and Third Armies": another quantity
    text = source(doc, found, second)
    if _total_scope(text, first) != _total_scope(text, second):
        return False  # "30 died on the spot" and "60 died in all" count different things
    if rivals is not None:
        return True
    if a.sentence == b.sentence or not (second.source or first.source) or second.source == first.source:
        return False
    if (INCIDENT in first.scope) != (INCIDENT in second.scope):
        return False  # "The car bomb killed 26 people." "According to the SOHR, 5,641 people had been killed."
    if _ALSO.search(text, b.span.start, second.start):
        return False
    if a.note:
        starts = {u.sentence: u.span.start for u in found.units if u.block == first.block}
    else:
        starts = {i: doc.sentences[i].span.start for i in range(a.sentence + 1, b.sentence + 1)}
    return not any(_MOVES_ON.match(text, starts[i]) for i in range(a.sentence + 1, b.sentence + 1))


def _paragraph_competing(doc: Document, found: Figures, figure: Figure) -> bool:
    """A paragraph that opens "Casualty estimates for the battle vary widely" sets its counts against each other."""
    if _noted(found, figure):
        return False
    span = doc.blocks[figure.block].span
    first = doc.sentence_at(span.start)
    end = first.content_end if first else span.end
    return bool(_ESTIMATES_VARY.search(doc.masked, span.start, end))


def _total_scope(text: str, figure: Figure) -> bool:
    """Whether a count claims everyone ("60 died in all") rather than one moment ("30 on the spot")."""
    return bool(_TOTAL_SCOPE.search(text, max(0, figure.start - 30), figure.end + 50))


def _disagree(first: Figure, second: Figure, loose: bool = False) -> bool:
    """Same category (overlapping, for competing reports), compatible sides, values that cannot both hold.

    A count of casualties takes in the wounded, who outnumber the dead: against a count of some of its
    kinds ("84,000 killed" against "20,000 casualties") it conflicts only by being smaller."""
    a, b = as_losses(first.category), as_losses(second.category)
    if not (a & b if loose else first.category == second.category) or not same_side(first, second, loose):
        return False
    narrow, wide = (first, second) if a < b else (second, first) if b < a else (None, None)
    if narrow is not None and wide is not None and WOUNDED in wide.category - narrow.category:
        return narrow.quantity.bounds.low > wide.quantity.bounds.high
    return not first.quantity.bounds.overlaps(second.quantity.bounds)


def _whole_event(doc: Document, found: Figures, figure: Figure, overall: dict[int, re.Match[str] | None]) -> bool:
    """A body count that claims the whole event's toll, not one incident's, one period's or one part's: in a
    top-level section on casualties or the aftermath, or in the lead with words that claim the whole ("in
    total", "overall"). A narrative section's counts ("Second phase" ... "Aftermath") are its part's."""
    if figure.scope:
        return False
    section = doc.sections[doc.blocks[figure.block].section]
    path = section.path
    if path and any(s.level == 1 and s.path == path[:1] for s in doc.sections):
        path = path[1:]  # a Markdown report's title heading is its lead's
    if path:
        return bool(_CASUALTY_SECTION.search(path[0]))
    # The unit's first "in total" or "overall" (``overall``: by unit), found once per unit: searching from
    # the unit's start for each count made a sentence of thousands of counts quadratic.
    span = found.units[figure.unit].span
    if figure.unit not in overall:
        overall[figure.unit] = _OVERALL.search(doc.masked, span.start, span.end + 40)
    first, end = overall[figure.unit], figure.end + 40
    if first is None or first.start() >= end:
        return False
    return first.end() <= end or bool(_OVERALL.search(doc.masked, span.start, end))  # a cue the window cuts


def _same_count(boxed: Figure, stated: Figure, is_total: bool) -> bool:
    """Same category and side; a count of everyone only matches the infobox's total."""
    if boxed.category != stated.category:
        return False
    if boxed.sides or stated.sides:
        return boxed.sides == stated.sides
    return is_total


def _hit(doc: Document, found: Figures, first: Figure, second: Figure, where: str) -> Hit:
    message = (
        f"Conflicting figures {where}: {phrase(doc, found, first)} at {place(doc, found, first)}{_according(first)}"
        f" and {phrase(doc, found, second)} at {place(doc, found, second)}{_according(second)}"
    )
    text = claim(doc, found, second)
    return Hit(
        span=Span(second.start, second.end),
        message=message,
        excerpt=text,
        key=f"conflict {identity(claim(doc, found, first))} {identity(text)}",
        evidence={
            "first": {"text": source(doc, found, first)[first.start : first.end].strip(),
                      "line": doc.line_col(first.start)[0]},
            "second": {"text": source(doc, found, second)[second.start : second.end].strip(),
                       "line": doc.line_col(second.start)[0]},
            "category": sorted(second.category),
            "sources": [first.source, second.source],
        },
    )  # fmt: skip


def _according(figure: Figure) -> str:
    return f" (according to {figure.source})" if figure.source else ""
