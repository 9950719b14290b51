"""Report one quantity stated twice with values that cannot both be true.

## What it does
Compares counts of the same loss (killed, executed, wounded, captured,
missing) for the same side:
- within a paragraph, when the text ties the two together: one is presented as
  a competing report ("one report ... while another stated", "another report
  put the number at"), or a sentence right after a count gives an attributed
  count of the same thing ("executed up to 50 prisoners" ... "according to the
  SOHR, 42 people were executed");
- across the document, an infobox count against a whole-event count in the
  body ("in total", "overall", or a Casualties section) for the same side and
  category.

Two values conflict when the intervals they allow do not overlap: "up to 50"
allows 45 to 50, "nearly 100" 90 to 100, "at least 12" anything from 12, and a
rounded 2,800 anything from 2,750 to 2,850. Both places and both values are
named.

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
groups); "people" or "fighters" matches any side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from ..document import Document, Span
from ..extract.facts import Facts
from ..extract.figures import SUBSET, Figure, as_losses, same_side
from ..extract.quantities import Hedge
from .base import Hit, NoOptions
from .figure_text import claim, phrase, place
from .messages import identity

CODE = "NUM002"
NAME = "conflicting-figures"
SUMMARY = "One count of one event stated twice with values that cannot both be true"

_NEARBY = 2  # sentences between an attributed count and the count it answers
_SCALE = 3  # how far apart two reports of one incident can be when only an attribution ties them
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
_SUBSET_BEFORE = re.compile(r"\b(?:the other|the remaining|the rest of|another|of whom|of which)\s+$", re.I)
_TOTAL_SCOPE = re.compile(r"\b(?:in all|in total|altogether|overall|all told|from all causes)\b", re.IGNORECASE)
_OVERALL = re.compile(r"\b(?:in total|overall|a total of|altogether|in all|death toll|total)\b", re.IGNORECASE)
_CASUALTY_SECTION = re.compile(r"casualt|losses|death toll|aftermath", re.IGNORECASE)


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
        and not _subset(doc, f)
    ]
    body = [f for f in counts if not f.infobox]
    by_block: dict[int, list[Figure]] = {}
    for figure in body:
        by_block.setdefault(figure.block, []).append(figure)
    for block, figures in by_block.items():
        estimates_vary = _paragraph_competing(doc, block)
        for first, second in combinations(figures, 2):
            rivals = _rivals(doc, first, second, estimates_vary)
            if _answers(doc, first, second, rivals is not None) and _disagree(first, second, loose=bool(rivals)):
                yield _hit(doc, first, second, "within a paragraph")
    totals = {b.total for b in found.breakdowns if b.cue == "Total:"}
    for boxed in (f for f in counts if f.infobox):
        for stated in body:
            if _whole_event(doc, stated) and _same_count(boxed, stated, boxed in totals) and _disagree(boxed, stated):
                yield _hit(doc, boxed, stated, "between the infobox and the text")


def _rivals(doc: Document, first: Figure, second: Figure, estimates_vary: bool) -> bool | None:
    """Whether the text sets the two counts against each other as rival reports, and how plainly.

    True, plainly: "according to one report, 30 ..., while another stated nearly 100" in one
    sentence, "Another report put the number at 100" opening the next, or a paragraph opening
    "Casualty estimates vary widely" (``estimates_vary``). Counts set so plainly against each other are compared even
    when they name their categories or sides differently. False: the next sentence mentions other
    sources somewhere ("Livy mentions that other sources claim 32,000"), and the counts must match
    exactly. None: not set against each other.
    """
    a, b = doc.sentence_index(first.start), doc.sentence_index(second.start)
    if a is None or b is None:
        return None
    if (a == b and second.competing) or estimates_vary:
        return True
    if b == a + 1 and _COMPETING_OPENING.match(doc.masked, doc.sentences[b].span.start):
        return True
    if b == a + 1 and second.competing:
        return False
    return None


def _answers(doc: Document, first: Figure, second: Figure, competing: bool) -> bool:
    """Whether the text ties the second count to the first as another report of it."""
    a, b = doc.sentence_index(first.start), doc.sentence_index(second.start)
    if a is None or b is None or not 0 <= b - a <= _NEARBY:
        return False
    if first.period != second.period:
        return False  # "since 9 April" counts a period, not the incident before it
    if _scope(doc, first) != _scope(doc, second):
        return False  # "30 died on the spot" and "60 died in all" count different things
    if competing:
        return True
    if a == b or not (second.source or first.source) or second.source == first.source:
        return False
    if max(first.quantity.high, second.quantity.high) > _SCALE * min(first.quantity.high, second.quantity.high):
        return False  # an attributed count this far off counts something wider, not the same incident
    if _ALSO.search(doc.masked, doc.sentences[b].span.start, second.start):
        return False
    return not any(_MOVES_ON.match(doc.masked, doc.sentences[i].span.start) for i in range(a + 1, b + 1))


def _paragraph_competing(doc: Document, block: int) -> bool:
    """A paragraph that opens "Casualty estimates for the battle vary widely" sets its counts against each other."""
    span = doc.blocks[block].span
    first = doc.sentence_at(span.start)
    end = first.content_end if first else span.end
    return bool(_ESTIMATES_VARY.search(doc.masked, span.start, end))


def _subset(doc: Document, figure: Figure) -> bool:
    """ "About 6,800 of these deaths", "the other 17,000": part of a count given before, not a rival to it."""
    if SUBSET & set(figure.group.split()):
        return True
    return bool(_SUBSET_BEFORE.search(doc.masked, max(0, figure.start - 24), figure.start))


def _scope(doc: Document, figure: Figure) -> bool:
    """Whether a count claims everyone ("60 died in all") rather than one moment ("30 on the spot")."""
    return bool(_TOTAL_SCOPE.search(doc.masked, max(0, figure.start - 30), figure.end + 50))


def _disagree(first: Figure, second: Figure, loose: bool = False) -> bool:
    """Same category (overlapping, for competing reports), compatible sides, values that cannot both hold."""
    a, b = as_losses(first.category), as_losses(second.category)
    if not (a & b if loose else first.category == second.category) or not same_side(first, second, loose):
        return False
    low_a, high_a = first.quantity.bounds
    low_b, high_b = second.quantity.bounds
    return high_a < low_b or high_b < low_a


def _whole_event(doc: Document, figure: Figure) -> bool:
    """A body count that claims the whole event's toll, not one incident's or one period's."""
    if figure.period:
        return False
    section = doc.sections[doc.blocks[figure.block].section]
    sentence = doc.sentence_at(figure.start)
    start = sentence.span.start if sentence else figure.start
    return bool(_CASUALTY_SECTION.search(section.title) or _OVERALL.search(doc.masked, start, figure.end + 40))


def _same_count(boxed: Figure, stated: Figure, is_total: bool) -> bool:
    """Same category and side; a count of everyone only matches the infobox's total."""
    if boxed.category != stated.category or not same_side(boxed, stated):
        return False
    return bool(boxed.sides) or is_total


def _hit(doc: Document, first: Figure, second: Figure, where: str) -> Hit:
    message = (
        f"Conflicting figures {where}: {phrase(doc, first)} at {place(doc, first)}{_according(first)}"
        f" and {phrase(doc, second)} at {place(doc, second)}{_according(second)}"
    )
    text = claim(doc, second)
    return Hit(
        span=Span(second.start, second.end),
        message=message,
        excerpt=text,
        key=f"conflict {identity(claim(doc, first))} {identity(text)}",
        evidence={
            "first": {"text": doc.readable[first.start : first.end], "line": doc.line_col(first.start)[0]},
            "second": {"text": doc.readable[second.start : second.end], "line": doc.line_col(second.start)[0]},
            "category": sorted(second.category),
            "sources": [first.source, second.source],
        },
    )


def _according(figure: Figure) -> str:
    return f" (according to {figure.source})" if figure.source else ""
