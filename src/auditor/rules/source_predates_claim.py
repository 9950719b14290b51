"""Report a citation whose source was published before the event the claim reports.

## What it does
For each citation marker, compares the publication date of the source it
cites with the date of the event its claim reports: a date in the clause the
marker closes, or, in a paragraph that tells events in order ("On 7 January,
..."), the date the paragraph last gave. A source dated before the earliest
date its claim could mean cannot report that event. Dates resolved from
context say how they were resolved.

## Why it matters
A 1 July article cannot report what happened on 3 July. Either the citation
was attached to the wrong sentence, the claim's date is wrong, or the source
is not the one that supports the claim.

## Example
```text
On 3 July 2014, ISIL captured the town.[1]

  1. ^ ISIL advances in the east Reuters 1 July 2014
```

## Use instead
```text
On 3 July 2014, ISIL captured the town.[1]

  1. ^ ISIL captures the town Reuters 4 July 2014
```

## Options
None.

## Limits
Sources without a publication date, and claims whose only date is a year
taken from context, are not checked. A source that announces an event ahead
("the offensive will begin on 3 July") is reported and may be a false alarm.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Marker
from ..extract.dates import DateMention, Dates, Precision, show
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .date_text import described
from .messages import cited_claim, identity

CODE = "DAT003"
NAME = "source-predates-claim"
SUMMARY = "A citation whose source was published before the event its claim reports"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    by_block: dict[int, list[DateMention]] = {}
    for mention in dates.mentions:
        by_block.setdefault(mention.block, []).append(mention)
    for marker in doc.markers:
        reference = doc.references_by_key.get(marker.key)
        found = dates.references.get(marker.key)
        published = found.published if found else None
        if reference is None or reference.group or published is None or published.problem:
            continue
        event = _event(doc, marker, by_block.get(marker.block, []))
        if event is None or published.last >= event.first or _supported_alongside(doc, dates, marker, event):
            continue
        text = cited_claim(doc, marker)
        yield Hit(
            span=marker.span,
            message=(
                f"Source predates claim: reference {marker.key} was published on {show(published)},"
                f" before the event it is cited for, {described(doc, event)}"
            ),
            excerpt=text,
            key=f"predates {marker.key} {identity(text)}",
            evidence={
                "footnote": marker.key,
                "published": published.first.isoformat(),
                "event": event.first.isoformat(),
                "resolved": event.resolved,
            },
        )


def _supported_alongside(doc: Document, dates: Dates, marker: Marker, event: DateMention) -> bool:
    """Whether a ref cited together with this one ("2015,[4][5]") may support the claim: one with
    text that is undated or dated on or after the event. Only a group whose every source predates
    it, or says nothing, is reported."""
    markers = doc.markers_by_block.get(marker.block, [])
    group = _adjacent(doc, markers, marker)
    for other in group:
        reference = doc.references_by_key.get(other.key)
        if other is marker or reference is None or reference.empty:
            continue  # an empty footnote supports nothing
        found = dates.references.get(other.key)
        published = found.published if found else None
        if published is None or published.last >= event.first:
            return True
    return False


def _adjacent(doc: Document, markers: list[Marker], marker: Marker) -> list[Marker]:
    """The markers standing together with ``marker``, nothing but spaces between them."""
    ordered = sorted(markers, key=lambda m: m.span.start)
    index = ordered.index(marker)
    start = end = index
    while start > 0 and not doc.masked[ordered[start - 1].span.end : ordered[start].span.start].strip():
        start -= 1
    while end + 1 < len(ordered) and not doc.masked[ordered[end].span.end : ordered[end + 1].span.start].strip():
        end += 1
    return ordered[start : end + 1]


def _event(doc: Document, marker: Marker, mentions: list[DateMention]) -> DateMention | None:
    """The date of what a marker cites: the earliest in the clause it closes, else its narrative date.

    The clause runs from the previous marker in the sentence (or its start) to this marker. A
    sentence with no date of its own takes the last date that opened a sentence of its paragraph,
    but only in a narrative paragraph, one that opens with a date ("On 7 January, ...").
    """
    sentence = doc.sentence_at(marker.span.start)
    if sentence is None:
        return None
    usable = [m for m in mentions if m.precision in (Precision.DAY, Precision.MONTH) and not m.problem]
    clause_start = max(
        [sentence.span.start]
        + [m.span.end for m in doc.markers_by_block.get(marker.block, []) if m.span.end <= marker.span.start]
    )
    own = [m for m in usable if clause_start <= m.span.start < marker.span.start]
    if own:
        return min(own, key=lambda m: m.first)
    if any(sentence.span.start <= m.span.start < sentence.span.end for m in usable):
        return None  # the sentence's dates belong to another clause than this marker's
    block_start = doc.blocks[marker.block].span.start
    if not any(m.leading and doc.sentence_at(m.span.start).span.start == block_start for m in usable):
        return None
    narrative = [m for m in usable if m.leading and m.span.start < sentence.span.start]
    return narrative[-1] if narrative else None
