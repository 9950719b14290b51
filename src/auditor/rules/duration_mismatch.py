"""Report a stated duration that its date range does not give, and the as-of date of an open one.

## What it does
Reads a duration written beside a date range, as infoboxes write it
(`17 September – 7 October 1620 (20 days)`), and recomputes it from the
range. Counting both ends is allowed, so 1–3 July may be two days or three.
For an open range (`2 January 2014 – ongoing (2 years, 2 weeks and 5 days)`)
nothing can mismatch; instead the date the duration implies is reported, once,
as the date the text was current as of (severity info), and `invalid-date`
reports events dated after it.

## Why it matters
A duration is usually computed once and never again: when an endpoint is
corrected, the duration goes stale, and a copy freezes the day it was taken.

## Example
```text
Battle of the Town
Battle of the Town
Date 3 May – 1 June 2014
(40 days)
Location Aleppo

The town fell after a long siege.[1]

  1. ^ Rebels take the town Reuters 4 June 2014
```

## Use instead
```text
Battle of the Town
Battle of the Town
Date 3 May – 1 June 2014
(29 days)
Location Aleppo

The town fell after a long siege.[1]

  1. ^ Rebels take the town Reuters 4 June 2014
```

## Options
None.

## Limits
Only durations in brackets right after a range are read; "the siege lasted
40 days" in prose is not yet tied to a range.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..document import Document
from ..extract.dates import day_text, show
from ..extract.facts import Facts
from ..severity import Severity
from .base import Hit, NoOptions
from .date_text import claim, written
from .messages import identity

CODE = "DAT002"
NAME = "duration-mismatch"
SUMMARY = "A stated duration its date range does not give; the as-of date an open range implies"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    for duration in dates.durations:
        measured = duration.measures
        if measured is None or measured.problem:
            continue
        stated = f"“{written(doc, measured)} {duration.text}”"
        if measured.ongoing:
            if dates.as_of and dates.as_of[1] is duration:
                as_of = dates.as_of[0]
                yield Hit(
                    span=duration.span,
                    message=(
                        f"As-of date: {stated} puts the text's last update on {day_text(as_of)};"
                        " later events are missing from it"
                    ),
                    excerpt=claim(doc, measured),
                    key=f"as of {identity(stated)}",
                    evidence={"as_of": as_of.isoformat(), "start": measured.first.isoformat()},
                    severity=Severity.INFO,
                )
            continue
        implied = measured.first + duration.delta
        if abs(implied - measured.last) <= timedelta(days=1):
            continue  # exact, or counting both ends
        days = (measured.last - measured.first).days
        yield Hit(
            span=duration.span,
            message=(
                f"Duration mismatch: {stated} — {show(measured)} is {days} days ({days + 1} counting both ends),"
                f" while {duration.text} from {day_text(measured.first)} ends on {day_text(implied)}"
            ),
            excerpt=claim(doc, measured),
            key=f"duration {identity(stated)}",
            evidence={
                "start": measured.first.isoformat(),
                "end": measured.last.isoformat(),
                "implied": implied.isoformat(),
            },
        )
