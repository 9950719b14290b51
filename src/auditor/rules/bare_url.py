"""Report references that give a web address and nothing else.

## What it does
Finds each reference whose text, apart from its web addresses and the words a
citation puts around one ("Retrieved 5 May 2014", "Archived from the original
on ..."), says nothing: no title, author, work or date. In wikitext that is a
``<ref>`` holding a bare or bracketed link, or a citation template with
``|url=`` and nothing else to show; in a copy, a rendered page or a Markdown
report, a footnote or link whose text is its address.

## Why it matters
An address alone tells a reader nothing about the source until they follow it,
and nothing at all once it stops working: with no title or publisher, no
archive or library search can find the work again. MediaWiki's citation
templates report it as a bare URL with no title.

## Example
```wikitext
The town fell on 3 May 2014.<ref>http://news.example/2014/05/04/town-falls</ref>
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/2014/05/04/town-falls
 |title=Town falls to rebels |work=News Example |date=4 May 2014}}</ref>
```

## Options
None.

## Limits
A citation with a work or publisher but no title is not reported: it names its
source, if not the page. A link whose text is anything but its own address is
taken as titled, however unhelpful the text ("here", "link").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.citations import is_bare_url
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .cited_source import on_reference, reference_name

CODE = "SRC002"
NAME = "bare-url"
SUMMARY = "A reference that gives a web address and no title"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for reference in doc.references:
        if is_bare_url(reference):
            url = reference.fields.url or reference.fields.archive_url
            yield on_reference(
                doc,
                reference,
                f"{reference_name(reference)} is a bare URL, {url}: it gives no title, author, work or date to find"
                " the source by once the address stops working",
                "bare-url",
                url=url,
            )
