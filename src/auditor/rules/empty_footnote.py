"""Report citations whose footnote has no content.

## What it does
Finds every citation marker that resolves to a reference-list entry with no
text, and every empty entry that no marker cites. The finding sits on the
marker and names the footnote.

## Why it matters
A footnote without content names no source: the claim it is attached to looks
sourced but cannot be verified. Copies of articles often keep the markers and
the numbered list but lose the citation text.

## Example
```text
The town fell on 3 May 2014.[1]

  1. ^
```

## Use instead
```text
The town fell on 3 May 2014.[1]

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Options
None.

## Limits
A footnote whose only text is a stylesheet or other residue the reader strips
counts as empty; one with any other text does not, however unhelpful.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions
from .messages import CitedClaims, identity, quote

CODE = "CIT001"
NAME = "empty-footnote"
SUMMARY = "A citation's footnote has no content, so it names no source"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    cited: set[str] = set()
    cited_claim = CitedClaims(doc)
    for marker in doc.markers:
        reference = doc.references_by_key.get(marker.key)
        if reference is None or not reference.empty:
            continue
        cited.add(marker.key)
        claim = cited_claim(marker)
        yield Hit(
            span=marker.span,
            message=f"Footnote [{marker.key}] is empty: it names no source for {quote(claim)}",
            excerpt=claim,
            key=f"[{marker.key}] {identity(claim)}",
            evidence={"footnote": marker.key, "backlinks": reference.backlinks},
        )
    for reference in doc.references:
        if reference.empty and reference.key not in cited:
            yield Hit(
                span=reference.span,
                message=f"Footnote {reference.key} is empty, and no marker in the text cites it",
                excerpt=excerpt(doc, reference.span),
                key=f"entry {reference.key}",
                evidence={"footnote": reference.key, "backlinks": reference.backlinks, "cited_by": 0},
            )
