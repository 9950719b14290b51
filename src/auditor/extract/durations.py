"""Durations, and the date ranges they measure.

Two kinds are read:

- a duration in brackets right after a range, as infoboxes write it:
  ``17 September – 7 October 1620 (20 days)``; it is exact, give or take the
  day that counting both ends adds;
- a duration in prose: "fought over four days", "the 40-day siege", "the
  battle lasted more than two months", "four days of fighting". It measures
  the range its sentence gives, or, when the sentence names the article's
  subject ("the battle", "the Siege of Marea"), the infobox's range. Prose
  rounds: "three weeks" may be a few days either way, "two months" half a
  month, and "over", "nearly" and "about" say which way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import timedelta
from functools import cache

from ..document import BlockKind, Document, Span
from .dates import DateMention, Duration, Precision

_BRACKETED = re.compile(
    r"\(\s*(?P<body>(?:\d+[\s\u00a0]+(?:years?|months?|weeks?|days?)(?:,?\s*(?:and\s+)?)?){1,4})\s*\)"
)
_BRACKETED_PART = re.compile(r"(?P<n>\d+)[\s\u00a0]+(?P<unit>year|month|week|day)s?")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
# A count as written, capitalised when it opens a sentence ("Four days of fighting").
_N = r"(?:\d{1,3}|" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(_NUMBERS, key=len, reverse=True)) + r")"
_QUALIFIER = (
    r"(?:just\s+over|just\s+under|more\s+than|over|at\s+least|nearly|almost|under|less\s+than|about|around|some"
    r"|roughly|approximately|only|just)"
)
_EVENT_NOUNS = (
    r"(?:siege|battle|campaign|offensive|operation|action|war|fight|fighting|assault|occupation|blockade|standoff"
    r"|struggle|bombardment|engagement|clashes|uprising|rebellion|insurgency|conflict|strike|ceasefire|truce)"
)


@cache
def _prose() -> re.Pattern[str]:
    """Compiled on first use (start-up): only a sentence with a count before a unit of time needs it."""
    return re.compile(
        # "lasted three weeks", "fought over four days", "held out for 40 days"
        rf"\b(?:lasted|lasting|lasts|raged|continued|went\s+on|fought|waged|held\s+out)\s+(?:for\s+)?"
        rf"(?:(?P<q1>{_QUALIFIER})\s+)?(?P<n1>{_N})[\s\u00a0-]+(?P<u1>day|week|month|year)s?\b"
        r"(?!\s+(?:later|earlier|before|after|ago|late|early)\b)"
        # "the 40-day siege", "a two-month campaign"
        rf"|\b(?:the|a|an|this|its|their)\s+(?:(?P<q2>{_QUALIFIER})\s+)?(?P<n2>{_N})-(?P<u2>day|week|month|year)"
        rf"(?:-long)?\s+(?P<noun>{_EVENT_NOUNS})\b"
        # "four days of fighting", "after 76 days of siege"
        rf"|(?<!first\s)(?<!last\s)(?<!next\s)(?<!final\s)(?<!another\s)\b(?:(?P<q3>{_QUALIFIER})\s+)?(?P<n3>{_N})\s+"
        rf"(?P<u3>day|week|month|year)s?\s+of\s+(?:fighting|combat|siege|battle|clashes|bombardment|occupation)\b"
    )


_BOUNDS = {"over": "at least", "more than": "at least", "at least": "at least", "just over": "at least",
           "nearly": "at most", "almost": "at most", "under": "at most", "less than": "at most",
           "just under": "at most", "about": "about", "around": "about", "some": "about", "roughly": "about",
           "approximately": "about"}  # fmt: skip
# How far prose may round each unit, either way, on top of the day counting both ends adds.
_ROUNDING = {"day": timedelta(0), "week": timedelta(days=3), "month": timedelta(days=15), "year": timedelta(days=182)}
_COUNTED = re.compile(rf"\b{_N}[\s\u00a0-]+$", re.IGNORECASE)
_REACH = 70  # characters before a unit word where a prose duration may start
_SUBJECT_HEADS = frozenset(
    "battle siege war campaign offensive operation rebellion uprising insurgency conflict blockade occupation".split()
)


def bracketed(text: str, block: int, found: Iterable[DateMention]) -> Iterator[Duration]:
    """The durations in brackets right after the ranges of a block."""
    for mention in found:
        if not mention.is_range:
            continue
        match = _BRACKETED.match(text, mention.span.end) or _BRACKETED.match(text, _skip_space(text, mention.span.end))
        if not match:
            continue
        from dateutil.relativedelta import relativedelta  # imported where durations are found: start-up

        delta = relativedelta()
        for part in _BRACKETED_PART.finditer(match["body"]):
            delta += relativedelta(**{f"{part['unit']}s": int(part["n"])})
        shown = " ".join(match.group(0).split())
        amount = " ".join(match["body"].split()).rstrip(" ,")
        yield Duration(Span(match.start(), match.end()), delta, shown, block, mention, amount=amount)


def in_prose(doc: Document, text: str, units: list[int], by_block: dict[int, list[DateMention]],
             subject: DateMention | None) -> Iterator[Duration]:  # fmt: skip
    """The durations prose states, each with the range it measures; ``units`` are where the words
    "day", "week", "month" and "year" stand, ``subject`` the infobox's range, if any."""
    if subject is None:  # only a block with a range of its own has anything to measure
        ranged = sorted(doc.blocks[b].span for b, found in by_block.items() if any(map(_measurable, found)))
        units = [u for span in ranged for u in units[bisect_left(units, span.start) : bisect_left(units, span.end)]]
    covered = 0
    for unit in units:
        if unit < covered or not text.startswith(("day", "week", "month", "year"), unit):
            continue
        if not _COUNTED.search(text, max(0, unit - 16), unit):
            continue  # no number just before the unit: "the next day", "Monday", "years ago"
        match = None
        for candidate in _prose().finditer(text, max(covered, unit - _REACH), unit + _REACH):
            if candidate.start() <= unit < candidate.end():
                match = candidate
                break
        if match is None:
            continue
        covered = match.end()
        sentence = doc.sentence_at(match.start())
        if sentence is None or doc.blocks[sentence.block].kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            continue
        measured = _measured(doc, text, match, sentence.span, by_block.get(sentence.block, []), subject)
        if measured is not None:
            yield _duration(match, sentence.block, measured)


def _measured(doc: Document, text: str, match: re.Match[str], sentence: Span, mentions: list[DateMention],
              subject: DateMention | None) -> DateMention | None:  # fmt: skip
    """The range a prose duration measures: the nearest in its sentence, else the subject's when the
    sentence names the subject."""
    ranges = [m for m in mentions if sentence.start <= m.span.start < sentence.end and _measurable(m)]
    if ranges:
        return min(ranges, key=lambda m: abs(m.span.start - match.start()))
    if subject is None or any(sentence.start <= m.span.start < sentence.end for m in mentions):
        return None  # a sentence with dates of its own speaks of them, not of the subject
    noun = match["noun"]
    head = _subject_head(doc.title or "")
    if noun is not None:  # "the 40-day siege" of a siege is the subject; "the three-day bombardment" is not
        return subject if noun == head else None
    said = text[sentence.start : sentence.end]
    names = re.compile(rf"\b(?:the|this)\s+{head}\b(?!\s+of\b)", re.IGNORECASE) if head else None
    title = re.sub(r"\s*\(.*", "", doc.title or "")
    if (names and names.search(said)) or (title and title.lower() in said.lower()):
        return subject
    return None


def subject_range(doc: Document, mentions: Iterable[DateMention]) -> DateMention | None:
    """The infobox's date range: what "the battle lasted" measures."""
    for mention in mentions:
        block = doc.blocks[mention.block]
        if block.kind is BlockKind.INFOBOX_FIELD and (block.label or "").casefold() == "date":
            return mention if _measurable(mention) else None
    return None


def _measurable(mention: DateMention) -> bool:
    return mention.is_range and mention.precision is Precision.DAY and not mention.problem and not mention.ongoing


def _subject_head(title: str) -> str | None:
    words = title.split()
    return words[0].lower() if words and words[0].lower() in _SUBJECT_HEADS else None


def _duration(match: re.Match[str], block: int, measured: DateMention) -> Duration:
    tail = next(t for t in "123" if match[f"n{t}"])
    count, unit = match[f"n{tail}"].lower(), match[f"u{tail}"]
    n = int(count) if count.isdigit() else _NUMBERS[count]
    bound = _BOUNDS.get(" ".join((match[f"q{tail}"] or "").lower().split()), "exact")
    slack = timedelta(days=1) + _ROUNDING[unit]
    if bound == "about":
        slack += max(timedelta(days=1), _ROUNDING[unit])
    from dateutil.relativedelta import relativedelta

    delta = relativedelta(**{f"{unit}s": n})
    shown = " ".join(match.group(0).split())
    amount = f"{count} {unit}" + ("" if n == 1 else "s")
    return Duration(Span(match.start(), match.end()), delta, shown, block, measured, bound, slack, amount, prose=True)


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\u00a0":
        position += 1
    return position
