"""Whether a cited source says what the claim citing it says: its figures, dates and named parties.

The archive phase reads each cited capture's main text (``SourceText``); this
module compares it, sentence by sentence, with every claim that cites it.
Figures are read by the figure engine's reader on both sides and match when
their intervals meet, so "about 5,600" is found as 5,641 and "more than 50" as
52. Dates match when their intervals meet and the source's is as precise as
the claim's, a year-less date of the source ("July 3") taking the claim's
year; a claim's day is also found as a weekday of a source that dates itself
within the week after. A named party is found when the source names it.

Precision first: a figure counts as missing only when the source speaks of the
same thing (a word after the claim's figure, "executed", appears in the
source), and a date only when the source names one of the parties the claim
names; otherwise the source is not clearly comparable and nothing is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from ..document import Document, Span
from .citing import cited_sentence
from .dateforms import find, find_anchors, kind_of, read
from .dates import DateMention, Dates, Precision, show
from .quantities import Hedge, Interval, Quantity, find_quantities
from .sources import SourceText

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_AFTER = 40  # characters after a figure that say what it counts: "50 people were killed"
_FILLER = frozenset("of the more other were are was had have has been who that which and than in on at to by".split())
# A capitalised run of words in a claim, the name of a party: "Islamic Front", "Jabhat al-Nusra".
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:al-|de |of |the |bin )?[A-Z][\w'’-]+)*")
_WRITTEN_DATE = re.compile(r"\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE)
_PREPOSITION = re.compile(r"^(?:in|on|at|since|until|by|from|during|of)\s+", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_NOT_NAMES = frozenset(
    """the a an in on at by of for and but or it its this that these those he she they we his her their there
    after before during while when where since until as with from to into over under about between january
    february march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday according however also later earlier some many most other""".split()
)
_INFERRED = 10  # counts in words up to this are not looked for
_STEM = 5  # "executed" and "executions" share their first five letters: the same thing spoken of
_NEARBY_WORDS = 3  # words shared with the claim that make a source sentence the one "nearby"


class Verdict(StrEnum):
    FOUND = "found"  # every figure and date the claims state is in the source
    NOT_FOUND = "not found"  # a figure or date is absent from a source that speaks of the same thing
    UNREADABLE = "unreadable"  # the capture has no usable main text
    NOT_CHECKED = "not checked"  # no capture, nothing to compare, or a source not clearly comparable


@dataclass(frozen=True, slots=True)
class Stated:
    """One thing a claim states, and what the source says of it."""

    kind: str  # "figure", "date" or "party"
    text: str  # as the claim writes it
    span: Span  # in the document
    found: bool | None  # None: the source is not clearly comparable
    quote: str | None = None  # the source's sentence where it was found
    instead: str | None = None  # for one not found, what the source gives in its place: "42 executed"
    instead_quote: str | None = None  # and the sentence that gives it


@dataclass(frozen=True, slots=True)
class Comparison:
    """A claim compared with one source it cites."""

    reference: str
    key: str  # the source's canonical key
    sentence: Span
    stated: tuple[Stated, ...]

    @property
    def verdict(self) -> Verdict:
        checked = [s for s in self.stated if s.kind != "party" and s.found is not None]
        if any(not s.found for s in checked):
            return Verdict.NOT_FOUND
        return Verdict.FOUND if checked else Verdict.NOT_CHECKED


class Absent(NamedTuple):
    """A figure or date of a claim that no source the claim cites gives."""

    stated: Stated  # as compared with the first of the sources; ``instead`` from the first that has one
    comparisons: tuple[Comparison, ...]  # one per source the claim cites


@dataclass(frozen=True, slots=True)
class Support:
    """How far each cited source's text says what the sentence citing it says."""

    comparisons: tuple[Comparison, ...]
    unreadable: dict[str, SourceText]  # by reference key: cited sources whose capture has no usable text
    citing: dict[int, frozenset[str]] = field(default_factory=dict)  # by sentence start: the references citing it

    def absent(self, kind: str) -> list[Absent]:
        """The figures or dates (``kind``) that every source a claim cites was read for and none gives. A claim
        one of whose sources was not read, or could not be compared, is left alone: that source may give it."""
        by_sentence: dict[int, list[Comparison]] = {}
        for comparison in self.comparisons:
            by_sentence.setdefault(comparison.sentence.start, []).append(comparison)
        found = []
        for start, comparisons in by_sentence.items():
            if {c.reference for c in comparisons} != self.citing.get(start):
                continue
            for index, stated in enumerate(comparisons[0].stated):
                if stated.kind != kind:
                    continue
                answers = [c.stated[index] for c in comparisons]
                if all(answer.found is False for answer in answers):
                    instead = next((a for a in answers if a.instead), stated)
                    found.append(Absent(instead, tuple(comparisons)))
        return found


def claim_items(doc: Document, dates: Dates, sentence: Span) -> list[tuple[str, str, Span, object]]:
    """What a claim sentence states that a source can be checked for: its figures (quantities, not vague
    ones), its dates (as the document's dates resolve them) and the parties it names."""
    text = doc.masked  # markers and markup blanked: "[94]" is no figure
    end = _content_end(doc, sentence)
    items: list[tuple[str, str, Span, object]] = []
    for quantity in find_quantities(text, sentence.start, end):
        if quantity.hedge is Hedge.VAGUE or (quantity.words and quantity.high <= _INFERRED):
            continue  # "the other two applicants": a small count in words is often the editor's own tally
        items.append(("figure", text[quantity.start : quantity.end], Span(quantity.start, quantity.end), quantity))
    for mention in dates.mentions:
        written = text[mention.span.start : mention.span.end]
        if not (sentence.start <= mention.span.start < end) or mention.problem or mention.ongoing:
            continue
        if (
            text[mention.span.start - 1 : mention.span.start] == "("
            and text[mention.span.end : mention.span.end + 1] == ")"
        ):
            continue  # "(June 2018)": the editor's note of when the text was true, not the source's date
        if _WRITTEN_DATE.search(written):  # not "the following day": a source tells that in its own words
            items.append(("date", _PREPOSITION.sub("", written), mention.span, mention))
    taken = [span for _, _, span, _ in items]
    for match in _NAME.finditer(text, sentence.start, end):
        name = re.split(r"['’]s\b", match.group(0))[0]  # "Jarome Iginla's No. 12": the name ends at its 's
        words = name.split()
        if words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if not words or (len(words) == 1 and match.start() == sentence.start):
            continue  # a sentence's first word is capitalised whatever it is
        if any(s.start <= match.start() < s.end for s in taken) or words[-1].lower() in _NOT_NAMES:
            continue
        name = " ".join(words)
        at = max(text.find(name, match.start(), match.end()), match.start())
        items.append(("party", name, Span(at, at + len(name)), name))
    return items


def checkable_references(doc: Document, dates: Dates) -> set[str]:
    """The references cited by a claim that states a figure or a date: the sources worth reading."""
    found: set[str] = set()
    states: dict[int, bool] = {}
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        if sentence is None:
            continue
        if sentence.span.start not in states:
            items = claim_items(doc, dates, sentence.span)
            states[sentence.span.start] = any(kind != "party" for kind, *_ in items)
        if states[sentence.span.start]:
            found.add(marker.key)
    return found


class SourceReading:
    """A source's main text, read once for every claim compared with it."""

    def __init__(self, text: str) -> None:
        self.sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
        self.folded = " ".join(text.split()).lower()
        self._dates: dict[int | None, list[list[tuple[date, date, Precision]]]] = {}

    @cached_property
    def quantities(self) -> list[list[Quantity]]:
        return [find_quantities(sentence) for sentence in self.sentences]

    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(word.lower()[:_STEM] for word in _WORD.findall(self.folded))

    def dates(self, year: int | None) -> list[list[tuple[date, date, Precision]]]:
        """Each sentence's dates, a year-less one ("July 3") taking ``year`` (left out when None)."""
        if year not in self._dates:
            self._dates[year] = [list(_dates_in(sentence, year)) for sentence in self.sentences]
        return self._dates[year]


def compare(doc: Document, dates: Dates, sentence: Span, source: SourceReading) -> tuple[Stated, ...]:
    """What the claim at ``sentence`` states, each found in ``source`` or not."""
    stated: list[Stated] = []
    claim_words = _content_words(doc.masked[sentence.start : sentence.end])
    items = claim_items(doc, dates, sentence)
    parties = [Stated("party", w, s, (at := _find_name(str(v), source)) is not None, at) for k, w, s, v in items
               if k == "party"]  # fmt: skip
    unrelated = bool(parties) and not any(p.found for p in parties)
    for kind, written, span, value in items:
        if kind == "figure":
            assert isinstance(value, Quantity)
            stated.append(_figure(doc.masked, written, span, value, source, claim_words))
        elif kind == "date":
            assert isinstance(value, DateMention)
            stated.append(_date(written, span, value, source, claim_words, unrelated))
    stated.extend(parties)
    return tuple(stated)


def support_of(doc: Document, dates: Dates, texts: dict[str, SourceText], keys: dict[str, str]) -> Support:
    """Every claim compared with every source it cites whose text was read: ``texts`` by canonical key,
    ``keys`` the canonical key of each reference that has one."""
    readings: dict[str, SourceReading] = {}
    comparisons: list[Comparison] = []
    unreadable: dict[str, SourceText] = {}
    seen: set[tuple[str, int]] = set()
    citing: dict[int, set[str]] = {}
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        if sentence is not None:
            citing.setdefault(sentence.span.start, set()).add(marker.key)
        key = keys.get(marker.key)
        if key is None or key not in texts:
            continue
        text = texts[key]
        if text.text is None:
            unreadable[marker.key] = text
            continue
        if sentence is None or (marker.key, sentence.span.start) in seen:
            continue
        seen.add((marker.key, sentence.span.start))
        if key not in readings:
            readings[key] = SourceReading(text.text)
        stated = compare(doc, dates, sentence.span, readings[key])
        comparisons.append(Comparison(marker.key, key, sentence.span, stated))
    return Support(tuple(comparisons), unreadable, {start: frozenset(keys) for start, keys in citing.items()})


def _figure(text: str, written: str, span: Span, claim: Quantity, source: SourceReading, words: set[str]) -> Stated:
    for sentence, quantities in zip(source.sentences, source.quantities, strict=True):
        for quantity in quantities:
            if quantity.percent == claim.percent and quantity.hedge is not Hedge.VAGUE and _meets(claim, quantity):
                return Stated("figure", written, span, True, sentence)
    if _digits(written) and re.search(rf"(?<![\d,.]){re.escape(_digits(written))}(?![\d,])", source.folded):
        return Stated("figure", written, span, True, _sentence_with(source, _digits(written)))
    counted = _counted(text, claim.end) & source.stems
    if not counted:
        return Stated("figure", written, span, None)  # the source does not speak of the same thing
    instead = _figure_instead(source, counted, words, claim)
    return Stated("figure", written, span, False, None, *instead) if instead else Stated("figure", written, span, False)


def _meets(claim: Quantity, found: Quantity) -> bool:
    """Whether a source's figure gives the claim's: their intervals meet, an open-ended claim ("more than 50")
    met by a figure within a factor of two, not by any larger one; an open-ended figure of the source ("at
    least 1,200") gives only its own number, not every number above it."""
    theirs = found.bounds
    if found.hedge in (Hedge.AT_LEAST, Hedge.AT_MOST):
        theirs = Interval(found.low - found.precision, found.high + found.precision)
    if not claim.bounds.overlaps(theirs):
        return False
    if claim.hedge is Hedge.AT_LEAST:
        return found.high <= max(claim.low * 2, claim.low + 10) or found.hedge is Hedge.AT_LEAST
    return True


def _counted(text: str, end: int) -> set[str]:
    """The stems of the words after a figure that say what it counts: "people", "killed" in "50 people were
    killed"."""
    words = [w.lower() for w in _WORD.findall(text[end : end + _AFTER].split(".")[0])]
    return {w[:_STEM] for w in words[:4] if w not in _FILLER and len(w) > 2}


def _figure_instead(
    source: SourceReading, counted: set[str], words: set[str], claim: Quantity
) -> tuple[str, str] | None:
    """The source's figure of the same thing as the claim's: a figure followed by the same words."""
    best: tuple[int, str, str] | None = None
    for sentence, quantities in zip(source.sentences, source.quantities, strict=True):
        for quantity in quantities:
            if quantity.percent != claim.percent or quantity.hedge is Hedge.VAGUE:
                continue
            after = list(_WORD.finditer(sentence[quantity.end : quantity.end + _AFTER].split(".")[0]))
            unit = next((w for w in after[:2] if w.group(0).lower()[:_STEM] in counted), None)
            if unit is not None:
                shared = len(words & _content_words(sentence))
                shown = " ".join(sentence[quantity.start : quantity.end + unit.end()].split())
                if quantity.hedge is not Hedge.EXACT:  # "At least 1,200" opening its sentence
                    shown = shown[:1].lower() + shown[1:]
                if best is None or shared > best[0]:
                    best = (shared, shown, sentence)
    return (best[1], best[2]) if best else None


def _date(
    written: str, span: Span, claim: DateMention, source: SourceReading, words: set[str], unrelated: bool
) -> Stated:
    year = claim.last.year
    coarse = claim.precision in (Precision.YEAR, Precision.SEASON)
    # A year-less date of the source ("July 3") takes the claim's year, but cannot give a year claimed alone.
    by_sentence = source.dates(None if coarse else year)
    for sentence, found in zip(source.sentences, by_sentence, strict=True):
        for first, last, _ in found:
            # The source's date gives the claim's when they meet and it is as precise: "December 2013" or
            # "11–22 May" does not give "12 December 2013" or "19 May".
            if first <= claim.last and claim.first <= last and last - first <= claim.last - claim.first:
                return Stated("date", written, span, True, sentence)
        if coarse and re.search(rf"(?<!\d){year}(?!\d)", sentence):
            return Stated("date", written, span, True, sentence)
    if claim.precision is Precision.DAY and claim.first == claim.last:
        weekday = _weekday_found(claim.first, source, by_sentence)
        if weekday:
            return Stated("date", written, span, True, weekday)
    if unrelated:
        return Stated("date", written, span, None)  # a page that names none of the claim's parties is another story
    related = [(len(words & _content_words(s)), s, d) for s, d in zip(source.sentences, by_sentence, strict=True)]
    nearest = max(((shared, s, d) for shared, s, d in related if d), key=lambda t: t[0], default=None)
    if nearest is None or nearest[0] < _NEARBY_WORDS:
        return Stated("date", written, span, False)
    first, last, precision = min(nearest[2], key=lambda d: abs((d[0] - claim.first).days))  # the closest it gives
    return Stated("date", written, span, False, None, _show(first, last, precision), nearest[1])


def _weekday_found(
    day: date, source: SourceReading, by_sentence: list[list[tuple[date, date, Precision]]]
) -> str | None:
    """A weekday in the source naming ``day``, the source dating itself within the week after it: a news
    report's "on Thursday"."""
    name = _WEEKDAYS[day.weekday()]
    dated_after = any(
        first == last and day <= first <= day + timedelta(days=6) for found in by_sentence for first, last, _ in found
    )
    if not dated_after:
        return None
    return next((s for s in source.sentences if (m := _WEEKDAY.search(s)) and m.group(1).lower() == name), None)


def _dates_in(text: str, year: int | None) -> Iterable[tuple[date, date, Precision]]:
    anchors, _ = find_anchors(text, 0, len(text))
    for match in find(text, 0, len(text), anchors):
        kind = kind_of(match)
        if kind == "relative":
            continue
        try:
            form = read(kind, match, year)
        except ValueError:
            continue
        if form is not None:
            yield form.first, form.last, form.precision


def _show(first: date, last: date, precision: Precision) -> str:
    return show(DateMention(Span(0, 0), first, last, precision, "", -1))


def _find_name(name: str, source: SourceReading) -> str | None:
    """The source's sentence naming ``name``, or its last word ("Iginla" for "Jarome Iginla")."""
    name = re.sub(r"['’]s$", "", name)
    last = name.split()[-1]
    for needle in (name, last) if len(last) > 3 else (name,):
        if needle.lower() in source.folded:
            return _sentence_with(source, needle)
    return None


def _sentence_with(source: SourceReading, needle: str) -> str | None:
    lowered = needle.lower()
    return next((s for s in source.sentences if lowered in " ".join(s.split()).lower()), None)


def _digits(written: str) -> str:
    """The number a figure writes in digits, as written ("5,641"), or "" for one in words."""
    found = re.search(r"\d[\d,.]*\d|\d", written)
    return found.group(0) if found else ""


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 3 and w.lower() not in _NOT_NAMES}


def _content_end(doc: Document, sentence: Span) -> int:
    found = doc.sentence_at(sentence.start)
    return found.content_end if found else sentence.end
