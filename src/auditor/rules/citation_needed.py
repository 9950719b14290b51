"""Report claims an editor has tagged ``[citation needed]``.

## What it does
Finds `[citation needed]` tags (also written `[citation_needed]` by copies)
and reports the claim each one marks.

## Why it matters
The tag is an editor's own finding that a claim lacks a source; a report that
lists them makes the backlog visible and lets CI keep it from growing.

## Example
```text
The town fell on 3 May 2014.[citation needed]
```

## Use instead
```text
The town fell on 3 May 2014.[1]

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Options
None.

## Limits
Other maintenance tags (`[dubious]`, `[when?]`) are read but not reported here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Span
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions
from .messages import identity, quote

CODE = "CIT006"
NAME = "citation-needed"
SUMMARY = "A claim an editor has tagged [citation needed]"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    claims: dict[Span, str] = {}  # a run of tags after one sentence quotes it once, not once per tag
    for tag in doc.tags:
        if tag.name != "citation needed":
            continue
        # The tag follows the claim it marks, so look just before it.
        sentence = doc.sentence_at(max(tag.span.start - 1, 0))
        span = Span(sentence.span.start, sentence.content_end) if sentence else tag.span
        claim = claims.get(span)
        if claim is None:
            claim = claims[span] = excerpt(doc, span)
        yield Hit(
            span=span,
            message=f"Claim tagged [citation needed]: {quote(claim)}",
            excerpt=claim,
            key=identity(claim),
            evidence={"tag": doc.slice(tag.span)},
        )
