"""Report cited web pages the archive holds no readable capture of.

## What it does
With ``--archive``, looks up every cited URL in the Wayback Machine (or the
archive configured) and reports a reference whose URL has no capture a reader
could open: none at all, or only captures of errors and redirects. The finding
sits on the reference and says what the archive answered.

## Why it matters
Cited pages disappear: more than half of Wikipedia's articles cite at least one
that no longer exists. A source with no archived copy is one link rot away from
being uncheckable; archiving it now, while it is live, keeps the claim
verifiable.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls |access-date=4 May 2014}}</ref>
```
```archive
"news.example/fall" = { status = "missing", reason = "the archive has no capture of it" }
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls |access-date=4 May 2014}}</ref>
```
```archive
"news.example/fall" = { status = "archived", timestamp = "20140504101500" }
```

## Options
None.

## Limits
Silent without ``--archive``, and for a reference that already gives an
archive link (``archive-mismatch`` checks those). A lookup that failed (no
network, the archive refusing with 429, an unreadable answer) is reported as
unverified in the provenance facts, never as missing. Captures of the same
page under another address (a moved article) are not searched for.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..extract.sources import Status
from .base import Hit, NoOptions
from .cited_source import reference_hit

CODE = "ARC001"
NAME = "archive-missing"
SUMMARY = "A cited web page with no readable archived copy"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    if facts.archive is None:
        return
    for source in facts.sources:
        lookup = facts.archive.lookups.get(source.key)
        if lookup is None or lookup.status is not Status.MISSING or source.archive_url:
            continue
        message = f"No readable archived copy of {source.url} ({lookup.reason}): archive it while it is live"
        yield reference_hit(doc, source, message, source.key, reason=lookup.reason)
