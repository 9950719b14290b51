"""Report archive links that are not a good copy of the source they stand in for.

## What it does
Checks each reference that gives a Wayback archive link (``archive-url``, or
a web.archive.org link in the text) against the URL it cites and the archive
date it states:
- the link is a capture of another address than the cited one (after folding
  scheme, ``www.``, default ports, trailing slash and tracking parameters);
- the link's timestamp falls on another day than the stated archive date
  (a day either side is allowed for time zones);
- with ``--archive``, the capture the link opens is of an error page (an HTTP
  4xx or 5xx answer).

## Why it matters
An archive link is what readers fall back on once the source is gone. One
that points at another page, at another date than the citation says, or at a
"404 Not Found" only looks like a backup.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/other |archive-date=5 May 2014}}</ref>
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Options
None.

## Limits
Only Wayback-style links are taken apart (web.archive.org and the replay
address configured); archive.today and WebCite links are not. An archive link
whose timestamp has no day (``/web/2014/…``) is not compared with the archive
date. The error-page check needs ``--archive`` and a capture at, or within a
day of, the link's timestamp.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from ..document import Document
from ..extract.facts import Facts
from ..extract.sources import CaptureFact, CitedSource, SourceLookup
from ..urls import clean, parse_timestamp
from .base import Hit, NoOptions
from .cited_source import reference_hit

CODE = "ARC002"
NAME = "archive-mismatch"
SUMMARY = "An archive link that is not a good copy of the source it stands in for"

_TIME_ZONES = 1  # days a timestamp (UTC) and a stated date (local) may differ by


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for source in facts.sources:
        if source.archive_link is None:
            continue
        problem = _problem(source, facts.archive.lookups.get(source.key) if facts.archive else None)
        if problem is not None:
            message, what, evidence = problem
            yield reference_hit(doc, source, message, what, archive_url=source.archive_url, **evidence)


def _problem(source: CitedSource, lookup: SourceLookup | None) -> tuple[str, str, dict[str, object]] | None:
    link = source.archive_link
    assert link is not None
    captured = clean(link.original)
    if captured is not None and captured.key != source.key:
        return (
            f"The archive link is a capture of {link.original}, not of the cited {source.url}",
            "other-page",
            {"captured": link.original},
        )
    moment = parse_timestamp(link.timestamp)
    if moment is not None and len(link.timestamp) >= 8 and source.archive_date is not None:
        days = abs((moment.date() - source.archive_date).days)
        if days > _TIME_ZONES:
            return (
                f"The archive link was captured on {moment.date().isoformat()}, but the citation says it was archived"
                f" on {source.archive_date.isoformat()} ({days} days apart)",
                "other-date",
                {"captured_on": moment.date().isoformat(), "archive_date": source.archive_date.isoformat()},
            )
    if lookup is not None and moment is not None:
        opened = _opened(lookup, moment)
        if opened is not None and opened.status and opened.status[0] in "45":
            return (
                f"The archive link opens a capture of an error page (HTTP {opened.status} on"
                f" {opened.timestamp[:8]}), not of the source",
                "error-page",
                {"capture_status": opened.status, "capture": opened.replay_url},
            )
    return None


def _opened(lookup: SourceLookup, moment: datetime) -> CaptureFact | None:
    """The capture an archive link opens: the one at its timestamp, or the nearest within a day."""
    best, best_gap = None, timedelta(days=1)
    for capture in lookup.nearby:
        taken = parse_timestamp(capture.timestamp)
        if taken is not None and abs(taken - moment) < best_gap:
            best, best_gap = capture, abs(taken - moment)
    return best
