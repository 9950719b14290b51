"""Report citations that give an archive link but not the address of the original it copies.

## What it does
Finds citation templates with ``|archive-url=`` and no ``|url=``: in wikitext
by their parameters, on a rendered page by the message MediaWiki's citation
templates print for it ("|archive-url= requires |url="), which a copy may keep.

## Why it matters
An archive link is a backup of an original; a citation without the original's
address hides what was cited, cannot show whether the original still works, and
cannot be checked against the archive (``archive-mismatch``) or archived again.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |title=Town falls |work=News Example
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Town falls |work=News Example
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Options
None.

## Limits
In a plain-text copy or a Markdown report the citation's fields are read from
its text, where a lone archive address is a capture cited as itself: only the
templates' own message marks it there. A copy that says "Archived from the
original" linked the original, even if it lost the link.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.citations import lacks_original
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .cited_source import on_reference, reference_name

CODE = "SRC004"
NAME = "archive-without-original"
SUMMARY = "An archive link with no link to the original it copies"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    from_markup = doc.format in ("wikitext", "html")
    for reference in doc.references:
        if lacks_original(reference, from_markup):
            archive_url = reference.fields.archive_url
            yield on_reference(
                doc,
                reference,
                f"{reference_name(reference)} gives an archive link, {archive_url}, but not the address of the"
                " original it copies",
                "archive-without-original",
                archive_url=archive_url,
            )
