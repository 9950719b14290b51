"""Report dates a copy gives otherwise than the wiki revision it was made from.

## What it does
With the copy pinned to the revision it was made from (``auditor provenance``,
or ``auditor report --pin``), compares each sentence of the copy with its
counterpart in that revision and reports every date the copy changed (a day,
month or year beside a month name, or a year alone): both dates, and the
revision's section.

## Why it matters
A changed date moves an event: a copy that says a town fell a day later than
the encyclopedia did cannot be cited for the date, and chronology checks built
on it go wrong.

## Example
```text
The siege ended on 4 May 2014. About 1,500 people died in the fighting.[1]

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
Silent until the copy is pinned. As for ``copy-altered-figure``, only sentences
the copy kept nearly word for word are compared; a date written in another
form ("3 May" for "May 3") is a rewording, not a change, and is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .copy_altered_figure import altered

CODE = "DAT006"
NAME = "copy-altered-date"
SUMMARY = "A copy gives a date otherwise than the wiki revision it was made from"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    yield from altered(doc, facts, "date", "Date")
