"""Report narrative dates that run backwards within a section, and a copy whose paragraphs run backwards.

## What it does
Follows the date each paragraph opens with ("On 9 October, ...", "By late
May, ...") through its section and reports one that is earlier than the
paragraph before it. When a copy has reversed the order of its paragraphs
throughout (each heading follows its section, every section's dates run
backwards), that is reported once for the document, and dates are then
followed in the narrative's own order.

## Why it matters
Histories are told in order; a date out of order is usually a wrong year or
month, or a paragraph moved without its context. A copy with its paragraphs
reversed misleads every reader who does not notice, and a partial date such
as "On 9 October" takes its year from what precedes it in the narrative.

## Example
```text
On 12 May 2014, rebels took the hill.[1]

On 3 May 2014, ISIL retook it.[2]

  1. ^ Rebels take the hill Reuters 12 May 2014
  2. ^ ISIL retakes the hill Reuters 13 May 2014
```

## Use instead
```text
On 3 May 2014, rebels took the hill.[1]

On 12 May 2014, ISIL retook it.[2]

  1. ^ Rebels take the hill Reuters 4 May 2014
  2. ^ ISIL retakes the hill Reuters 13 May 2014
```

## Options
None.

## Limits
Only the date a paragraph opens with counts, and only in a section whose
dates otherwise run forward: a section that steps back more than once is
ordered by something else (sources, topics) and is left alone. Dates counted from another
("the next day") follow their anchor and are never out of order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import BlockKind, Document, Span
from ..extract.dates import AS_WRITTEN, DateMention, Precision
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions
from .date_text import claim, described, line
from .messages import identity

# "Since January 2014 Angola has held ..." describes a state, not the next step of a narrative.
_STATE = re.compile(r"\W*(?:Since|Until|As of|As at)\b", re.IGNORECASE)

CODE = "DAT005"
NAME = "chronology-order"
SUMMARY = "Narrative dates that run backwards within a section, or a copy whose paragraphs run backwards"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    if "reversed-paragraph-order" in doc.notes:
        yield _reversed(doc)
    openers: dict[int, DateMention] = {}
    for mention in dates.mentions:
        if (
            mention.leading
            and mention.block not in openers
            and doc.blocks[mention.block].kind is BlockKind.PARAGRAPH
            and mention.precision in (Precision.DAY, Precision.MONTH)
            and mention.narrated
            and (mention.explicit or mention.resolved.startswith("year"))
            and _opens_paragraph(doc, mention)
            and not _STATE.match(doc.masked, doc.blocks[mention.block].span.start)
        ):
            openers[mention.block] = mention
    # A date out of order only means something in a section that otherwise runs forward: one that
    # steps back more than once is ordered by something else (sources, topics), not by time.
    backwards: dict[int, list[tuple[DateMention, DateMention]]] = {}
    previous: DateMention | None = None
    for index in dates.reading_order:
        mention = openers.get(index)
        if mention is None:
            continue
        section = doc.blocks[index].section
        if previous is not None and doc.blocks[previous.block].section == section and mention.last < previous.first:
            backwards.setdefault(section, []).append((previous, mention))
        previous = mention
    for steps in backwards.values():
        if len(steps) == 1:
            yield _backwards(doc, *steps[0])


def _backwards(doc: Document, previous: DateMention, mention: DateMention) -> Hit:
    text = claim(doc, mention)
    return Hit(
        span=mention.span,
        message=(
            f"Chronology runs backwards in {_section(doc, mention.block)}:"
            f" {described(doc, mention)} comes after {described(doc, previous)}"
            f" (line {line(doc, previous)})"
        ),
        excerpt=text,
        key=f"backwards {identity(text)}",
        evidence={"date": mention.first.isoformat(), "previous": previous.first.isoformat()},
    )


def _section(doc: Document, block: int) -> str:
    section = doc.blocks[block].section
    return "the lead" if section == 0 else f"“{doc.sections[section].title}”"


def _opens_paragraph(doc: Document, mention: DateMention) -> bool:
    sentence = doc.sentence_at(mention.span.start)
    return sentence is not None and sentence.span.start == doc.blocks[mention.block].span.start


def _reversed(doc: Document) -> Hit:
    body = [b for b in doc.blocks if b.section != 0 and b.kind is BlockKind.PARAGRAPH]
    first = body[0] if body else doc.blocks[0]
    sections = len({b.section for b in body})
    span = Span(first.span.start, first.span.start + min(80, first.span.end - first.span.start))
    return Hit(
        span=span,
        message=(
            f"Chronology runs backwards throughout: the copy has reversed the order of its paragraphs"
            f" ({sections} sections, each heading after its text); dates are checked in the original order,"
            f" bottom to top"
        ),
        excerpt=excerpt(doc, first.span),
        key="reversed paragraph order",
        evidence={"sections": sections, "resolved": AS_WRITTEN},
    )
