"""The date of the event a cited claim reports, as a reader ties a claim to its date.

The claim is the sentence the marker cites (``citing``). Its date is the
earliest event date in the clause the marker closes: from the previous marker
in the sentence, or the sentence's start, to the marker. Not every date there
dates the event: a planned one ("is due to open in September 2017"), an aside
("who died in 1947"), or an upper bound ("by 21 December") does not. A
sentence without a date of its own takes the date that opened the narrative
it continues, but only when every sentence from there on narrates in the past
tense ("On 7 January, rebels attacked. ISIL withdrew."): a sentence in the
present ("The project aims to ...") or with a date of its own breaks the run.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..document import Document, Marker, Sentence
from .citing import cited_sentence
from .dates import DateMention, Dates, Precision

# Words that take a sentence out of the narrated past: present, perfect, past perfect, future, modal.
_NOT_NARRATED = re.compile(
    r"\b(?:is|are|am|has|have|had|remains?|will|would|shall|can|could|may|might|should|must|aims?|plans?"
    r"|continues?|includes?|consists?|says?|claims?|states?|argues?|believes?)\b"
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_OPENING_QUOTE = re.compile(r"[\"“]")


class ClaimDate(NamedTuple):
    mention: DateMention
    inherited: bool  # taken from the sentence that opened the narrative the claim goes on with


def claim_date(doc: Document, dates: Dates, marker: Marker) -> ClaimDate | None:
    """The date of what ``marker`` cites, or None when the claim has no event date a reader would give it."""
    sentence = cited_sentence(doc, marker)
    if sentence is None:
        return None
    mentions = dates.by_block.get(sentence.block, ())
    if not mentions:
        return None  # no date in its paragraph, its own or one a narrative opened with
    inside = [m for m in mentions if sentence.span.start <= m.span.start < sentence.span.end]
    clause_start = max(
        [sentence.span.start]
        + [
            m.span.end
            for m in doc.markers_by_block.get(marker.block, [])
            if sentence.span.start <= m.span.start and m.span.end <= marker.span.start
        ]
    )
    own = [m for m in inside if clause_start <= m.span.start < marker.span.start and dates_event(m)]
    if own:
        return ClaimDate(min(own, key=lambda m: m.first), False)
    if any(m.precision in (Precision.DAY, Precision.MONTH) for m in inside):
        return None  # the sentence's dates belong to another clause, or date no event
    opener = _narrative_opening(doc, sentence, mentions)
    return ClaimDate(opener, True) if opener else None


def dates_event(mention: DateMention) -> bool:
    """Whether a date can be an event's: a day or month that happened, not an aside or an upper bound."""
    return mention.precision in (Precision.DAY, Precision.MONTH) and mention.narrated and not mention.upper_bound


def _narrative_opening(doc: Document, sentence: Sentence, mentions: tuple[DateMention, ...]) -> DateMention | None:
    """The date a run of past-tense sentences goes back to: the event date that opens the nearest
    sentence before ``sentence`` with a date, in its paragraph, every sentence from there on narrating."""
    index = doc.sentence_index(sentence.span.start)
    while index is not None and _narrates(doc, doc.sentences[index]):
        index -= 1
        if index < 0 or doc.sentences[index].block != sentence.block:
            return None
        before = doc.sentences[index]
        dated = [m for m in mentions if before.span.start <= m.span.start < before.span.end]
        if any(m.precision in (Precision.DAY, Precision.MONTH) for m in dated):
            first = dated[0]
            return first if first.leading and dates_event(first) else None
    return None


def _narrates(doc: Document, sentence: Sentence) -> bool:
    """Whether a sentence tells what happened, in the past: quotations aside, no present, perfect or
    future tense, no modal."""
    return not _NOT_NARRATED.search(_narrator(doc, sentence))


def _narrator(doc: Document, sentence: Sentence) -> str:
    """The words of a sentence outside quotations. A quotation may run over several sentences
    (testified that "About 35,000 wells exist. Only one case has been described."), so one that
    opened before the sentence and one it opens without closing are left out too."""
    masked = doc.masked
    before = masked[doc.blocks[sentence.block].span.start : sentence.span.start]
    said = masked[sentence.span.start : sentence.content_end]
    if before.count('"') % 2 or before.count("“") > before.count("”"):  # it starts inside a quotation
        ends = [at for at in (said.find('"'), said.find("”")) if at >= 0]
        said = said[min(ends) + 1 :] if ends else ""
    return _OPENING_QUOTE.split(_QUOTED.sub(" ", said), maxsplit=1)[0]
