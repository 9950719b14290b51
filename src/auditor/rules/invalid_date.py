"""Report a date that cannot be right.

## What it does
Reads every date, in the text and in each reference's publication, access
and archive dates, through the same forms and the same calendar, and reports
one that does not exist (`31 April 2014`), a weekday that does not match its
date (`Thu Jul 4, 2014`: 4 July 2014 was a Friday), a reference accessed
before it was published, and, when an open range's duration gives the text's
as-of date, events and sources dated after it. A problem in a reference is
reported on the reference, quoting the date as written there; a date resolved
from context shows how ("in 2015 (year 2015 from line 316)").

## Why it matters
An impossible date is a typo nobody can resolve without the source; a
weekday that does not match means one of the two was changed. A date after
the as-of date means the text was edited after its duration was computed, or
the date is wrong.

## Example
```text
The ceasefire was signed on 31 February 2014.[1]

  1. ^ Ceasefire signed Reuters 1 March 2014
```

## Use instead
```text
The ceasefire was signed on 28 February 2014.[1]

  1. ^ Ceasefire signed Reuters 1 March 2014
```

## Options
None.

## Limits
Dates are read in the forms the date extractor knows; a date in a form it does
not know (`03/07/2014`, which could be either month) is not checked.
Calendars other than the Gregorian are not handled. A planned date ("the
terminal will open on 3 May 2019") is not compared with the as-of date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..document import Document, Reference
from ..extract.dates import DateMention, ReferenceDates, day_text, show
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions
from .date_text import claim, described, line, written
from .messages import identity

_TIME_ZONES = 1  # a page dated the 17th may be read on the 16th somewhere else
_FIELDS = (("published", "publication date", "date"), ("accessed", "access date", "access_date"),
           ("archived", "archive date", "archive_date"))  # fmt: skip

CODE = "DAT004"
NAME = "invalid-date"
SUMMARY = "An impossible date, a wrong weekday, an access before publication, a date after the as-of date"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    as_of = dates.as_of[0] if dates.as_of else None
    later = []
    for mention in dates.mentions:
        if mention.problem:
            text = claim(doc, mention)
            yield Hit(
                span=mention.span,
                message=f"Invalid date “{written(doc, mention)}”: {mention.problem}",
                excerpt=text,
                key=f"invalid {identity(text)}",
                evidence={"date": written(doc, mention), "resolved": mention.resolved},
            )
        elif as_of and mention.event and mention.first > as_of:
            later.append(mention)
    if later:  # one cause, the as-of date or these dates, so one finding
        first = later[0]
        others = f", and {len(later) - 1} more dated events after it" if len(later) > 1 else ""
        text = claim(doc, first)
        yield Hit(
            span=first.span,
            message=(
                f"Date after the text's as-of date {day_text(as_of)} (from the infobox's duration):"
                f" {described(doc, first)}{others}"
            ),
            excerpt=text,
            key=f"after as of {identity(text)}",
            evidence={"as_of": as_of.isoformat(), "lines": [line(doc, m) for m in later], "resolved": first.resolved},
        )
    for reference in doc.references:
        found = dates.references.get(reference.key)
        if found is not None:
            yield from _reference(doc, reference, found, as_of)


def _reference(doc: Document, reference: Reference, found: ReferenceDates, as_of: date | None) -> Iterator[Hit]:
    """A reference's dates: each must exist, and, together, be published before accessed and not after
    the as-of date."""
    entry = excerpt(doc, reference.span) or reference.text  # a template's text is blanked where it stands
    for attribute, label, field in _FIELDS:
        mention: DateMention | None = getattr(found, attribute)
        value = getattr(reference.fields, field)
        if mention is None or not mention.problem:
            continue
        yield Hit(
            span=mention.span,
            message=f"Invalid date in reference {reference.key}: its {label} “{value}”: {mention.problem}",
            excerpt=entry,
            key=f"invalid {field} {reference.key} {identity(entry)}",
            evidence={"footnote": reference.key, "field": field, "date": value, "resolved": mention.resolved},
        )
    published, accessed = found.published, found.accessed
    if published is None or published.problem:
        return
    if accessed and not accessed.problem and (published.first - accessed.last).days > _TIME_ZONES:
        yield Hit(
            span=reference.span,
            message=(
                f"Invalid date in reference {reference.key}: accessed {show(accessed)},"
                f" before it was published on {show(published)}"
            ),
            excerpt=entry,
            key=f"accessed {reference.key} {identity(entry)}",
            evidence={"published": published.first.isoformat(), "accessed": accessed.first.isoformat()},
        )
    if as_of and published.first > as_of:
        yield Hit(
            span=reference.span,
            message=(
                f"Reference {reference.key} is dated {show(published)}, after the text's as-of date {day_text(as_of)}"
            ),
            excerpt=entry,
            key=f"source after {reference.key} {identity(entry)}",
            evidence={"published": published.first.isoformat(), "as_of": as_of.isoformat()},
        )
