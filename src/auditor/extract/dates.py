"""Dates: every date a document states, as an interval, resolved in context.

Spans are found here, and the day, month and year they name become a calendar
date (the impossible ones, such as 31 February, are refused). A reference's
free-form date goes through the standard library's ``strptime`` for the common
forms and python-dateutil for the rest. What this module adds is the context a
date needs:

- a partial date ("On 9 October", "By late May") takes the nearest explicit
  year before it in reading order, and says so;
- a relative date ("the next day", "two days later") counts from the last
  dated event before it;
- reading order is the narrative's: when a copy has reversed its paragraphs,
  the body is read bottom to top.

Every mention keeps how it was resolved, so a report can show its reasoning.
Durations such as "(2 years, 2 weeks and 5 days)" are read beside the range
they measure, and each reference's publication and access dates are parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta

from ..document import CLAIM_BLOCKS, Document, Span


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    first: date  # the interval the mention allows, both ends included
    last: date
    precision: Precision
    resolved: str  # "as written", "year 2015 from line 312", "the day after 1 February 2014 (line 401)"
    block: int
    ongoing: bool = False  # "2 January 2014 – ongoing"
    is_range: bool = False
    leading: bool = False  # opens its sentence: "On 9 October, ..."
    problem: str | None = None  # why the date as written cannot be right

    @property
    def explicit(self) -> bool:
        return self.resolved == AS_WRITTEN


@dataclass(frozen=True, slots=True)
class Duration:
    span: Span
    delta: relativedelta
    text: str  # as written, spaces folded
    block: int
    measures: DateMention | None  # the range right before it


@dataclass(frozen=True, slots=True)
class ReferenceDates:
    published: DateMention | None
    accessed: DateMention | None
    archived: DateMention | None


@dataclass(frozen=True, slots=True)
class Dates:
    mentions: tuple[DateMention, ...]  # in reading order
    durations: tuple[Duration, ...]
    references: dict[str, ReferenceDates]  # by reference key
    reading_order: tuple[int, ...]  # block indexes as the narrative runs
    as_of: tuple[date, Duration] | None  # the date an open range's duration implies


AS_WRITTEN = "as written"
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]|20)\d\d"
_SP = r"[\s\u00a0]+"
_DASH = r"\s*[–—-]\s*"
_PATTERNS = [
    # "Between 28 June 2014 and 28 April 2015", "Between 3 January and 28 June 2014", "Between 27 and 29 April 2015"
    (
        "between",
        rf"\b(?:[Bb]etween|[Ff]rom){_SP}(?P<bd1>{_DAY})(?:{_SP}(?P<bm1>{_MONTH}))?(?:\s*,?{_SP}(?P<by1>{_YEAR}))?"
        rf"{_SP}(?:and|to){_SP}(?P<bd2>{_DAY}){_SP}(?P<bm2>{_MONTH})(?:\s*,?{_SP}(?P<by2>{_YEAR}))?\b",
    ),
    # "17 September – 7 October 1620", "16 December 1944 – 25 January 1945", "April 19, 1775 – September 3, 1783"
    (
        "span",
        rf"\b(?P<ad>{_DAY}){_SP}(?P<am>{_MONTH})(?:\s*,?{_SP}(?P<ay>{_YEAR}))?{_DASH}"
        rf"(?P<zd>{_DAY}){_SP}(?P<zm>{_MONTH})\s*,?{_SP}(?P<zy>{_YEAR})\b",
    ),
    (
        "mspan",
        rf"\b(?P<am2>{_MONTH}){_SP}(?P<ad2>{_DAY})(?:\s*,?{_SP}(?P<ay2>{_YEAR}))?{_DASH}"
        rf"(?P<zm2>{_MONTH}){_SP}(?P<zd2>{_DAY})\s*,?{_SP}(?P<zy2>{_YEAR})\b",
    ),
    # "18–23 September 2013", "December 1–13, 1937"
    ("dayrange", rf"\b(?P<rd1>{_DAY}){_DASH}(?P<rd2>{_DAY}){_SP}(?P<rm>{_MONTH})(?:\s*,?{_SP}(?P<ry>{_YEAR}))?\b"),
    ("mdayrange", rf"\b(?P<sm>{_MONTH}){_SP}(?P<sd1>{_DAY}){_DASH}(?P<sd2>{_DAY})(?:\s*,?{_SP}(?P<sy>{_YEAR}))?\b"),
    # full dates, with an optional weekday
    ("dmy", rf"(?P<wd1>{_WEEKDAY})?\b(?P<d>{_DAY}){_SP}(?P<m>{_MONTH})\s*,?{_SP}(?P<y>{_YEAR})\b"),
    ("mdy", rf"(?P<wd2>{_WEEKDAY})?\b(?P<m2>{_MONTH}){_SP}(?P<d2>{_DAY})\s*,?{_SP}(?P<y2>{_YEAR})\b"),
    ("iso", rf"\b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
    # the season or part of a month
    ("season", rf"\b(?:the{_SP})?(?P<season>spring|summer|autumn|fall|winter){_SP}of{_SP}(?P<sy2>{_YEAR})\b"),
    ("part", rf"\b(?P<part>early|mid|late)[\s-]+(?P<pm>{_MONTH})(?:\s*,?{_SP}(?P<py>{_YEAR}))?\b"),
    ("my", rf"\b(?P<mm>{_MONTH}){_SP}(?P<my>{_YEAR})\b"),
    # partial dates: the year comes from context
    ("dm", rf"\b(?P<pd>{_DAY}){_SP}(?P<pdm>{_MONTH})\b"),
    ("md", rf"\b(?P<pmd>{_MONTH}){_SP}(?P<pdd>{_DAY})\b(?![-–])"),
    ("month", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough){_SP}(?P<om>{_MONTH})\b(?![\s,]*\d)"),
    ("year", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough|[Ee]arly|[Ll]ate){_SP}(?P<oy>{_YEAR})\b(?!s)"),
    # relative to the last dated event
    (
        "relative",
        r"\b(?P<rel>(?:[Tt]he\s+)?(?:next|following)\s+day|[Tt]he\s+day\s+before|[Tt]he\s+(?:same|previous)\s+day"
        r"|[Tt]he\s+previous\s+(?:evening|night)|[Ll]ater\s+that\s+day|[Ee]arlier\s+in\s+the\s+day"
        r"|(?P<rn>[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d{1,2}|[Aa])"
        r"\s+(?P<ru>days?|weeks?|months?)\s+(?P<rdir>later|earlier))\b",
    ),
]
_DATE = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _PATTERNS))
# Three searches that each begin with a plain character, which the regex engine skips to at once;
# one alternation, or a look-behind in front, made them several times slower. A false anchor
# ("1234", "Maya") only costs a failed match.
_ANCHORS = (
    re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    re.compile(r"(?:1[0-9]|20)\d\d"),
    re.compile(r"(?:day|week|month|summer|winter|spring|autumn|fall)"),
)
_WORD_START = re.compile(r"(?<![\w'’-])(\w+)")
_OPENERS = frozenset(
    """
    between from the early mid late in by during since until through next following previous same later earlier
    a one two three four five six seven eight nine ten spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
_ROLL_OVER = 120  # days a partial date may step back before it is read as next year's
_LOOK_BACK = 40  # "Between 28 " before "June", "Thursday, 3 " before "July"
_ONGOING = re.compile(r"\s*[–—-]\s*(?:ongoing|present)\b", re.IGNORECASE)
_DURATION = re.compile(
    r"\(\s*(?P<body>(?:\d+[\s\u00a0]+(?:years?|months?|weeks?|days?)(?:,?\s*(?:and\s+)?)?){1,4})\s*\)"
)
_DURATION_PART = re.compile(r"(?P<n>\d+)[\s\u00a0]+(?P<unit>year|month|week|day)s?")
_LEADING = re.compile(r"\W*(?:(?:On|By|In|Between|From|Since|During|Until|Early|Late|Before|After)\s+)?(?:the\s+)?$")
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def extract_dates(doc: Document) -> Dates:
    masked = doc.masked
    order = reading_order(doc)
    claims = [doc.blocks[i].span for i in order if doc.blocks[i].kind in CLAIM_BLOCKS]
    region = (min(c.start for c in claims), max(c.end for c in claims)) if claims else (0, 0)
    anchors = sorted(m.start() for anchor in _ANCHORS for m in anchor.finditer(masked, *region))
    state = _Context()
    mentions: list[DateMention] = []
    durations: list[Duration] = []
    for index in order:
        block = doc.blocks[index]
        if block.kind not in CLAIM_BLOCKS:
            continue
        first = bisect_left(anchors, block.span.start)
        if first == len(anchors) or anchors[first] >= block.span.end:
            continue
        found = _block_dates(doc, masked, index, state, anchors[first : bisect_left(anchors, block.span.end)])
        mentions.extend(found)
        durations.extend(_durations(masked, index, found))
    references = {
        ref.key: ReferenceDates(
            _loose(ref.fields.date), _loose(ref.fields.access_date), _loose(ref.fields.archive_date)
        )
        for ref in doc.references
    }
    as_of = None
    for duration in durations:
        if duration.measures and duration.measures.ongoing:
            as_of = (duration.measures.first + duration.delta, duration)
            break
    return Dates(tuple(mentions), tuple(durations), references, tuple(order), as_of)


def reading_order(doc: Document) -> list[int]:
    """Block indexes in the narrative's order: a reversed copy's body runs bottom to top."""
    order = list(range(len(doc.blocks)))
    if "reversed-paragraph-order" not in doc.notes:
        return order
    lead = [i for i in order if doc.blocks[i].section == 0]
    body = [i for i in order if doc.blocks[i].section != 0]
    return lead + body[::-1]


# --- context -----------------------------------------------------------------------------------


class _Context:
    """What reading so far says about the dates to come."""

    def __init__(self) -> None:
        self.year: tuple[int, int] | None = None  # the last explicit year and the line it was on
        self.anchor: DateMention | None = None  # the last dated event, for "the next day"


def _block_dates(doc: Document, text: str, index: int, state: _Context, anchors: list[int]) -> list[DateMention]:
    span = doc.blocks[index].span
    found: list[DateMention] = []
    for match in _date_matches(text, span.start, span.end, anchors):
        mention = _mention(doc, text, match, index, state)
        if mention is None:
            continue
        mention = _roll_over(doc, mention, state)
        found.append(mention)
        if mention.problem:
            continue
        # A date that opens its sentence moves the narrative on; one inside it may look back
        # ("kidnapped since December 2013") and must not pull the dates after it into the past.
        if (mention.explicit or mention.precision is Precision.YEAR) and (
            mention.leading or state.year is None or mention.last.year >= state.year[0]
        ):
            state.year = (mention.last.year, doc.line_col(mention.span.start)[0])
        state.anchor = mention
    return found


def _roll_over(doc: Document, mention: DateMention, state: _Context) -> DateMention:
    """A partial date that would step months back from the last event is in the next year:
    "26 December" (2016) and then "2 January" is 2 January 2017."""
    anchor = state.anchor
    if mention.explicit or not mention.resolved.startswith("year") or anchor is None:
        return mention
    if (anchor.first - mention.last).days <= _ROLL_OVER:
        return mention
    try:
        first, last = (
            mention.first.replace(year=mention.first.year + 1),
            mention.last.replace(year=mention.last.year + 1),
        )
    except ValueError:  # 29 February
        return mention
    line = doc.line_col(anchor.span.start)[0]
    how = f"year {first.year}, the one after {day_text(anchor.first)} (line {line})"
    return DateMention(mention.span, first, last, mention.precision, how, mention.block, mention.ongoing,
                       mention.is_range, mention.leading, mention.problem)  # fmt: skip


def _date_matches(text: str, start: int, end: int, anchors: list[int]) -> Iterator[re.Match[str]]:
    """What ``_DATE.finditer`` would find in ``text[start:end]``, found many times faster.

    NOTE: the full pattern tried at every position cost a microsecond a character, more than all
    the rest of a check. Every date has an anchor (a month's name, a year, or "day", "week",
    "month", a season), so the pattern is tried only at the few word starts just before each one.
    """
    covered = start
    for anchor in anchors:
        if anchor < covered:
            continue
        for word in _WORD_START.finditer(text, max(covered, anchor - _LOOK_BACK), anchor + 1):
            if not (word.group(1)[0].isdigit() or word.group(1).lower() in _OPENERS):
                continue  # a date starts with a number, a month, a weekday or one of a few words
            match = _DATE.match(text, word.start(), end)
            if match and match.end() > anchor:
                covered = match.end()
                yield match
                break


def _mention(doc: Document, text: str, match: re.Match[str], block: int, state: _Context) -> DateMention | None:
    group = match.lastgroup or ""
    kind = group.removeprefix("k_")
    span = Span(match.start(group), match.end(group))
    groups = match.groupdict()
    leading = bool(_LEADING.fullmatch(_sentence_head(doc, text, span.start)))
    context_year = state.year[0] if state.year else None
    how_year = f"year {context_year} from line {state.year[1]}" if state.year else ""

    def make(first: date, last: date, precision: Precision, resolved: str, **more: object) -> DateMention:
        return DateMention(span, first, last, precision, resolved, block, leading=leading, **more)  # type: ignore[arg-type]

    try:
        if kind == "between":
            year2 = _year(groups["by2"]) or context_year
            month2 = groups["bm2"]
            month1 = groups["bm1"] or month2
            year1 = _year(groups["by1"]) or year2
            if year2 is None:
                return None
            start = _parse(groups["bd1"], month1, year1)
            end = _parse(groups["bd2"], month2, year2)
            how = AS_WRITTEN if groups["by2"] else how_year
            return make(start, end, Precision.DAY, how, is_range=True)
        if kind in ("span", "mspan"):
            tail = "" if kind == "span" else "2"
            end_year = int(groups[f"zy{tail}"])
            start_year = _year(groups[f"ay{tail}"]) or end_year
            start = _parse(groups[f"ad{tail}"], groups[f"am{tail}"], start_year)
            end = _parse(groups[f"zd{tail}"], groups[f"zm{tail}"], end_year)
            return make(start, end, Precision.DAY, AS_WRITTEN, is_range=True)
        if kind == "dayrange":
            year = _year(groups["ry"]) or context_year
            if year is None:
                return None
            start, end = _parse(groups["rd1"], groups["rm"], year), _parse(groups["rd2"], groups["rm"], year)
            return make(start, end, Precision.DAY, AS_WRITTEN if groups["ry"] else how_year, is_range=True)
        if kind == "mdayrange":
            year = _year(groups["sy"]) or context_year
            if year is None:
                return None
            start, end = _parse(groups["sd1"], groups["sm"], year), _parse(groups["sd2"], groups["sm"], year)
            return make(start, end, Precision.DAY, AS_WRITTEN if groups["sy"] else how_year, is_range=True)
        if kind in ("dmy", "mdy", "iso"):
            if kind == "iso":
                day = date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
                weekday = None
            else:
                d, m, y = (
                    (groups["d"], groups["m"], groups["y"])
                    if kind == "dmy"
                    else (groups["d2"], groups["m2"], groups["y2"])
                )
                day = _parse(d, m, int(y))
                weekday = groups["wd1"] or groups["wd2"]
            problem = _weekday_problem(weekday, day)
            ongoing = bool(_ONGOING.match(text, span.end))
            if ongoing:
                span = Span(span.start, _ONGOING.match(text, span.end).end())  # type: ignore[union-attr]
                return DateMention(span, day, day, Precision.DAY, AS_WRITTEN, block, True, True, leading, problem)
            return make(day, day, Precision.DAY, AS_WRITTEN, problem=problem)
        if kind == "season":
            year = int(groups["sy2"])
            first_month, last_month = _SEASONS[groups["season"].lower()]
            end_year = year + 1 if last_month < first_month else year
            return make(date(year, first_month, 1), _month_end(end_year, last_month), Precision.SEASON, AS_WRITTEN)
        if kind == "part":
            year = _year(groups["py"]) or context_year
            if year is None:
                return None
            month = _month_number(groups["pm"])
            low, high = _PARTS[groups["part"].lower()]
            last = _month_end(year, month) if high == 31 else date(year, month, high)
            how = AS_WRITTEN if groups["py"] else how_year
            return make(date(year, month, low), last, Precision.MONTH, how)
        if kind == "my":
            year, month = int(groups["my"]), _month_number(groups["mm"])
            return make(date(year, month, 1), _month_end(year, month), Precision.MONTH, AS_WRITTEN)
        if kind in ("dm", "md"):
            if context_year is None:
                return None
            d, m = (groups["pd"], groups["pdm"]) if kind == "dm" else (groups["pdd"], groups["pmd"])
            day = _parse(d, m, context_year)
            return make(day, day, Precision.DAY, how_year)
        if kind == "month":
            if context_year is None:
                return None
            month = _month_number(groups["om"])
            return make(date(context_year, month, 1), _month_end(context_year, month), Precision.MONTH, how_year)
        if kind == "year":
            year = int(groups["oy"])
            return make(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, AS_WRITTEN)
        if kind == "relative":
            return _relative(doc, groups, span, block, leading, state)
    except ValueError as error:
        shown = " ".join(text[span.start : span.end].split())
        reason = str(error).split(":")[0]
        problem = f"{shown} does not exist ({reason})"
        day = date(1, 1, 1)
        return DateMention(span, day, day, Precision.DAY, AS_WRITTEN, block, leading=leading, problem=problem)
    return None


def _relative(
    doc: Document, groups: dict[str, str | None], span: Span, block: int, leading: bool, state: _Context
) -> DateMention | None:
    anchor = state.anchor
    if anchor is None or anchor.precision is not Precision.DAY:
        return None
    phrase = (groups["rel"] or "").lower()
    base = anchor.last if anchor.is_range else anchor.first
    if "next" in phrase or "following" in phrase:
        delta = timedelta(days=1)
    elif "day before" in phrase or "previous" in phrase:
        delta = timedelta(days=-1)
    elif "same" in phrase or "that day" in phrase or "in the day" in phrase:
        delta = timedelta(0)
    else:
        count = groups["rn"] or "1"
        n = int(count) if count.isdigit() else _NUMBERS[count.lower()]
        unit = (groups["ru"] or "day").rstrip("s")
        sign = 1 if groups["rdir"] == "later" else -1
        delta = {"day": timedelta(days=n), "week": timedelta(weeks=n)}.get(unit) or relativedelta(months=n)
        if sign < 0:
            delta = -delta
    day = base + delta
    line = doc.line_col(anchor.span.start)[0]
    how = f"{phrase} from {day_text(base)} (line {line})"
    return DateMention(span, day, day, Precision.DAY, how, block, leading=leading)


def _sentence_head(doc: Document, text: str, offset: int) -> str:
    sentence = doc.sentence_at(offset)
    start = sentence.span.start if sentence else max(0, offset - 40)
    return text[start:offset]


# --- durations and references ------------------------------------------------------------------


def _durations(text: str, block: int, found: list[DateMention]) -> list[Duration]:
    durations = []
    for mention in found:
        if not mention.is_range:
            continue
        match = _DURATION.match(text, mention.span.end) or _DURATION.match(text, _skip_space(text, mention.span.end))
        if not match:
            continue
        delta = relativedelta()
        for part in _DURATION_PART.finditer(match["body"]):
            delta += relativedelta(**{f"{part['unit']}s": int(part["n"])})
        shown = " ".join(match.group(0).split())
        durations.append(Duration(Span(match.start(), match.end()), delta, shown, block, mention))
    return durations


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n\u00a0":
        position += 1
    return position


@lru_cache(maxsize=4096)
def _loose(value: str | None) -> DateMention | None:
    """A reference's date field as an interval: "2014-07-01", "Sep 27, 2013", "May 2014", "2014"."""
    if not value:
        return None
    text = value.strip()
    precision = Precision.DAY
    if re.fullmatch(_YEAR, text):
        year = int(text)
        return DateMention(Span(0, 0), date(year, 1, 1), date(year, 12, 31), Precision.YEAR, AS_WRITTEN, -1)
    if re.fullmatch(rf"{_MONTH},?\s+{_YEAR}", text):
        precision = Precision.MONTH
    parsed = _strptime(text)
    if parsed is None:
        try:  # the forms strptime does not know ("Thu Jul 3, 2014", "Sept. 5, 2013")
            parsed = date_parser.parse(text, default=datetime(1, 1, 1)).date()
        except (ValueError, OverflowError):
            return None
    if parsed.year == 1:
        return None
    last = _month_end(parsed.year, parsed.month) if precision is Precision.MONTH else parsed
    return DateMention(Span(0, 0), parsed, last, precision, AS_WRITTEN, -1)


# A full date as a citation's words write one, when its fields give none: "2 September 2009", "Sep 2, 2009",
# "2009-09-02", "September 2009"; a lone year is too often another number to count.
_WRITTEN_DATE = re.compile(
    rf"(?<![\w-])(?:\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+\d{{1,2}},?\s+{_YEAR}|{_YEAR}-[01]\d-[0-3]\d"
    rf"|{_MONTH},?\s+{_YEAR})(?![\w-])"
)
_ADDRESS = re.compile(r"(?:https?:)?//\S+|\bwww\.\S+")
_NOT_PUBLISHED = re.compile(r"(?i)(?:retrieved|accessed|archived|archive|captured)\b[^.;]*$")


def written_date(text: str) -> tuple[DateMention, bool] | None:
    """The date a reference's words give, for a reference whose fields give none (a link followed by prose
    such as "by Ann Marlowe in Forbes 2 September 2009"): the one date written outside its addresses, and
    whether it is a retrieval or archive date ("Retrieved 5 May 2014") rather than the source's own. None
    when there is none, or when dates of one kind disagree."""
    words = _ADDRESS.sub(" ", text)
    found: dict[bool, dict[tuple[date, date], DateMention]] = {False: {}, True: {}}
    for match in _WRITTEN_DATE.finditer(words):
        mention = _loose(match.group(0).replace(".", ""))
        if mention is not None:
            later = _NOT_PUBLISHED.search(words, max(0, match.start() - 40), match.start()) is not None
            found[later].setdefault((mention.first, mention.last), mention)
    for later in (False, True):
        if found[later]:
            return (next(iter(found[later].values())), later) if len(found[later]) == 1 else None
    return None


_FORMATS = ("%d %B %Y", "%B %d, %Y", "%Y-%m-%d", "%d %b %Y", "%b %d, %Y", "%B %Y", "%b %Y")


def _strptime(text: str) -> date | None:
    """The common forms, through the standard library's parser, several times faster than dateutil's."""
    for form in _FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


# --- small helpers -----------------------------------------------------------------------------


def _parse(day: str, month: str, year: int) -> date:
    """The date a pattern's groups name; raises ValueError for one that does not exist (31 February)."""
    return date(year, _month_number(month), int(day.rstrip("stndrh")))


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _month_number(name: str) -> int:
    prefix = name.rstrip(".")[:3].lower()
    return next(i for i, full in enumerate(_MONTH_NAMES, 1) if full[:3].lower() == prefix)


def _month_end(year: int, month: int) -> date:
    return (date(year, month, 1) + relativedelta(months=1)) - timedelta(days=1)


def _weekday_problem(written: str | None, day: date) -> str | None:
    if not written:
        return None
    name = written.strip(" ,.\u00a0").lower()[:3]
    if _WEEKDAYS.index(name) == day.weekday():
        return None
    actual = day.strftime("%A")
    return f"{day_text(day)} was a {actual}, not a {written.strip(' ,.').rstrip('.')}"


def day_text(day: date) -> str:
    """ "9 October 2015"."""
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def show(mention: DateMention) -> str:
    """A mention as a date a reader can check: "9 October 2015", "April 2015", "1–3 July 2014"."""
    if mention.precision is Precision.YEAR:
        return str(mention.first.year)
    if mention.precision in (Precision.MONTH, Precision.SEASON) and mention.first.month == mention.last.month:
        return f"{_MONTH_NAMES[mention.first.month - 1]} {mention.first.year}"
    if mention.first == mention.last:
        return day_text(mention.first)
    return f"{day_text(mention.first)} – {day_text(mention.last)}"
