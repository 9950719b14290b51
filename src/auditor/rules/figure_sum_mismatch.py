"""Report a stated total that the parts listed with it do not add up to.

## What it does
Finds totals stated with their parts: an infobox `Total:` line over the lines
and per-side groups around it, "killed 26 people, of which 23 ... and three
...", "a total of 2,154 people, with 1,362 ... and 126 ...", a split in
brackets, a list followed by "N total" or "giving a total of N", and by
arithmetic: a count of casualties followed by counts of disjoint kinds within
it ("89,500 casualties, 19,000 killed, 47,500 wounded, 23,000 missing"), or a
note attached to a count that lists its kinds. It adds the parts up with
interval arithmetic and reports a total they do not reach, showing the sum
and what the total's rounding allows. A range
total whose parts add estimates is checked bound by bound: the lower bound
against the documented parts, the upper bound against those plus the
estimates. Parts that need not be exhaustive ("including", "among them", a
"killed in battle" line under "total dead") are reported only when they exceed
their total.

## Why it matters
A total that its own parts contradict means one of the figures was mistyped,
updated without the others, or lost a part in copying. Readers quote totals.

## Example
```text
On 15 January, a car bomb in Jarablus killed 26 people, of which 23 were rebel fighters and four were civilians.[1]

  1. ^ Car bomb kills 26 in Jarablus Reuters 16 January 2014
```

## Use instead
```text
On 15 January, a car bomb in Jarablus killed 26 people, of which 23 were rebel fighters and three were civilians.[1]

  1. ^ Car bomb kills 26 in Jarablus Reuters 16 January 2014
```

## Options
None.

## Limits
The rounding allowed is the total's own and half-open: 78,200 covers 78,150
up to, but not including, 78,250, an exact 5,641 nothing else, a range total
whose other bound is its parts' exact sum nothing either, and counts below 1,000 written with one significant
figure (100, 70) are exact. Parts written as "2,764+" add their written value,
as the person who added them did. Vague parts ("dozens") make a total
uncheckable and it is skipped. Totals whose parts are spread over several
sentences are not recognised.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Span
from ..extract.facts import Facts
from ..extract.sums import check_sum
from .base import Hit, NoOptions
from .figure_text import claim, counted, written
from .messages import identity

CODE = "NUM001"
NAME = "figure-sum-mismatch"
SUMMARY = "A stated total that the parts listed with it do not add up to"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    found = facts.figures
    for breakdown in found.breakdowns:
        result = check_sum(breakdown)
        if result is None or result.holds:
            continue
        total = breakdown.total
        failed = [bound for bound in result.bounds if not bound.holds]
        arithmetic = "; ".join(bound.arithmetic() + (f": {why}" if (why := bound.why()) else "") for bound in failed)
        if breakdown.exhaustive:
            message = f"Total “{written(doc, found, total)}” ({counted(total)}) does not add up: {arithmetic}"
        else:
            message = (
                f"The parts listed after “{breakdown.cue}” exceed their total “{written(doc, found, total)}”"
                f" ({counted(total)}): {arithmetic}"
            )
        if breakdown.cue == "note":
            message += " (the parts are the note attached to the total)"
        text = claim(doc, found, total)
        yield Hit(
            span=Span(total.start, total.end),
            message=message,
            excerpt=text,
            key=f"total {identity(text)}",
            evidence={
                "total": written(doc, found, total),
                "parts": [term for bound in failed for term in bound.terms],
                "checks": [
                    {"name": b.name, "stated": b.stated, "sum_low": b.low, "sum_high": b.high, "holds": b.holds}
                    for b in result.bounds
                ],
                "exhaustive": breakdown.exhaustive,
                "cue": breakdown.cue,
            },
        )
