"""Report reference entries that no marker in the text cites.

## What it does
Finds entries of the reference list whose number no marker uses. When the
entry shows backlinks (`^ a b c`), the message says how many citations the
original had, all of them now lost.

## Why it matters
An entry nobody cites is either clutter or, far more often in a copy, the
trace of citations that were lost with the text they supported.

## Example
```text
The town fell on 3 May 2014.[1]

  1. ^ Rebels take the town Reuters 4 May 2014
  2. ^ a b Rebels lose the town Reuters 9 May 2014
```

## Use instead
```text
The town fell on 3 May 2014.[1] It was lost on 9 May.[2]

  1. ^ Rebels take the town Reuters 4 May 2014
  2. ^ Rebels lose the town Reuters 9 May 2014
```

## Options
None.

## Limits
Citations made from places the reader does not read as text (image captions a
copy dropped, templates) cannot be seen and count as lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions

CODE = "CIT003"
NAME = "unused-reference"
SUMMARY = "A reference entry that no marker in the text cites"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    cited = {marker.key for marker in doc.markers}
    for reference in doc.references:
        if reference.key in cited or reference.group:
            continue  # a second list's markers cannot be told apart in a copy
        message = f"Reference {reference.key} is never cited in the text"
        if reference.backlinks:
            places = "place" if reference.backlinks == 1 else "places"
            message += (
                f", though its backlinks show it was cited in {reference.backlinks} {places};"
                " those citations were lost in copying"
            )
        yield Hit(
            span=reference.span,
            message=message,
            excerpt=excerpt(doc, reference.span),
            key=f"entry {reference.key} {reference.text.casefold()}",
            evidence={"footnote": reference.key, "backlinks": reference.backlinks, "cited_by": 0},
        )
