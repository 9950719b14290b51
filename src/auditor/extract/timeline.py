"""Read every date of a document, once: the text's in the narrative's order, then the references'.

The text's dates are found by their written forms (``dateforms``), placed in
their sentences (``clauses``) and filled in from what was read before them
(``datecontext``); durations are tied to the ranges they measure
(``durations``). A reference's publication, access and archive dates go
through the same forms and the same calendar, so an impossible date or a
wrong weekday there is kept as a problem like one in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..document import CLAIM_BLOCKS, BlockKind, Document, Reference, Span
from .clauses import setting
from .datecontext import Context, reading_order
from .dateforms import find, find_anchors, in_words, kind_of, ongoing_end, read_field
from .dates import AS_WRITTEN, DateMention, Dates, Duration, Precision, ReferenceDates
from .durations import bracketed, in_prose, subject_range

_APPOSITION = " ,(\u00a0"  # "The next day, 26 December, ...": the date that glosses a relative one
_ADDRESS = re.compile(r"(?:https?:)?//\S+|\bwww\.\S+")
_NOT_PUBLISHED = re.compile(r"(?i)(?:retrieved|accessed|archived|archive|captured)\b[^.;]*$")


def extract_dates(doc: Document, references: Mapping[str, ReferenceDates] | None = None) -> Dates:
    """The document's dates; ``references``: its reference dates (``reference_dates``), when read already."""
    masked = doc.masked
    order = reading_order(doc)
    claims = [doc.blocks[i].span for i in order if doc.blocks[i].kind in CLAIM_BLOCKS]
    region = (min(c.start for c in claims), max(c.end for c in claims)) if claims else (0, 0)
    anchors, units = find_anchors(masked, *region)
    context = Context(doc)
    mentions: list[DateMention] = []
    durations: list[Duration] = []
    by_block: dict[int, list[DateMention]] = {}
    for index in order:
        block = doc.blocks[index]
        if block.kind not in CLAIM_BLOCKS:
            continue
        first = bisect_left(anchors, block.span.start)
        if first == len(anchors) or anchors[first] >= block.span.end:
            context.enter(index, narrative=False)
            continue
        within = anchors[first : bisect_left(anchors, block.span.end)]
        matches = list(find(masked, block.span.start, block.span.end, within))
        found = _block_dates(doc, masked, index, matches, context)
        if found:
            by_block[index] = found
            mentions.extend(found)
            durations.extend(bracketed(masked, index, found))
    durations.extend(in_prose(doc, masked, units, by_block, subject_range(doc, mentions)))
    as_of = None
    for duration in durations:
        end = duration.end_from(duration.measures.first) if duration.measures and duration.measures.ongoing else None
        if end is not None:
            as_of = (end, duration)
            break
    references = reference_dates(doc) if references is None else references
    return Dates(tuple(mentions), tuple(durations), references, tuple(order), as_of,
                 {block: tuple(found) for block, found in by_block.items()})  # fmt: skip


def _block_dates(doc: Document, text: str, index: int, matches: list, context: Context) -> list[DateMention]:
    found: list[DateMention] = []
    block = doc.blocks[index].span
    if not matches:
        context.enter(index, narrative=False)
    for number, match in enumerate(matches):
        kind = kind_of(match)
        group = f"k_{kind}"
        span = Span(match.start(group), match.end(group))
        if kind in ("dmy", "mdy", "iso") and (end := ongoing_end(text, span.end)) is not None:
            span = Span(span.start, end)
        sentence = doc.sentence_at(span.start)
        bounds = sentence.span if sentence else Span(max(block.start, span.start - 40), span.end)
        where = setting(text, bounds.start, bounds.end, span.start, span.end)
        if number == 0:  # a block is narrative when its first sentence opens with a date
            narrative = where.leading and bounds.start == block.start and kind != "vague"
            context.enter(index, narrative and doc.blocks[index].kind is not BlockKind.INFOBOX_FIELD)
        if kind == "vague":
            context.lose_track()
            continue
        if kind == "relative" and number + 1 < len(matches) and _glossed(text, span.end, matches[number + 1].start()):
            continue
        mention = context.mention(kind, match, span, index, where, text)
        if mention is None:
            continue
        if span.end != match.end(group):
            mention = replace(mention, ongoing=True, is_range=True)  # "2 January 2014 – ongoing"
        found.append(mention)
        context.after(mention)
    return found


def _glossed(text: str, end: int, following: int) -> bool:
    """Whether a relative date is glossed by the date right after it: "The next day, 26 December"."""
    return following - end <= 3 and not text[end:following].strip(_APPOSITION)


def reference_dates(doc: Document) -> Mapping[str, ReferenceDates]:
    """Each dated reference's dates, by key, each read when first looked up: no date of the text is read for
    them, so the rules that read only these cost no more than that."""
    return _ReferenceDatesByKey(doc)


class _ReferenceDatesByKey(Mapping[str, ReferenceDates]):
    """Each dated reference's dates, by key, read when a rule first asks for them: most rules ask for none."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._dated = {ref.key: ref for ref in doc.references if _dated(ref)}
        self._read: dict[str, ReferenceDates] = {}

    def __getitem__(self, key: str) -> ReferenceDates:
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = _reference_dates(self._doc, self._dated[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._dated)

    def __len__(self) -> int:
        return len(self._dated)


def _dated(reference: Reference) -> bool:
    fields = reference.fields
    return bool(fields.date or fields.access_date or fields.archive_date)


def _reference_dates(doc: Document, reference: Reference) -> ReferenceDates:
    fields = reference.fields
    return ReferenceDates(
        _field_date(doc, reference, fields.date),
        _field_date(doc, reference, fields.access_date),
        _field_date(doc, reference, fields.archive_date),
    )


def _field_date(doc: Document, reference: Reference, value: str | None) -> DateMention | None:
    """A reference's date field, read through the text's forms. A problem is placed where the value is
    written in the reference, to be reported there."""
    if not value:
        return None
    mention = _field_mention(value)
    if mention is None or not mention.problem:
        return mention
    at = doc.text.find(value, reference.span.start, reference.span.end)
    return replace(mention, span=Span(at, at + len(value)) if at >= 0 else reference.span)


@lru_cache(maxsize=8192)
def _field_mention(value: str) -> DateMention | None:
    found = read_field(value)
    if found is None:
        return None
    nowhere = Span(0, 0)
    if found.form is None:
        day = date(1, 1, 1)
        return DateMention(nowhere, day, day, Precision.DAY, AS_WRITTEN, -1, problem=found.problem)
    form = found.form
    return DateMention(nowhere, form.first, form.last, form.precision, AS_WRITTEN, -1, is_range=form.is_range,
                       problem=found.problem)  # fmt: skip


def written_date(text: str) -> tuple[DateMention, bool] | None:
    """The date a reference's words give, for a reference whose fields give none (a link followed by prose
    such as "by Ann Marlowe in Forbes 2 September 2009"): the one date written outside its addresses, and
    whether it is a retrieval or archive date ("Retrieved 5 May 2014") rather than the source's own. None
    when there is none, or when dates of one kind disagree."""
    words = _ADDRESS.sub(" ", text)
    found: dict[bool, dict[tuple[date, date], DateMention]] = {False: {}, True: {}}
    for match in in_words().finditer(words):
        mention = _field_mention(match.group(0).replace(",", " "))
        if mention is not None and not mention.problem:
            later = _NOT_PUBLISHED.search(words, max(0, match.start() - 40), match.start()) is not None
            found[later].setdefault((mention.first, mention.last), mention)
    for later in (False, True):
        if found[later]:
            return (next(iter(found[later].values())), later) if len(found[later]) == 1 else None
    return None
