"""Report citations whose title is a placeholder rather than the source's title.

## What it does
Checks each citation's title against the titles that name no work: those tools
and bots fill in ("Archived copy", "Google Books", "usurped title"), template
placeholders left unfilled (``{title}``, ``%title%``), and the titles of error
and parking pages that were captured instead of the source ("Page not found",
"404", "Account suspended", "Wayback Machine", "Are you a robot?").

## Why it matters
The title is what lets a reader recognise and find a source. "Archived copy" is
what citation tools write when they cannot read the title, and "usurped title"
marks a domain that now belongs to someone else; an error page's title means the
citation was made from an error page. MediaWiki's citation templates put such
citations in maintenance categories for the same reason.

## Example
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Archived copy
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Use instead
```wikitext
The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Town falls to rebels
 |archive-url=https://web.archive.org/web/20140505000000/http://news.example/fall |archive-date=5 May 2014}}</ref>
```

## Options
None.

## Limits
Only whole titles are compared, except for a few phrases that only error and
parking pages use ("page not found", "website is for sale"): a real title that
happens to contain "archived copy" is not reported. In a copy or a rendered page
the title is what the reader took for one (the quoted part of a citation).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.citations import placeholder_title
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .cited_source import on_reference, reference_name

CODE = "SRC003"
NAME = "placeholder-title"
SUMMARY = "A citation whose title is a placeholder, not the source's title"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for reference in doc.references:
        title = reference.fields.title
        if title and placeholder_title(title):
            yield on_reference(
                doc,
                reference,
                f'{reference_name(reference)} is titled "{title}", a placeholder that names no work: give the title'
                " the source itself has",
                "placeholder-title",
                title=title,
            )
