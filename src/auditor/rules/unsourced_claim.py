"""Report checkable claims that no citation covers.

## What it does
Finds sentences that state something a reader could check (a figure, a date,
a quotation, an action by a named party) and that no citation covers. A
citation covers the sentence it ends and the sentences before it in the same
paragraph back to the previous citation; text after a paragraph's last
citation, and paragraphs, list items or infobox fields with none, are
uncovered. Headings, the table of contents, reference lists and site chrome
are never claims.

## Why it matters
An uncited figure or date is the claim a fact-checker is asked about first
and the one a reader cannot verify.

## Example
```text
The town fell on 3 May 2014 after a siege.[1] Rebels lost 40 fighters.

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Use instead
```text
The town fell on 3 May 2014 after a siege. Rebels lost 40 fighters.[1]

  1. ^ Rebels take the town Reuters 4 May 2014
```

## Options
- `infobox` (bool, default true): also check infobox fields.
- `kinds` (list, default all): which kinds of checkable claim to report, of
  `figure`, `date`, `quotation`, `named party`.

## Limits
Checkability is decided by surface cues, not by meaning: a sentence with a
date is checkable even when the date is incidental, and a claim with none of
the cues is not reported. An action by a named party counts only in a sentence
that ends as a statement does, not in a caption or a label; nor is a paragraph
or list item of fewer than three words (a label or a link), though an infobox
field of any length is. Tables and code that a copy flattened to lines of text
are read as prose where the reader cannot tell them apart. A sentence an editor tagged `[citation needed]` is
left to `citation-needed`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import BlockKind, Document, Span
from ..extract.claims import checkable, uncovered_text
from ..extract.facts import Facts
from ..text import excerpt
from .base import Hit
from .messages import identity, quote

CODE = "CIT005"
NAME = "unsourced-claim"
SUMMARY = "A checkable claim that no citation covers"
KINDS = ("figure", "date", "quotation", "named party")
# Fewer words than this make a label or a link, not a claim (infobox
# fields excepted: "605 civilians killed" is a claim).
MIN_WORDS = 3
STATEMENT_ENDINGS = (".", "!", "?", '"', "”", "’")
# Infobox fields that state an outcome; the others list names, where only a figure or date is a claim.
OUTCOME_FIELDS = frozenset({"result", "status", "territorial changes"})
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Options:
    infobox: bool = True
    kinds: tuple[str, ...] = KINDS


def _words(text: str) -> int:
    """Words of two letters or more; a copy joins a link's words by underscores into one."""
    return sum(1 for token in text.split() if _LETTERS.search(token))


def check(doc: Document, facts: Facts, options: Options) -> Iterator[Hit]:
    tags = sorted(tag.span.start for tag in doc.tags if tag.name == "citation needed")
    for sentence in facts.uncovered:
        block = doc.blocks[sentence.block]
        if block.kind is BlockKind.INFOBOX_FIELD and not options.infobox:
            continue
        index = bisect_left(tags, sentence.span.start)
        if index < len(tags) and tags[index] <= sentence.span.end:
            continue  # an editor already tagged it: citation-needed reports it
        start, end = uncovered_text(doc, sentence)
        text = doc.readable[start:end]
        if block.kind is BlockKind.INFOBOX_FIELD:
            named_party = (block.label or "").casefold() in OUTCOME_FIELDS
        else:
            # A caption or a label has no full stop; only a statement makes the weakest cue count.
            named_party = text.rstrip().endswith(STATEMENT_ENDINGS)
        found = checkable(text, named_party=named_party)
        if found is None or found.reason not in options.kinds:
            continue
        if block.kind is not BlockKind.INFOBOX_FIELD and _words(text) < MIN_WORDS:
            continue  # a label, a link or a fragment of a table, not a statement
        shown = excerpt(doc, Span(start, end))
        partial = start > sentence.span.start
        where = "after the last citation " if partial else ""
        field = f"infobox field {block.label!r}: " if block.kind is BlockKind.INFOBOX_FIELD and block.label else ""
        yield Hit(
            span=Span(start, end),
            message=(
                f"Unsourced claim {where}states a {found.reason} ({quote(found.evidence, 40)}): {field}{quote(shown)}"
            ),
            excerpt=shown,
            key=identity(text),
            evidence={"reason": found.reason, "cue": found.evidence, "partly_cited": partial},
        )
