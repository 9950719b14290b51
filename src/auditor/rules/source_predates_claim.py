"""Report a citation whose source was published before the event the claim reports.

## What it does
For each citation marker, ties the claim it cites to a date the way a reader
does, and compares that date with the publication date of the source. The
claim is the sentence the marker stands in or, for a marker after the full
stop (`claim.<ref>`, `claim.[^1]`), the sentence before it. Its date is the
earliest date of an event in the clause the marker closes: not a planned,
expected or conditional date ("is due to open in September 2017", "would
take part in the 7 November run-off"), not an aside ("who was tried in
1947"), not an upper bound ("by 21 December"). A sentence with no date of its
own takes the date that opened its narrative ("On 19 June 2012, ...") when
every sentence since goes on narrating in the past tense. A source dated
before the earliest day the event could fall on cannot report it. Dates
resolved from context (a year from a heading, "the next day") say how.

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
Sources without a publication date, and claims whose only date is a year, are
not checked. A plan written without a word for it ("the offensive begins on
3 July") reads as an event and may be a false alarm; a source that is one of
several cited together is not reported while another of them could support
the claim. A quotation split into sentences loses the narrative's date.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Marker
from ..extract.claimdates import claim_date
from ..extract.dates import DateMention, Dates, show
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .date_text import described, line
from .messages import CitedClaims, identity

CODE = "DAT003"
NAME = "source-predates-claim"
SUMMARY = "A citation whose source was published before the event its claim reports"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    cited_claim = CitedClaims(doc)
    for marker in doc.markers:
        reference = doc.references_by_key.get(marker.key)
        found = dates.references.get(marker.key)
        published = found.published if found else None
        if reference is None or reference.group or published is None or published.problem:
            continue
        tied = claim_date(doc, dates, marker)
        if tied is None or published.last >= tied.mention.first:
            continue
        event = tied.mention
        if _supported_alongside(doc, dates, marker, event):
            continue
        text = cited_claim(marker)
        where = ""
        if tied.inherited:
            where = f", which opens the narrative the claim goes on with (line {line(doc, event)})"
        yield Hit(
            span=marker.span,
            message=(
                f"Source predates claim: reference {marker.key} was published on {show(published)},"
                f" before the event it is cited for, {described(doc, event)}{where}"
            ),
            excerpt=text,
            key=f"predates {marker.key} {identity(text)}",
            evidence={
                "footnote": marker.key,
                "published": published.first.isoformat(),
                "event": event.first.isoformat(),
                "resolved": event.resolved,
                "inherited": tied.inherited,
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
