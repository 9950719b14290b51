"""Report a `<ref>` that is never closed.

## What it does
Finds a `<ref>` with no `</ref>` before its paragraph ends. The reader ends
the footnote there, so the rest of the document is still read; MediaWiki
shows a cite error instead of the footnote.

## Why it matters
An unclosed ref swallows the text after it: on the page the claim loses its
citation, and the sentences that follow vanish into a footnote.

## Example
```wikitext
Rebels took the town on 3 May 2014.<ref>Rebels take the town. BBC. 4 May 2014.

ISIL retook it on 9 May 2014.
```

## Use instead
```wikitext
Rebels took the town on 3 May 2014.<ref>Rebels take the town. BBC. 4 May 2014.</ref>

ISIL retook it on 9 May 2014.
```

## Options
None.

## Limits
Only refs the parser leaves as text are checked this way; a ref closed far
later by a stray `</ref>` looks closed.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .messages import identity

CODE = "CIT008"
NAME = "unclosed-reference"
SUMMARY = "A <ref> with no </ref> before its paragraph ends"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for problem in doc.reference_problems:
        if problem.kind != "unclosed":
            continue
        text = " ".join(doc.slice(problem.span).split())
        yield Hit(
            span=problem.span,
            message=f"Unclosed reference: a <ref> with no </ref> before its paragraph ends: “{text[:80]}”",
            excerpt=text,
            key=f"unclosed {identity(text)}",
            evidence={"name": problem.key},
        )
