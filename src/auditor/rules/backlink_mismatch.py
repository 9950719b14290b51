"""Report reference entries whose backlinks disagree with the markers citing them.

## What it does
A rendered reference list shows one backlink per citing place (`^ a b c` is
three). This rule counts the markers that cite each entry and reports entries
where the two numbers differ, saying how many citations were lost or gained.
Entries that no marker cites at all are left to `unused-reference`. When two or
more entries are cited *more* often than their backlinks allow, which losing
citations cannot cause, the list and the markers were numbered differently:
the rule then reports that once for the document instead of per entry.

## Why it matters
Fewer markers than backlinks means a copy dropped citations, and the claims
they supported now look unsourced or borrow another claim's source.

## Example
```text
The town fell on 3 May 2014.[1]

  1. ^ a b Rebels take the town Reuters 4 May 2014
```

## Use instead
```text
The town fell on 3 May 2014.[1] It had been besieged since April.[1]

  1. ^ a b Rebels take the town Reuters 4 May 2014
```

## Options
None.

## Limits
Only lists that show backlinks can be checked; wikitext and Markdown have none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..document import Document, Reference
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit, NoOptions

CODE = "CIT004"
NAME = "backlink-mismatch"
SUMMARY = "A reference's backlinks disagree with the markers that cite it"
# Entries cited more often than their backlinks allow; from this many on, the
# numbering itself is off and per-entry counts would only mislead.
MISNUMBERED = 2


def _citations(count: int) -> str:
    return f"{count} citation{'s' if count != 1 else ''}"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    cited_by = Counter(marker.key for marker in doc.markers)
    mismatched = [
        (reference, cited_by[reference.key])
        for reference in doc.references
        if reference.backlinks is not None
        and not reference.group
        and 0 < cited_by[reference.key] != reference.backlinks
    ]
    gained = [(reference, markers) for reference, markers in mismatched if markers > reference.backlinks]
    if len(gained) >= MISNUMBERED:
        yield _misnumbered(doc, gained, len(mismatched))
        return
    for reference, markers in mismatched:
        difference = reference.backlinks - markers
        if difference > 0:
            outcome = f"{_citations(difference)} lost in copying"
        else:
            outcome = f"{_citations(-difference)} more than the list records"
        yield Hit(
            span=reference.span,
            message=(
                f"Reference {reference.key} has {reference.backlinks} backlinks but {markers} "
                f"{'marker cites' if markers == 1 else 'markers cite'} it: {outcome}"
            ),
            excerpt=excerpt(doc, reference.span),
            key=f"entry {reference.key} {reference.text.casefold()}",
            evidence={"footnote": reference.key, "backlinks": reference.backlinks, "cited_by": markers},
        )


def _misnumbered(doc: Document, gained: list[tuple[Reference, int]], mismatched: int) -> Hit:
    """One finding for a list whose numbers no longer match the markers'."""
    first = gained[0][0]
    keys = ", ".join(reference.key for reference, _ in gained[:5]) + (", …" if len(gained) > 5 else "")
    return Hit(
        span=first.span,
        message=(
            f"Reference numbering disagrees with the markers: {len(gained)} entries ({keys}) are cited more "
            f"often than their backlinks record, which lost citations cannot cause; the {mismatched} "
            "per-entry differences are not reported because the copy renumbered its list or its markers"
        ),
        excerpt=excerpt(doc, first.span),
        key="misnumbered reference list",
        evidence={
            "misnumbered": True,
            "gained": {reference.key: [reference.backlinks, markers] for reference, markers in gained},
            "mismatched": mismatched,
        },
    )
