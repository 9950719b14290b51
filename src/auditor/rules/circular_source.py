"""Report references that cite Wikipedia, or a copy of it, as a source.

## What it does
Checks each reference's address (and the original of its archive link) against
Wikipedia's sites in every language and a shipped, documented list of known
copies of Wikipedia: mirrors (World Heritage Encyclopedia, Wikiwand, WikiZero,
...), forks that kept its text (Infogalactic, Everipedia) and the sections of
other sites that copy it (ScienceDaily's reference terms, The Free Dictionary's
encyclopedia). A reference with no address is matched by its publisher's name,
which also catches books printed from Wikipedia's articles (Books LLC,
Alphascript Publishing).

## Why it matters
A copy of Wikipedia is Wikipedia: citing it makes an article its own source,
and the claim looks verified when nothing outside the wiki supports it. Copies
also lag behind and lose the citations the original gave, so an error copied
from Wikipedia comes back as its "source" (citogenesis).

## Example
```text
The town fell on 3 May 2014.[1]

  1. ^ "Battle of the Town". World Heritage Encyclopedia. http://www.worldheritage.org/articles/Battle_of_the_Town
```

## Use instead
```text
The town fell on 3 May 2014.[1]

  1. ^ "Town falls to rebels". News Example. 4 May 2014. http://news.example/fall
```

## Options
- `mirrors`: more sites to treat as copies of Wikipedia, as hosts
  (`"wiki.example.org"`, which covers its subdomains) or sections
  (`"example.com/wiki"`); they add to the shipped list.

## Limits
Only listed sites are known: a copy that is not on the list, or a page that
quotes Wikipedia without saying so, passes. A site is listed only where its
pages are Wikipedia's text, so a citation of a listed site's other sections
passes too. Publisher names are compared whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document
from ..extract.facts import Facts
from ..extract.mirrors import known_copies
from .base import Hit
from .cited_source import on_reference, reference_name

CODE = "SRC006"
NAME = "circular-source"
SUMMARY = "A reference that cites Wikipedia itself or a known copy of it"


@dataclass(frozen=True)
class Options:
    """The rule's options."""

    mirrors: tuple[str, ...] = ()


def check(doc: Document, facts: Facts, options: Options) -> Iterator[Hit]:
    copies = known_copies(options.mirrors)
    for reference in doc.references:
        match = copies.cited_by(reference)
        if match is None:
            continue
        copy = match.copy
        where = f"by its publisher, {match.what}" if match.by == "publisher" else match.what
        if copy.kind == "wikipedia":
            said = f"cites Wikipedia itself ({where}): a wiki anyone can edit is no source; cite what its article cites"
        elif copy.kind == "books":
            said = (
                f"cites a book compiled from Wikipedia's articles ({where}): it is Wikipedia in print; cite"
                " what the articles cite"
            )
        else:
            said = f"cites {copy.name} ({where}), a copy of Wikipedia: citing it is citing Wikipedia"
        yield on_reference(
            doc,
            reference,
            f"{reference_name(reference)} {said}",
            "circular-source",
            copy=copy.name,
            kind=copy.kind,
            matched=match.what,
        )
