"""Report a cited source whose archived capture has no text to check a claim against.

## What it does
With ``--archive``, the main text of the capture of each source that a claim
stating a figure or a date cites is read. When the capture has no usable text
(a PDF, a paywall's teaser, a page its scripts fill in, an error page kept as a
capture), the finding says so on the reference, with the reason.

## Why it matters
A source whose archived copy cannot be read cannot be checked, by this tool or
by a reader who follows the archive link: the claims citing it rest on a copy
that shows nothing. An editor may cite a readable version (the article's own
page rather than its PDF, another capture) or check the claim by hand.

## Example
```wikitext
Rebels executed 42 prisoners in the town.<ref>{{cite web
 |url=http://news.example/executions |title=Executions}}</ref>
```
```archive
["news.example/executions"]
status = "archived"
timestamp = "20140504101500"
unreadable = '''
12 words of main text: a paywall, a page its scripts fill in, or an
error page'''
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
In all, 42 prisoners were executed in the main square, according to
the monitoring group.'''
```

## Options
None.

## Limits
Silent without ``--archive``. Only sources cited for a figure or a date are
read, so a source cited for words alone is never reported. The text of a PDF
is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .cited_source import on_reference

CODE = "SUP003"
NAME = "source-unreadable"
SUMMARY = "A cited source whose archived capture has no text to check its claims against"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    if facts.archive is None:
        return
    for key, text in facts.support.unreadable.items():
        reference = doc.references_by_key.get(key)
        if reference is None:
            continue
        message = (
            f"The archived copy of reference {key}, {text.capture}, has no text to check its claims against"
            f" ({text.reason})"
        )
        yield on_reference(doc, reference, message, "unreadable", capture=text.capture, reason=text.reason)
