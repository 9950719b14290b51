"""Report Wayback Machine links that open no single capture.

## What it does
Checks every Wayback Machine address a citation gives (``archive-url``, or a
web.archive.org link in its text) for the forms MediaWiki's citation templates
reject:
- a save request (``/save/``), which makes a new capture instead of opening one;
- a ``liveweb.archive.org`` address, which fetches the live page;
- no timestamp, or a wildcard (``/web/*/``, ``/web/2014*/``), which opens the
  newest capture or a list of captures;
- a timestamp that is not 14 digits (``YYYYMMDDhhmmss``), is not a date and
  time, or falls before 1996, when the archive's first captures were made.

## Why it matters
An archive link is meant to show the source as it was when cited. One that
saves, lists or opens "the newest" capture shows whatever the archive holds
when a reader clicks: perhaps a later version, an error page, or nothing.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Town falls
 |archive-url=https://web.archive.org/web/2014*/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Town falls
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Options
None.

## Limits
Only the Internet Archive's Wayback Machine addresses are checked; a link that
is well formed but captures another page, or another day than the stated
archive date, is ``archive-mismatch``'s to report. A timestamp in the future is
not caught: rules do not read the clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.citations import wayback_problem
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .cited_source import on_reference

CODE = "SRC005"
NAME = "malformed-archive-link"
SUMMARY = "A Wayback Machine link that opens no single capture: a save request, a wildcard, a bad timestamp"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for reference in doc.references:
        fields = reference.fields
        for url in dict.fromkeys(u for u in (fields.archive_url, fields.url) if u):
            problem = wayback_problem(url)
            if problem is not None:
                kind, words = problem
                yield on_reference(
                    doc,
                    reference,
                    f"The archive link {url} {words}",
                    f"malformed-archive-link {url}",
                    archive_url=url,
                    problem=kind,
                )
