"""Report a named reference defined twice with different content.

## What it does
Finds a reference name (`<ref name="bbc">`) given content in two places that
say different things. MediaWiki shows the first definition everywhere the
name is used and flags the page with a cite error; the second text is lost.

## Why it matters
Every citation by that name now points at one source, while the editor who
wrote the second definition meant another. Usually a name was reused for a
new source when figures were updated, so the old citation no longer supports
the new claim.

## Example
```wikitext
Rebels took the town on 3 May 2014.<ref name="bbc">Rebels take the town. BBC. 4 May 2014.</ref>
ISIL retook it on 9 May 2014.<ref name="bbc">ISIL retakes the town. BBC. 10 May 2014.</ref>
```

## Use instead
```wikitext
Rebels took the town on 3 May 2014.<ref name="bbc-may4">Rebels take the town. BBC. 4 May 2014.</ref>
ISIL retook it on 9 May 2014.<ref name="bbc-may10">ISIL retakes the town. BBC. 10 May 2014.</ref>
```

## Options
None.

## Limits
Only wikitext says which definitions share a name; copies and rendered pages
show the one MediaWiki kept. Differences in spacing alone do not count.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions
from .messages import identity

CODE = "CIT007"
NAME = "conflicting-reference"
SUMMARY = "A reference name defined twice with different content"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for problem in doc.reference_problems:
        if problem.kind != "redefined" or problem.first is None:
            continue
        first_line = doc.line_col(problem.first.start)[0]
        text = excerpt(doc, problem.span) or " ".join(doc.slice(problem.span).split())
        yield Hit(
            span=problem.span,
            message=(
                f"Reference name {problem.key!r} is defined again with other content; the definition on"
                f" line {first_line} is the one every citation by that name shows"
            ),
            excerpt=" ".join(doc.slice(problem.span).split()),
            key=f"redefined {problem.key} {identity(text)}",
            evidence={"name": problem.key, "first_line": first_line},
        )
