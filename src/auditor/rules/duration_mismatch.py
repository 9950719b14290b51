"""Report a stated duration that its date range does not give, and the as-of date of an open one.

## What it does
Reads a duration written beside a date range, as infoboxes write it
(`17 September – 7 October 1620 (20 days)`), and recomputes it from the
range. Counting both ends is allowed, so 1–3 July may be two days or three.
Reads durations in prose too ("fought over four days", "the 40-day siege",
"lasted three weeks", "four days of fighting") and checks them against the
range their sentence gives or, when the sentence names the article's subject
("the battle lasted ...", "the 40-day siege" of a siege), the infobox's
range. Prose rounds: a count of weeks may be three days either way, of
months half a month, of years half a year; "over" and "more than" only say
at least, "nearly" at most, "about" allows twice the rounding. For an open
range (`2 January 2014 – ongoing (2 years, 2 weeks and 5 days)`) nothing can
mismatch; instead the date the duration implies is reported, once, as the
date the text was current as of (severity info), and `invalid-date` reports
events dated after it.

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
A prose duration is tied only to a range in its own sentence or, naming the
subject, to the infobox's; "the siege lasted 40 days" with the dates in the
next sentence is not checked. Durations in hours, and a part of the event
("the first four days of fighting", "another three weeks"), are not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.dates import Duration, day_text, show
from ..extract.facts import Facts
from ..severity import Severity
from .base import Hit, NoOptions
from .date_text import claim, described, line, written
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
        stated = f"“{duration.text}”" if duration.prose else f"“{written(doc, measured)} {duration.text}”"
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
        if duration.fits(measured.first, measured.last):
            continue
        implied = duration.end_from(measured.first)
        assert implied is not None  # a duration that ends past the calendar fits
        days = (measured.last - measured.first).days
        bound = "" if duration.bound == "exact" else f"{duration.bound} "
        yield Hit(
            span=duration.span,
            message=(
                f"Duration mismatch: {stated} — {_range(doc, duration)} is {days} days ({days + 1} counting both"
                f" ends), while {bound}{duration.amount} from {day_text(measured.first)} ends on {day_text(implied)}"
            ),
            excerpt=claim(doc, duration),
            key=f"duration {identity(stated)}",
            evidence={
                "start": measured.first.isoformat(),
                "end": measured.last.isoformat(),
                "implied": implied.isoformat(),
                "bound": duration.bound,
                "resolved": measured.resolved,
            },
        )


def _range(doc: Document, duration: Duration) -> str:
    """The range a duration measures, with how its dates were resolved and, when elsewhere, its line."""
    measured = duration.measures
    assert measured is not None
    if not duration.prose:
        return show(measured)
    where = "" if measured.block == duration.block else f" (line {line(doc, measured)})"
    return f"{described(doc, measured)}{where}"
