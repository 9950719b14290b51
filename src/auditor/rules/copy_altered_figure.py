"""Report figures a copy gives otherwise than the wiki revision it was made from.

## What it does
With the copy pinned to the revision it was made from (``auditor provenance``,
or ``auditor report --pin``), compares each sentence of the copy with its
counterpart in that revision and reports every number the copy changed: both
values, and the revision's section. The rest of the two sentences must agree
(at least four words in five), so that a rewritten sentence is not taken for an
altered figure.

## Why it matters
A copy's casualty figure that differs from the revision it copied is not the
encyclopedia's figure: a scraper or an editor of the copy changed it. Anyone
citing the copy cites a number its source never gave.

## Example
```text
The siege ended on 3 May 2014. About 1,600 people died in the fighting.[1]

  1. ^ Casualty report Example News
```
```origin
The siege ended on 3 May 2014. About 1,500 people died in the fighting.<ref>Casualty report Example News</ref>
```

## Use instead
```text
The siege ended on 3 May 2014. About 1,500 people died in the fighting.[1]

  1. ^ Casualty report Example News
```
```origin
The siege ended on 3 May 2014. About 1,500 people died in the fighting.<ref>Casualty report Example News</ref>
```

## Options
None.

## Limits
Silent until the copy is pinned. A number in a sentence the copy rewrote (fewer
than four words in five in common with the revision's) is not compared, nor one
in a sentence the revision lacks; dates are ``copy-altered-date``'s.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .messages import identity, quote

CODE = "NUM005"
NAME = "copy-altered-figure"
SUMMARY = "A copy gives a figure otherwise than the wiki revision it was made from"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    yield from altered(doc, facts, "figure", "Figure")


def altered(doc: Document, facts: Facts, kind: str, noun: str) -> Iterator[Hit]:
    """A finding for each ``kind`` of value the copy changed against its pinned revision."""
    pinned = facts.origin
    if pinned is None:
        return
    for change in pinned.diff.altered:
        if change.kind != kind:
            continue
        sentence = doc.slice(change.sentence)
        where = f", section {quote(change.section)}" if change.section else ""
        yield Hit(
            span=change.span,
            message=f"{noun} {quote(change.copy)} is {quote(change.revision)} in revision {pinned.revision}"
            f" of {quote(pinned.title)}, which the copy was made from{where}: {quote(sentence)}",
            excerpt=sentence,
            key=f"{change.copy} {identity(sentence)}",
            evidence={
                "copy": change.copy,
                "revision_value": change.revision,
                "revision": pinned.revision,
                "section": change.section,
                "permalink": pinned.permalink,
            },
        )
