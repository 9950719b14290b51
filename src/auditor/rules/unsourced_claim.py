"""Report checkable claims that no citation covers.

## What it does
Finds claims a reader could check that no citation covers, and says why each
needs a source and why no citation covers it. A claim is checkable when it
quotes someone (four or more words in quotation marks), states a statistic (a
count, a measure, a share or a sum: not a year, a clock time, an ordinal, a
page number or a number that is part of a name), a date or a named event, a
view it attributes ("according to", "historians argue") or a superlative ("the
largest"), or an action by a named party (a person with a title, a name of two
words or more, an organisation or a people, never a sentence's first word
alone). An infobox field that states an outcome (Result, Status) is a claim
whatever it says.

A citation covers the sentence it ends and the sentences before it in the same
paragraph back to the previous citation, except that a quotation or a statistic
needs a citation of its own at the end of its sentence or clause (WP:MINREF).
Text after a paragraph's last citation, and paragraphs, list items or infobox
fields with none, are uncovered. A claim in a body paragraph is a warning; one
in the lead, a list item or an infobox field is information, and is not
reported when a cited sentence of the body states each of its checkable parts
(WP:LEADCITE). Headings, the table of contents, reference lists, sections of
sources or links ("Bibliography", "Further reading") and site chrome are never
claims; nor is what an author says of their own text or evidence ("This report
documents", "the table below", "we can see"), nor a run of data records whose
tokens are mostly not words.

## Why it matters
An uncited statistic, quotation or date is the claim a fact-checker is asked
about first and the one a reader cannot verify.

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
- `kinds` (list, default all): which reasons to report, of `quotation`,
  `statistic`, `attribution`, `date`, `named party` and `statement` (body
  prose of 50 characters or more with none of the other cues).

## Limits
Checkability is decided by surface cues, not by meaning: a sentence with a
date is checkable even when the date is incidental, and a claim with none of
the cues (an opinion in plain words, an action by a person named once) is not
reported. A named party counts only in a sentence that ends as a statement
does, with three or more lower-case words that carry meaning; a paragraph or
list item of fewer than three words is a label or a link, though an infobox
field of any length is checked. Whether a lead sentence repeats the body is
judged by its numbers, dates and names standing in one cited body sentence,
not by what it says of them. A sentence an editor tagged `[citation needed]` is
left to `citation-needed`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Document, Span
from ..extract.claims import Confidence, Place, UncitedClaim, Why
from ..extract.cues import Reason
from ..extract.facts import Facts
from ..severity import Severity
from ..text import excerpt
from .base import Hit
from .messages import identity, quote

CODE = "CIT005"
NAME = "unsourced-claim"
SUMMARY = "A checkable claim that no citation covers"
KINDS = tuple(str(reason) for reason in Reason)


@dataclass(frozen=True, slots=True)
class Options:
    """The rule's options."""

    infobox: bool = True
    kinds: tuple[str, ...] = KINDS


def check(doc: Document, facts: Facts, options: Options) -> Iterator[Hit]:
    tags = sorted(tag.span.start for tag in doc.tags if tag.name == "citation needed")
    for claim in facts.coverage.claims:
        if (claim.place is Place.INFOBOX and not options.infobox) or claim.cue.reason not in options.kinds:
            continue
        index = bisect_left(tags, claim.sentence.span.start)
        if index < len(tags) and tags[index] <= claim.sentence.span.end:
            continue  # an editor already tagged it: citation-needed reports it
        yield _hit(doc, claim)


def _hit(doc: Document, claim: UncitedClaim) -> Hit:
    block = doc.blocks[claim.sentence.block]
    confidence = claim.confidence
    shown = excerpt(doc, Span(claim.start, claim.end))
    field = f"infobox field {block.label!r}: " if claim.place is Place.INFOBOX and block.label else ""
    return Hit(
        span=Span(claim.start, claim.end),
        message=f"Unsourced claim {_why(claim)}: {field}{quote(shown)}",
        excerpt=shown,
        key=identity(doc.readable[claim.start : claim.end]),
        evidence={
            "reason": str(claim.cue.reason),
            "cue": claim.cue.text,
            "confidence": str(confidence),
            "place": str(claim.place),
            "uncovered": str(claim.why),
            "partly_cited": claim.start > claim.sentence.span.start,
            "paragraph_line": doc.line_col(block.span.start)[0],
        },
        severity=Severity.INFO if confidence is Confidence.LOW else None,
    )


_WHERE = {Place.LIST_ITEM: "list item", Place.INFOBOX: "field"}


def _why(claim: UncitedClaim) -> str:
    """What the claim states and why no citation covers it, in words."""
    where = _WHERE.get(claim.place, "paragraph")
    states = f"states {claim.cue.reason.described} ({quote(claim.cue.text, 40)})"
    if claim.why is Why.NO_CITATION:
        return f"{states}, and its {where} has no citation"
    if claim.why is Why.AFTER_LAST:
        return f"{states} after its {where}'s last citation"
    return f"{states}, which needs a citation of its own: the {where}'s next citation comes later"
