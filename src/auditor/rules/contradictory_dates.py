"""Report an event dated differently in different places.

## What it does
Compares the start of the article's subject as the infobox dates it (the
`Date` field: `2 January 2014 – ongoing`) with the start the text gives the
same subject: a range or a "since", "began", "started" date in a sentence that
names it. The subject must be named as the event: by the title's own phrase ("Battle of
Peleliu"), or by the title's most distinctive word followed by a word for
fighting ("inter-rebel fighting" for "Inter-rebel conflict during the Syrian
Civil War"). A sentence about something else at the same place ("the
bombardment of Peleliu began on 12 September") is not the subject's start.

## Why it matters
Readers take the start date from whichever place they read first. When the
infobox and the text disagree, at least one is wrong, and casualty counts that
run "since" the start inherit the error.

## Example
```text
Battle of the Town
Battle of the Town
Date 2 January 2014 – ongoing
Location Aleppo

Between 3 January and 28 June 2014, 600 people were killed in the Battle of the Town, said the monitoring group.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Use instead
```text
Battle of the Town
Battle of the Town
Date 2 January 2014 – ongoing
Location Aleppo

Between 2 January and 28 June 2014, 600 people were killed in the Battle of the Town, said the monitoring group.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Options
None.

## Limits
Only the subject's start is compared. Other named events dated twice (the
same battle on two dates in two sections) are not yet recognised, because
telling one event from two needs more than its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import BlockKind, Document
from ..extract.dates import DateMention, Precision
from ..extract.dates import day_text as _day
from ..extract.facts import Facts
from .base import Hit, NoOptions
from .date_text import claim, described, line
from .messages import identity

CODE = "DAT001"
NAME = "contradictory-dates"
SUMMARY = "One event dated differently in different places"

_START_CUE = re.compile(r"\b(?:since|began|begun|started|erupted|broke out|from|between)\b", re.IGNORECASE)
_GENERIC = frozenset(
    "the of and in on at during war conflict battle fighting civil campaign offensive siege crisis history".split()
)
_WORD = re.compile(r"[\w'’-]+")
_EVENT_NOUNS = "fighting|infighting|conflict|war|battle|campaign|offensive|clashes|siege|rebellion|uprising|insurgency"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    dates = facts.dates
    start = _infobox_start(doc, dates.mentions)
    term = _subject_term(doc) if start else None
    if start is None or term is None:
        return
    # The subject named as the event: the title's own phrase ("Battle of Peleliu"), or its distinctive
    # word with a word for fighting ("inter-rebel fighting"); not the place alone ("bombardment of Peleliu").
    pattern = re.compile(
        rf"(?<![\w-])(?:{re.escape(_event_phrase(doc.title or ''))}"
        rf"|{re.escape(term)}\s+(?:{_EVENT_NOUNS}))(?![\w-])",
        re.IGNORECASE,
    )
    for mention in dates.mentions:
        block = doc.blocks[mention.block]
        if block.kind is BlockKind.INFOBOX_FIELD or mention.precision is not Precision.DAY or mention.problem:
            continue
        sentence = doc.sentence_at(mention.span.start)
        if sentence is None or not pattern.search(doc.masked, sentence.span.start, sentence.content_end):
            continue
        head = doc.masked[sentence.span.start : mention.span.end]
        if not (mention.is_range or _START_CUE.search(head)) or mention.first == start.first:
            continue
        text = claim(doc, mention)
        yield Hit(
            span=mention.span,
            message=(
                f"Contradictory dates: the infobox starts the subject on {_day(start.first)} (line {line(doc, start)}),"
                f" while this sentence, which names it (“{term}”), starts it on {_day(mention.first)}:"
                f" {described(doc, mention)}"
            ),
            excerpt=text,
            key=f"start {identity(text)}",
            evidence={"infobox": start.first.isoformat(), "text": mention.first.isoformat(), "subject": term},
        )


def _event_phrase(title: str) -> str:
    """The title's name for the event: "Inter-rebel conflict during the Syrian Civil War" → "Inter-rebel conflict"."""
    return re.split(r"\s+(?:during|in|of the|at)\s+(?=[A-Z])|\s*\(", title, maxsplit=1)[0].strip()


def _infobox_start(doc: Document, mentions: tuple[DateMention, ...]) -> DateMention | None:
    for mention in mentions:
        block = doc.blocks[mention.block]
        if block.kind is BlockKind.INFOBOX_FIELD and (block.label or "").casefold() == "date":
            return mention if mention.precision is Precision.DAY and not mention.problem else None
    return None


def _subject_term(doc: Document) -> str | None:
    """The title word the fewest claim sentences use, at least one: the subject's own name."""
    if not doc.title:
        return None
    words = {
        w.casefold()
        for w in _WORD.findall(doc.title)
        if len(w) > 3 and not w.isdigit() and w.casefold() not in _GENERIC
    }  # a year in a title ("Battle of Cecora (1620)") names no subject
    patterns = {word: re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])") for word in words}
    counts: dict[str, int] = dict.fromkeys(words, 0)
    for sentence in doc.claim_sentences:
        if doc.blocks[sentence.block].kind is BlockKind.INFOBOX_FIELD:
            continue
        text = doc.masked[sentence.span.start : sentence.content_end].casefold()
        for word, pattern in patterns.items():
            if word in text and pattern.search(text):
                counts[word] += 1
    used = [(count, word) for word, count in counts.items() if count]
    return min(used)[1] if used else None
