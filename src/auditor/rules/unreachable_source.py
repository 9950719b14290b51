"""Report cited web pages that failed when requested now (with ``--check-live``).

## What it does
With ``--check-live``, requests each cited URL once, as it is today, and
reports a reference whose page answered with an error (HTTP 4xx or 5xx) or
could not be reached. The message says whether an archived copy exists. A
URL whose host is a loopback, private or link-local address is not requested
(the address policy; ``--allow-private-addresses`` lifts it), and the message
says so.

## Why it matters
A dead link turns a sourced claim into an unsourced one for every reader who
follows it. Knowing which sources fail now, and whether an archived copy can
stand in, tells an editor which citations need an archive link first.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls}}</ref>
```
```archive
"news.example/fall" = { status = "archived", timestamp = "20140504101500", live = "HTTP 404" }
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web
 |url=http://news.example/fall |title=Town falls}}</ref>
```
```archive
"news.example/fall" = { status = "archived", timestamp = "20140504101500", live = "ok" }
```

## Options
None.

## Limits
Never runs by default: it sends a request to every cited site. One failed
request is not proof a page is gone (servers go down for an hour, refuse
unknown clients, or block automated requests), so the finding is
information, and says so. Pages that answer 200 with a "not found" page
("soft 404") are not detected.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..extract.sources import Status
from .base import Hit, NoOptions
from .cited_source import reference_hit

CODE = "ARC003"
NAME = "unreachable-source"
SUMMARY = "A cited web page that failed when requested now (one failure is not proof)"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    if facts.archive is None:
        return
    for source in facts.sources:
        live = facts.archive.live.get(source.key)
        if live is None or live.ok:
            continue
        lookup = facts.archive.lookups.get(source.key)
        if source.archive_url:
            fallback = f"the citation's archive link {source.archive_url} stands in for it"
        elif lookup is not None and lookup.status is Status.ARCHIVED and lookup.capture is not None:
            fallback = f"an archived copy exists: {lookup.capture.replay_url}"
        else:
            fallback = "no archived copy is known"
        if live.refused:
            message = (
                f"{source.url} was not requested now ({live.detail}; --allow-private-addresses allows it)."
                f" {fallback[0].upper()}{fallback[1:]}"
            )
        else:
            message = (
                f"{source.url} failed when requested now ({live.detail}); one failure does not prove it is gone:"
                f" check again later. {fallback[0].upper()}{fallback[1:]}"
            )
        yield reference_hit(doc, source, message, source.key, live=live.detail)
