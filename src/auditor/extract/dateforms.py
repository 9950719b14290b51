"""The written forms of a date, and what each says before its context fills it in.

One set of patterns reads every date: in the text ("On 9 October", "18–23
September 2013", "the next day") and in a reference's fields ("Thu Jul 3,
2014", "2014-07-01", "Summer 1972"). ``read`` turns a match into an interval
through the one calendar (``gregorian``), so an impossible date raises there
wherever it was written, and a written weekday is checked against its day.
What a form leaves open (the year of "9 October", the anchor of "the next
day") is for ``datecontext`` to fill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from .dates import Precision
from .gregorian import calendar_date, month_end, month_number, weekday_problem

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s++"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]|20)\d\d"
# NOTE: possessive, because blanked markup leaves long runs of spaces, and "\s*,?\s+" before a year that is not
# there tries every way of splitting such a run in two: "28 June" and 3,000 spaces took 0.4 s to match.
_SP = r"[\s\u00a0]++"
_SEP = rf"(?:\s*+,)?{_SP}"  # "June 2014", "June 28, 2014"
_DASH = r"\s*+[–—-]\s*+"
_SEASON = r"(?:spring|summer|autumn|fall|winter|Spring|Summer|Autumn|Fall|Winter)"
_COUNT = r"[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d{1,2}|[Aa]"
_TEXT_FORMS = [
    # "Between 28 June 2014 and 28 April 2015", "Between 3 January and 28 June 2014", "from 16 April until 19 April"
    (
        "between",
        rf"\b(?:[Bb]etween|[Ff]rom){_SP}(?P<bd1>{_DAY})(?:{_SP}(?P<bm1>{_MONTH}))?(?:{_SEP}(?P<by1>{_YEAR}))?"
        rf"{_SP}(?:and|to|until|till|through){_SP}(?P<bd2>{_DAY}){_SP}(?P<bm2>{_MONTH})(?:{_SEP}(?P<by2>{_YEAR}))?\b",
    ),
    # "17 September – 7 October 1620", "16 December 1944 – 25 January 1945", "April 19, 1775 – September 3, 1783"
    (
        "span",
        rf"\b(?P<ad>{_DAY}){_SP}(?P<am>{_MONTH})(?:{_SEP}(?P<ay>{_YEAR}))?{_DASH}"
        rf"(?P<zd>{_DAY}){_SP}(?P<zm>{_MONTH}){_SEP}(?P<zy>{_YEAR})\b",
    ),
    (
        "mspan",
        rf"\b(?P<am2>{_MONTH}){_SP}(?P<ad2>{_DAY})(?:{_SEP}(?P<ay2>{_YEAR}))?{_DASH}"
        rf"(?P<zm2>{_MONTH}){_SP}(?P<zd2>{_DAY}){_SEP}(?P<zy2>{_YEAR})\b",
    ),
    # "18–23 September 2013", "December 1–13, 1937"
    ("dayrange", rf"\b(?P<rd1>{_DAY}){_DASH}(?P<rd2>{_DAY}){_SP}(?P<rm>{_MONTH})(?:{_SEP}(?P<ry>{_YEAR}))?\b"),
    ("mdayrange", rf"\b(?P<sm>{_MONTH}){_SP}(?P<sd1>{_DAY}){_DASH}(?P<sd2>{_DAY})(?:{_SEP}(?P<sy>{_YEAR}))?\b"),
    # full dates, with an optional weekday
    ("dmy", rf"(?P<wd1>{_WEEKDAY})?\b(?P<d>{_DAY}){_SP}(?P<m>{_MONTH}){_SEP}(?P<y>{_YEAR})\b"),
    ("mdy", rf"(?P<wd2>{_WEEKDAY})?\b(?P<m2>{_MONTH}){_SP}(?P<d2>{_DAY}){_SEP}(?P<y2>{_YEAR})\b"),
    ("iso", rf"\b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"),
    # the season or part of a month
    ("season", rf"\b(?:the{_SP})?(?P<season>{_SEASON})(?:{_SP}of)?{_SP}(?P<sy2>{_YEAR})\b"),
    ("part", rf"\b(?P<part>early|mid|late|Early|Mid|Late)[\s-]+(?P<pm>{_MONTH})(?:{_SEP}(?P<py>{_YEAR}))?\b"),
    ("my", rf"\b(?P<mm>{_MONTH}){_SP}(?P<my>{_YEAR})\b"),
    # partial dates: the year comes from context
    ("dm", rf"(?P<wd3>{_WEEKDAY})?\b(?P<pd>{_DAY}){_SP}(?P<pdm>{_MONTH})\b"),
    ("md", rf"(?P<wd4>{_WEEKDAY})?\b(?P<pmd>{_MONTH}){_SP}(?P<pdd>{_DAY})\b(?![-–])"),
    (
        "holiday",
        rf"\b(?P<holiday>Christmas\s+Eve|Christmas\s+Day|Boxing\s+Day|New\s+Year['’]s\s+(?:Eve|Day))"
        rf"(?:{_SEP}(?P<hy>{_YEAR}))?\b",
    ),
    ("month", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough){_SP}(?P<om>{_MONTH})\b(?![\s,]*\d)"),
    ("year", rf"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Uu]ntil|[Tt]hrough|[Ee]arly|[Ll]ate){_SP}(?P<oy>{_YEAR})\b(?!s)"),
    # counted from the last narrated event
    (
        "relative",
        r"\b(?P<rel>(?:[Tt]he\s+)?(?:next|following)\s+(?P<rnext>day|morning|evening|night|month|year)"
        r"|[Tt]he\s+day\s+before|[Tt]he\s+(?:same|previous)\s+day|[Tt]he\s+previous\s+(?:morning|evening|night)"
        r"|[Ll]ater\s+that\s+(?:day|morning|evening|night)|[Ee]arlier\s+(?:in\s+the|that)\s+day"
        rf"|(?P<rn>{_COUNT})\s+(?P<ru>days?|weeks?|months?|years?)\s+(?P<rdir>later|earlier))\b",
    ),
    # time moved on by an amount nobody can count from
    (
        "vague",
        r"\b(?:(?:[Aa]\s+few|[Ss]everal|[Ss]ome|[Mm]any|[Ff]ew)\s+(?:days|weeks|months|years)\s+(?:later|afterwards?)"
        r"|(?:[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears)\s+later|[Ll]ater\s+that\s+(?:week|month|year)"
        r"|(?:[Tt]he\s+)?(?:next|following)\s+week)\b",
    ),
]
# A reference's date field, read whole: besides the text's full forms, a bare year, a span of years or months.
_FIELD_FORMS = [
    (
        "fisotime",
        rf"(?P<ty>{_YEAR})-(?P<tm>[01]\d)-(?P<td>[0-3]\d)[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?",
    ),
    ("fym", rf"(?P<fy>{_YEAR})-(?P<fm>[01]\d)"),
    ("fyears", rf"(?P<fy1>{_YEAR}){_DASH}(?P<fy2>{_YEAR})"),
    ("fyear", rf"(?P<fy0>{_YEAR})"),
    ("fmonths", rf"(?P<fm1>{_MONTH}){_DASH}(?P<fm2>{_MONTH}){_SEP}(?P<fmy>{_YEAR})"),
]
# The text's full forms, which come first in DATE: a field is read by its own forms, then by these.
_FULL = ("between", "span", "mspan", "dayrange", "mdayrange", "dmy", "mdy", "iso", "season", "part", "my")
assert tuple(name for name, _ in _TEXT_FORMS[: len(_FULL)]) == _FULL
DATE = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _TEXT_FORMS))
# NOTE: not one alternation of the field's forms and the full ones, which compiled the full ones twice at
# every start; as a whole field is matched, trying the field's forms and then DATE finds the same date.
_FIELD = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _FIELD_FORMS))
_FIELD_KINDS = frozenset(name for name, _ in _FIELD_FORMS).union(_FULL)
# The characters each text form's match can open with (tests check them against the patterns). A word is tried
# with the alternation of the forms that can open with its first character, in DATE's order, which finds what
# DATE finds there. NOTE: DATE tries all of its forms at a word before it fails; most words tried open no date
# ("the", "in"), and the few forms that can open there fail several times as fast.
_OPEN_DAY = "0123456789"
_OPEN_MONTH = "JFMASOND"
_OPEN_WEEKDAY = "MTWFS"
_OPEN_IN = "IiBbDdSsUuTt"  # in, by, during, since, until, through
OPENINGS = {
    "between": "BbFf",
    "span": _OPEN_DAY,
    "mspan": _OPEN_MONTH,
    "dayrange": _OPEN_DAY,
    "mdayrange": _OPEN_MONTH,
    "dmy": _OPEN_WEEKDAY + _OPEN_DAY,
    "mdy": _OPEN_WEEKDAY + _OPEN_MONTH,
    "iso": "12",
    "season": "tsSaAfFwW",
    "part": "eEmMlL",
    "my": _OPEN_MONTH,
    "dm": _OPEN_WEEKDAY + _OPEN_DAY,
    "md": _OPEN_WEEKDAY + _OPEN_MONTH,
    "holiday": "CBN",
    "month": _OPEN_IN,
    "year": _OPEN_IN + "EeLl",
    "relative": "TtnfLlEe" + "OoFfSsNnAa" + _OPEN_DAY,  # and any other digit: "\d{1,2} days later"
    "vague": "AaSsMmFfDdWwYyLlTtnf",
}


@cache
def _opening(first: str) -> re.Pattern[str] | None:
    """The alternation of the text forms that can open with the character ``first``, in DATE's order (DATE itself
    for a character outside ASCII); None when no form can."""
    if not first.isascii():
        return DATE
    forms = tuple(name for name, _ in _TEXT_FORMS if first in OPENINGS[name])
    return _alternation(forms) if forms else None


@cache
def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """The text forms ``names`` as one pattern, in DATE's order: compiled once for the characters they share."""
    return re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in _TEXT_FORMS if name in names))


@cache
def in_words() -> re.Pattern[str]:
    """A full date as a citation's words write one, when its fields give none: "2 September 2009", "Sep 2,
    2009", "2009-09-02", "September 2009"; a lone year is too often another number to count. Compiled on
    first use: start-up."""
    return re.compile(
        rf"(?<![\w-])(?:\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+\d{{1,2}},?\s+{_YEAR}|{_YEAR}-[01]\d-[0-3]\d"
        rf"|{_MONTH},?\s+{_YEAR})(?![\w-])"
    )


# One search for a month's name or a year: every alternative opens with a plain character, so the regex engine
# skips at once to the characters that open one (a group around alternatives, or a look-behind in front, made it
# several times slower; two searches cost half as much again). A false anchor ("1234", "Maya") only costs a
# failed match.
_ANCHOR = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Christmas|Boxing|New Year|1[0-9]\d\d|20\d\d")
# Words of time, found by plain searches, which took half the time of one pattern for them all.
_UNITS = ("day", "week", "month", "year", "summer", "winter", "spring", "autumn", "fall")
_WORD_START = re.compile(r"(?<![\w'’-])(\w+)")
_WORD = re.compile(r"\w+")
_OPENERS = frozenset(
    """
    between from the early mid late in by during since until through next following previous same later earlier
    a one two three four five six seven eight nine ten few several many days weeks months years
    spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    christmas boxing
    """.split()
)
_LOOK_BACK = 40  # "Between 28 " before "June", "Thursday, 3 " before "July"
_ONGOING = re.compile(r"\s*[–—-]\s*(?:ongoing|present)\b", re.IGNORECASE)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}  # fmt: skip
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
             "new year's eve": (12, 31), "new year's day": (1, 1)}  # fmt: skip
CONTEXT_FREE = frozenset(("span", "mspan", "dmy", "mdy", "iso", "season", "my", "year"))


class Form(NamedTuple):
    """What a written date says: its interval, and whether its year was written or came from context."""

    first: date
    last: date
    precision: Precision
    is_range: bool = False
    year_written: bool = True
    problem: str | None = None  # a weekday the calendar contradicts
    ongoing: bool = False


class Step(NamedTuple):
    """A relative date: how far from its anchor, and to what precision."""

    phrase: str
    delta: timedelta | relativedelta
    precision: Precision
    backward: bool


def find_anchors(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where in ``text[start:end]`` a date may be (a month's name, a year, a word of time), and where the
    words of time stand, which are also the units of durations; not inside a word ("Monday", "today")."""
    units = []
    for word in _UNITS:
        at = text.find(word, start, end)
        while at >= 0:
            if not text[at - 1 : at].isalpha():
                units.append(at)
            at = text.find(word, at + 1, end)
    units.sort()
    found = [match.start() for match in _ANCHOR.finditer(text, start, end)]
    return sorted(found + units), units


def find(text: str, start: int, end: int, anchors: list[int]) -> Iterator[re.Match[str]]:
    """What ``DATE.finditer`` would find in ``text[start:end]``, found many times faster.

    NOTE: the full pattern tried at every position cost a microsecond a character, more than all
    the rest of a check. Every date has an anchor (``find_anchors``: a month's name, a year, or "day",
    "week", "month", a season), so the pattern is tried only at the few word starts just before each.
    """
    covered = start  # where the next date may start: every word start before it has been tried
    for anchor in anchors:
        if anchor < covered:
            continue
        for word in _WORD_START.finditer(text, max(covered, anchor - _LOOK_BACK), anchor + 1):
            found = word.group(1)
            if word.end() > anchor and not found[0].isdigit():  # cut short inside the anchor's word: read it whole
                found = _word_at(text, word.start())
            if not (found[0].isdigit() or found.lower() in _OPENERS or found == "New"):
                continue  # a date starts with a number, a month, a weekday or one of a few words
            pattern = _opening(text[word.start()])
            match = pattern.match(text, word.start(), end) if pattern else None
            if match and match.end() > anchor:
                covered = match.end()
                yield match
                break
        else:
            # No date here: what failed to reach this anchor cannot reach a later one either.
            covered = anchor + 1


def _word_at(text: str, start: int) -> str:
    found = _WORD.match(text, start)
    return found.group(0) if found else ""


def kind_of(match: re.Match[str]) -> str:
    return (match.lastgroup or "").removeprefix("k_")


def ongoing_end(text: str, end: int) -> int | None:
    """Where "– ongoing" or "– present" after a date ends, if it follows."""
    found = _ONGOING.match(text, end)
    return found.end() if found else None


def read(kind: str, groups: re.Match[str], year: int | None) -> Form | None:
    """The interval a form names, its missing year taken as ``year``; None when it needs a year and has
    none, or is counted from an anchor. Raises ValueError for a date that does not exist."""
    if kind == "between":
        year2 = _year(groups["by2"]) or year
        if year2 is None:
            return None
        year1 = _year(groups["by1"]) or year2
        month2 = groups["bm2"] or ""
        first = calendar_date(groups["bd1"] or "", groups["bm1"] or month2, year1)
        return Form(first, calendar_date(groups["bd2"] or "", month2, year2), Precision.DAY, True, bool(groups["by2"]))
    if kind in ("span", "mspan"):
        tail = "" if kind == "span" else "2"
        end_year = int(groups[f"zy{tail}"] or 0)
        start_year = _year(groups[f"ay{tail}"]) or end_year
        first = calendar_date(groups[f"ad{tail}"] or "", groups[f"am{tail}"] or "", start_year)
        return Form(first, calendar_date(groups[f"zd{tail}"] or "", groups[f"zm{tail}"] or "", end_year),
                    Precision.DAY, True)  # fmt: skip
    if kind in ("dayrange", "mdayrange"):
        d1, d2, m, y = ("rd1", "rd2", "rm", "ry") if kind == "dayrange" else ("sd1", "sd2", "sm", "sy")
        chosen = _year(groups[y]) or year
        if chosen is None:
            return None
        first = calendar_date(groups[d1] or "", groups[m] or "", chosen)
        return Form(first, calendar_date(groups[d2] or "", groups[m] or "", chosen), Precision.DAY, True,
                    bool(groups[y]))  # fmt: skip
    if kind in ("dmy", "mdy", "dm", "md"):
        d, m, y, w = {"dmy": ("d", "m", "y", "wd1"), "mdy": ("d2", "m2", "y2", "wd2"),
                      "dm": ("pd", "pdm", None, "wd3"), "md": ("pdd", "pmd", None, "wd4")}[kind]  # fmt: skip
        chosen = int(groups[y] or 0) if y else year
        if not chosen:
            return None
        day = calendar_date(groups[d] or "", groups[m] or "", chosen)
        return Form(day, day, Precision.DAY, year_written=y is not None, problem=weekday_problem(groups[w], day))
    if kind == "holiday":
        chosen = _year(groups["hy"]) or year
        if chosen is None:
            return None
        month, day_of_month = _HOLIDAYS[" ".join((groups["holiday"] or "").lower().replace("’", "'").split())]
        day = date(chosen, month, day_of_month)
        return Form(day, day, Precision.DAY, year_written=bool(groups["hy"]))
    if kind in ("iso", "fisotime"):
        y, m, d = ("iy", "im", "id") if kind == "iso" else ("ty", "tm", "td")
        day = date(int(groups[y] or 0), int(groups[m] or 0), int(groups[d] or 0))
        return Form(day, day, Precision.DAY)
    if kind == "season":
        chosen = int(groups["sy2"] or 0)
        first_month, last_month = _SEASONS[(groups["season"] or "").lower()]
        end_year = chosen + 1 if last_month < first_month else chosen
        return Form(date(chosen, first_month, 1), month_end(end_year, last_month), Precision.SEASON)
    if kind == "part":
        chosen = _year(groups["py"]) or year
        if chosen is None:
            return None
        month = month_number(groups["pm"] or "")
        low, high = _PARTS[(groups["part"] or "").lower()]
        last = month_end(chosen, month) if high == 31 else date(chosen, month, high)
        return Form(date(chosen, month, low), last, Precision.MONTH, year_written=bool(groups["py"]))
    if kind in ("my", "fym", "month"):
        y, m = {"my": ("my", "mm"), "fym": ("fy", "fm"), "month": (None, "om")}[kind]
        chosen = int(groups[y] or 0) if y else year
        if not chosen:
            return None
        month = int(groups[m] or 0) if kind == "fym" else month_number(groups[m] or "")
        return Form(date(chosen, month, 1), month_end(chosen, month), Precision.MONTH, year_written=y is not None)
    if kind in ("year", "fyear"):
        chosen = int(groups["oy" if kind == "year" else "fy0"] or 0)
        return Form(date(chosen, 1, 1), date(chosen, 12, 31), Precision.YEAR)
    if kind == "fyears":
        first, last = int(groups["fy1"] or 0), int(groups["fy2"] or 0)
        if last < first:
            raise ValueError(f"the span of years runs backwards, {first} to {last}")
        return Form(date(first, 1, 1), date(last, 12, 31), Precision.YEAR, True)
    if kind == "fmonths":
        chosen = int(groups["fmy"] or 0)
        first_month, last_month = month_number(groups["fm1"] or ""), month_number(groups["fm2"] or "")
        if last_month < first_month:
            raise ValueError("the span of months runs backwards")
        return Form(date(chosen, first_month, 1), month_end(chosen, last_month), Precision.MONTH, True)
    return None


def step(groups: re.Match[str]) -> Step:
    """How far a relative date ("the next day", "two weeks later") lies from its anchor."""
    from dateutil.relativedelta import relativedelta  # imported on first use: start-up

    phrase = " ".join((groups["rel"] or "").lower().split())
    following = groups["rnext"]
    if following in ("month", "year"):
        delta = relativedelta(months=1) if following == "month" else relativedelta(years=1)
        return Step(phrase, delta, Precision.MONTH if following == "month" else Precision.YEAR, False)
    if following or "day before" in phrase or "previous" in phrase:
        return Step(phrase, timedelta(days=1), Precision.DAY, not following)
    if groups["ru"] is None:  # the same day: "later that day", "that night"
        return Step(phrase, timedelta(0), Precision.DAY, False)
    count = groups["rn"] or "1"
    n = int(count) if count.isdigit() else _NUMBERS[count.lower()]
    unit = groups["ru"].rstrip("s")
    backward = groups["rdir"] == "earlier"
    if unit in ("day", "week"):
        return Step(phrase, timedelta(days=n * (7 if unit == "week" else 1)), Precision.DAY, backward)
    if unit == "month":
        return Step(phrase, relativedelta(months=n), Precision.MONTH, backward)
    return Step(phrase, relativedelta(years=n), Precision.YEAR, backward)


class FieldDate(NamedTuple):
    form: Form | None
    problem: str | None  # why a value written as a date names none


def read_field(value: str) -> FieldDate | None:
    """A reference's date field through the same forms as the text: None when it is not a date at all
    ("n.d."), a problem when it is written as one that cannot be ("31 April 2014", "Thu Jul 4, 2014")."""
    text = " ".join(value.split()).rstrip(".")
    match = _FIELD.fullmatch(text) or DATE.fullmatch(text)
    if match is None or kind_of(match) not in _FIELD_KINDS:
        return None
    try:
        form = read(kind_of(match), match, None)
    except ValueError as error:
        return FieldDate(None, impossible(text, error))
    if form is None:
        return None
    return FieldDate(form, form.problem)


def impossible(written: str, error: ValueError) -> str:
    """ "31 April 2014 does not exist (day is out of range for month)"."""
    reason = str(error).split(":")[0]
    return f"{written} does not exist ({reason})"


def _year(text: str | None) -> int | None:
    return int(text) if text else None
