"""Report a figure of a claim that the archived text of its source does not give.

## What it does
With ``--archive``, reads the main text of the capture of each source a claim
cites (the page's navigation, scripts and reference list left out) and looks
for every figure the claim states, read as the figure engine reads them:
"1,200", "1 200", "twelve hundred", "1.2 thousand" are one number; "about
5,600" is found as 5,641, "more than 50" as 52, a range when the source's
figure falls in it. A figure no cited source gives is reported, with the
figure the source gives for the same thing when it gives one ("the source
gives 42 executed, not 50").

## Why it matters
A cited number that the source does not state is the commonest failure of
verification: a figure updated in the article but not in its citation, a
typo, a total computed by an editor, or a source that was never read.
Checking the archived copy tells an editor which figure to look at, with the
source's own sentence to compare.

## Example
```wikitext
Rebels executed 50 prisoners in the town.<ref>{{cite web
 |url=http://news.example/executions |title=Executions}}</ref>
```
```archive
["news.example/executions"]
status = "archived"
timestamp = "20140504101500"
text = '''
Witnesses said the rebels took the town after two days of fighting. In
all, 42 prisoners were executed in the main square, according to the
monitoring group.'''
```

## Use instead
```wikitext
Rebels executed 42 prisoners in the town.<ref>{{cite web
 |url=http://news.example/executions |title=Executions}}</ref>
```
```archive
["news.example/executions"]
status = "archived"
timestamp = "20140504101500"
text = '''
Witnesses said the rebels took the town after two days of fighting. In
all, 42 prisoners were executed in the main square, according to the
monitoring group.'''
```

## Options
None.

## Limits
Silent without ``--archive``, and for a claim whose sources were not all read
(no capture, a capture with no usable text, a failed request): an unread source
may give the figure. Precision first: a figure is reported only when the source
speaks of the same thing (the word after the claim's figure, "prisoners", is in
the source); a page about something else says nothing either way. Figures the
source gives only in a table, an image or a PDF are not seen; a figure an
editor computed from the source's parts (a sum) is reported as absent.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .source_text import absent_hit

CODE = "SUP001"
NAME = "figure-not-in-source"
SUMMARY = "A figure of a claim that the archived text of its source does not give"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    if facts.archive is None:
        return
    for absent in facts.support.absent("figure"):
        yield absent_hit(doc, absent, "figure")
