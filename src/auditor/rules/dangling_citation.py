"""Report citation markers that point to no reference entry.

## What it does
Finds markers such as `[12]` for which the reference list has no entry 12.

## Why it matters
A marker that points nowhere promises a source the reader cannot find. It
usually means the list was cut short, renumbered, or lost in copying.

## Example
```text
The town fell on 3 May 2014.[2]

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Use instead
```text
The town fell on 3 May 2014.[1]

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Options
None.

## Limits
Only numbered markers are matched to entries; notes such as `[a]` are not.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .messages import CitedClaims, identity, quote

CODE = "CIT002"
NAME = "dangling-citation"
SUMMARY = "A citation marker points to no reference entry"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    where = "the document has no reference list" if not doc.references else "the reference list has no such entry"
    cited_claim = CitedClaims(doc)
    for marker in doc.markers:
        if marker.key in doc.references_by_key:
            continue
        claim = cited_claim(marker)
        yield Hit(
            span=marker.span,
            message=f"Footnote [{marker.key}] points nowhere: {where}; cited for {quote(claim)}",
            excerpt=claim,
            key=f"[{marker.key}] {identity(claim)}",
            evidence={"footnote": marker.key, "references": len(doc.references)},
        )
