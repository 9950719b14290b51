"""Find the numbers a text states and turn each into an interval.

``2,764+`` is [2764, ∞), ``5,641–6,991`` a range, ``about 100`` a value with a
tolerance, ``dozens`` a vague quantity. Every quantity also keeps the written
value (its nominal bounds), because a total is checked against what its parts
say, and the precision the writing implies: a rounded ``78,200`` stands for
anything from 78,150 up to, but not including, 78,250, since no rounding rule
turns 78,250 into 78,200 (half up and half to even both give 78,300).

Dates, years, ordinals, money and numbers inside identifiers are not quantities.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import NamedTuple

from .prefilter import Gated, fewest, folded


class Hedge(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at least"  # 2,764+, at least, more than, over
    AT_MOST = "at most"  # less than, fewer than, no more than
    NEARLY = "nearly"  # nearly, almost, up to, as many as: a report's figure, from just below
    ABOUT = "about"  # about, around, some, ~, c.
    VAGUE = "vague"  # dozens, hundreds, several


class Interval(NamedTuple):
    """The values a statement allows: ``[low, high]``, or ``[low, high)`` for a rounded value."""

    low: float
    high: float
    high_open: bool = False

    def contains(self, value: float) -> bool:
        return self.low <= value and (value < self.high if self.high_open else value <= self.high)

    def overlaps(self, other: Interval) -> bool:
        low = max(self.low, other.low)
        nearer = self if (self.high, not self.high_open) < (other.high, not other.high_open) else other
        return low < nearer.high or (low == nearer.high and not nearer.high_open)


class Quantity(NamedTuple):
    start: int
    end: int
    low: float  # nominal bounds: what the text writes
    high: float
    hedge: Hedge
    precision: float  # half the rounding unit the writing implies (0 for an exact count), the wider bound's
    percent: bool
    words: bool  # written in words ("three"), not digits

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def bounds(self) -> Interval:
        """The values the statement allows, hedges and rounding included."""
        low, high = self.low - self.precision, self.high + self.precision
        if self.hedge is Hedge.AT_LEAST:
            return Interval(low, math.inf)
        if self.hedge is Hedge.AT_MOST:
            return Interval(0.0, self.high)
        if self.hedge is Hedge.NEARLY:
            return Interval(self.high * (1 - _NEAR), self.high)
        if self.hedge is Hedge.ABOUT:
            return Interval(min(low, self.low * (1 - _ABOUT)), max(high, self.high * (1 + _ABOUT)))
        return Interval(low, high, high_open=self.precision > 0)


_NEAR = 0.1  # "nearly 100" reads as 90 to 100
_ABOUT = 0.1  # "about 100" reads as 90 to 110

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Plural scale words with no number in front are vague: "dozens" is 24 to 143, and so on.
_VAGUE = {
    "several": (3, 9),
    "a few": (2, 5),
    "dozens": (24, 143),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(k for k in _UNITS if len(k) > 2)
    + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|an?(?= (?:dozen|hundred|thousand|million)\b))"
    r"(?: (?:dozen|hundred|thousand|million|billion))*"
)
_SCALE = r"(?:\s?(?P<{}>million|billion|thousand|bn)\b)?"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"
_HEDGE_WORDS = (
    r"at least|no fewer than|not less than|more than|over|upwards of|in excess of|"
    r"up to|as many as|nearly|almost|close to|just under|less than|fewer than|no more than|at most|under|"
    r"about|around|approximately|approx\.|roughly|some|an estimated|estimated|circa|c\.|ca\.|~|≈|>|<"
)
_HEDGE_BEFORE = rf"(?:(?P<hedge>{_HEDGE_WORDS})\s*)?"
_RANGE_JOIN = r"\s*(?:[–—‑-]|to|or)\s*"
_QUANTITY = re.compile(
    r"(?<![\w$£€¥.,/:-])"
    rf"(?i:{_HEDGE_BEFORE})"
    rf"(?:(?i:between|from)\s+(?P<b_low>{_NUMBER}){_SCALE.format('b_low_scale')}\s*(?P<pct_b>%)?\s+(?:and|to)\s+"
    rf"|(?P<low>{_NUMBER}){_SCALE.format('low_scale')}\s*(?P<pct_low>%|percent\b|per cent\b)?{_RANGE_JOIN})?"
    rf"(?P<value>{_NUMBER}){_SCALE.format('scale')}(?P<plus>\+)?"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b))?"
    r"(?![\w/])",
)
# NOTE: the full pattern tried at every position was most of the time a document took to check;
# it now runs only in a window around each digit or number word, found by these cheap searches.
_DIGIT_RUN = re.compile(r"\d+")
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_NUMBER_WORD = Gated(
    re.compile(
        r"\b(?=[otfsenahOTFSENAH])(?i:two|three|four|five|six|seven|eight|nine|"
        + "|".join(f"{_TEENS} {_TENS}".split())
        + r"|an? (?:dozen|hundred|thousand|million))\b"
    ),
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", *_TEENS.split(), *_TENS.split(), "dozen",
     "hundred", "thousand", "million"],
)  # fmt: skip
# What may open a quantity before its first digit: a hedge, "between", or a first half in words ("one or").
_PREFIX = re.compile(
    rf"(?i:(?:(?:{_HEDGE_WORDS})\s*)?(?:(?:between|from)\s+|(?:{_WORD_NUMBER})\s*(?:[–—‑-]|to|or)\s*)"
    rf"|(?:{_HEDGE_WORDS})\s*)$"
)
# The last word of a hedge, of "between" or "from", or of a first half in words ("one or"); marks that may too.
_OPENING_WORDS = frozenset(
    [w.split()[-1] for w in _HEDGE_WORDS.replace("\\", "").split("|")] + ["between", "from", "to", "or"]
)
_OPENING_MARKS = frozenset("~≈<>–—‑-")
# The first letter (in lower case) or mark of a hedge, of "between" or "from", or of a number in words: a match of
# ``_PREFIX`` opens with one of these, or with a letter outside ASCII that ignoring case may take for one.
_PREFIX_OPENINGS = frozenset(
    [w[0] for w in _HEDGE_WORDS.replace("\\", "").split("|")] + ["b", "f", "a"] + [k[0] for k in _UNITS if len(k) > 2]
)
RANGE_HINT = re.compile(r"\d\s*(?:[–—‑-]|to|and)\s*\d")  # where a range may be
_LOOK_BACK = 24  # "approximately between" before the number
_LOOK_AHEAD = 600  # "5,641–6,991 per cent" after it, or a range whose halves a blanked note keeps apart
_VAGUE_PATTERN = Gated(re.compile(r"\b(?i:" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + r")\b"), _VAGUE)
# The words one of which every quantity written in words holds, in lower case: a text whose folded copy holds none,
# and no digit, holds no quantity.
SPELLED = fewest(_NUMBER_WORD.words + _VAGUE_PATTERN.words)
_ORDINAL_OR_ID = re.compile(r"(?:st|nd|rd|th|s)\b|[-/]\w|\.\d|:\d\d")  # 46th, 1990s, A-10, 1.2.3, 15:50
_DATE_AFTER = re.compile(rf"\s*(?:{_MONTHS})\b|\s*(?:BC|AD|BCE|CE)\b|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC)\b")
# ISO 9001, KG 53, a page or volume: "Davis, p. 89, cites 3,500", "(vol. 3)".
_CODE_BEFORE = re.compile(
    r"(?<![\w.])(?:[A-Z][A-Z/.]*[A-Z]|Route|No\.|Article|Section|pp?\.|[Pp]ages?|[Vv]ol\.|[Vv]olume|[Cc]hapter)\s$"
)
_DAY_RANGE_AFTER = re.compile(rf"\s*(?:and|to|[–-])\s*\d{{1,2}}\s+(?:{_MONTHS})\b")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$")
_WORD_TOKENS = re.compile(r"[a-z]+")
_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")  # of thousands: "2,764", "2 764"
_NOT_DIGIT = re.compile(r"\D")
_HEDGES = {
    "at least": Hedge.AT_LEAST, "no fewer than": Hedge.AT_LEAST, "not less than": Hedge.AT_LEAST,
    "more than": Hedge.AT_LEAST, "over": Hedge.AT_LEAST, "upwards of": Hedge.AT_LEAST,
    "in excess of": Hedge.AT_LEAST, ">": Hedge.AT_LEAST,
    "up to": Hedge.NEARLY, "as many as": Hedge.NEARLY, "nearly": Hedge.NEARLY, "almost": Hedge.NEARLY,
    "close to": Hedge.NEARLY, "just under": Hedge.NEARLY,
    "less than": Hedge.AT_MOST, "fewer than": Hedge.AT_MOST, "no more than": Hedge.AT_MOST,
    "at most": Hedge.AT_MOST, "under": Hedge.AT_MOST, "<": Hedge.AT_MOST,
}  # fmt: skip
_SCALE_SUFFIX = {"bn": 1_000_000_000, "million": 1_000_000, "billion": 1_000_000_000, "thousand": 1_000}


def find_quantities(text: str, start: int = 0, end: int | None = None, spelled: bool = True) -> list[Quantity]:
    """The quantities in ``text[start:end]``, in order, with offsets into ``text``; ``spelled``: False when the
    text's folded copy is known to hold no word of ``SPELLED``, which spares the searches for numbers in words."""
    end = len(text) if end is None else end
    anchors = [m.start() for m in _DIGIT_RUN.finditer(text, start, end)]
    if not spelled:
        found = _around(text, start, end, anchors)
        found.sort()
        return found
    lowered = folded(text[start:end])
    anchors.extend(m.start() for m in _NUMBER_WORD.finditer(text, lowered, start, end))
    anchors.sort()
    found = _around(text, start, end, anchors)
    for match in _VAGUE_PATTERN.finditer(text, lowered, start, end):
        if not any(q.start <= match.start() < q.end for q in found):
            low, high = _VAGUE[match.group(0).lower()]
            found.append(Quantity(match.start(), match.end(), low, high, Hedge.VAGUE, 0.0, False, True))
    found.sort()
    return found


def find_ranges(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Only the ranges written with digits: far quicker where nothing else is wanted."""
    end = len(text) if end is None else end
    anchors = [m.start() for m in RANGE_HINT.finditer(text, start, end)]
    return [q for q in _around(text, start, end, anchors) if q.is_range]


def _around(text: str, start: int, end: int, anchors: list[int]) -> list[Quantity]:
    found: list[Quantity] = []
    covered = start
    for anchor in anchors:
        if anchor < covered:
            continue
        # The full pattern runs only at a number, or at the hedge or "between" right before it.
        limit = min(end, anchor + _LOOK_AHEAD)
        prefix = _prefix(text, max(start, anchor - _LOOK_BACK), anchor) if _may_open(text, anchor) else None
        match = _QUANTITY.match(text, prefix.start(), limit) if prefix else None
        if match is None or match.end() <= anchor:
            match = _QUANTITY.match(text, anchor, limit)
        if match is not None and match.end() > anchor:
            covered = match.end()
            quantity = _quantity(text, match)
            if quantity is not None:
                found.append(quantity)
    return found


def _prefix(text: str, low: int, anchor: int) -> re.Match[str] | None:
    """``_PREFIX.search(text, low, anchor)``, the pattern tried only where a match may open.

    NOTE: ``search`` tries every one of the alternatives at every position, which cost more than reading the
    quantity that follows."""
    for position in range(low, anchor):
        char = text[position]
        if not char.isascii() or char.lower() in _PREFIX_OPENINGS:
            match = _PREFIX.match(text, position, anchor)
            if match is not None:
                return match
    return None


def _may_open(text: str, anchor: int) -> bool:
    """Whether the word right before a number may end a hedge or a range's first half: a quick test that
    spares most numbers the search for one (``_PREFIX``)."""
    before = text[max(0, anchor - _LOOK_BACK) : anchor].rstrip()
    if not before:
        return False
    if before[-1] in _OPENING_MARKS:
        return True
    first = len(before)
    while first and (before[first - 1].isalpha() or before[first - 1] == "."):
        first -= 1  # the letters of the last word: "about" in "casualties1=about", "c." in "(c."
    return before[first:].lower() in _OPENING_WORDS


def _quantity(text: str, match: re.Match[str]) -> Quantity | None:
    value_text = match["value"]
    # NOTE: each test below only rejects, so their order is free: the cheapest, and most often true (a year),
    # come first.
    if _is_year(value_text, match):
        return None
    if _ORDINAL_OR_ID.match(text, match.end("value")) and not match["plus"] and not match["pct"]:
        return None  # 46th, 1990s, A-10, 2/3, version 1.2.3
    if _DATE_AFTER.match(text, match.end(), match.end() + 12) or _is_day(text, match):
        return None
    if not match["hedge"] and _CODE_BEFORE.search(text, max(0, match.start() - 16), match.start()):
        return None  # "KG 53", "Route 66", "AS/NZS 4801": a name's number, not a count
    if _long_digits(value_text) or _long_digits(match["low"]) or _long_digits(match["b_low"]):
        return None  # "30000892": an identifier; counts that large are written with separators
    if _DAY_RANGE_AFTER.match(text, match.end()) and value_text.isdigit() and int(value_text) <= 31:
        return None  # "between just 6 and 31 January": days
    low_text = match["low"] or match["b_low"]
    if low_text and _DATE_AFTER.match(text, match.end("value")):
        return None
    value = _number(value_text, match["scale"])
    if value is None:
        return None
    hedge = _HEDGES.get((match["hedge"] or "").lower(), Hedge.ABOUT if match["hedge"] else Hedge.EXACT)
    if match["plus"]:
        hedge = Hedge.AT_LEAST
    low = value
    words = not value_text[0].isdigit()
    if low_text:
        low = _number(low_text, match["low_scale"] or match["b_low_scale"] or match["scale"])
        if low is None:
            return None
        words = words and not low_text[0].isdigit()
        joint = text[match.end("low") if match["low"] else match.end("b_low") : match.start("value")].strip()
        if words and joint in ("-", ""):
            low, value = low + value, low + value  # twenty-five
        elif joint == "-" and _year(value_text):
            return None  # "EN 1090-2008": a standard and its year, not a range
        elif joint == "or" and min(low, value) < 10:
            return None  # "one or two" is vague talk, "2 or 3" a choice, not a range
    percent = bool(match["pct"] or match["pct_low"] or match["pct_b"])
    start = match.start("hedge") if match["hedge"] else match.start()
    if words and value_text.lower() in ("a", "an"):
        return None
    precision = 0.0 if percent else rounding(value_text, value)
    if low_text and not percent:  # a range's bounds: the wider rounding
        precision = max(precision, rounding(low_text, low))
    return Quantity(start, match.end(), low, value, hedge, precision, percent, words)


def _long_digits(text: str | None) -> bool:
    return text is not None and len(text) >= 7 and text.isdigit()


def _is_year(value_text: str, match: re.Match[str]) -> bool:
    """A bare four-digit number from 1000 to 2099 is a year, and so is a range starting with one (1861–65)."""
    if match["low"]:
        return _year(match["low"])
    return _year(value_text) and not (match["hedge"] or match["plus"] or match["pct"])


def _year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) < 2100


def _is_day(text: str, match: re.Match[str]) -> bool:
    """The day of "May 5"."""
    value = match["value"]
    if not (value.isdigit() and len(value) <= 2 and 1 <= int(value) <= 31):
        return False
    return bool(_MONTH_BEFORE.search(text, max(0, match.start() - 12), match.start()))


def _number(text: str, scale: str | None) -> float | None:
    if text[0].isdigit():
        value = float(_SEPARATORS.sub("", text))
    else:
        value = _words_value(text.lower())
        if value is None:
            return None
    if scale:
        value *= _SCALE_SUFFIX[scale.lower()]
    return value


def _words_value(text: str) -> float | None:
    total = 0
    current = 0
    for word in _WORD_TOKENS.findall(text):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1_000:
                total += current
                current = 0
        else:
            return None
    return float(total + current) or None


def rounding(value_text: str, value: float) -> float:
    """Half the rounding unit a written number implies.

    Trailing zeros mark rounding (78,200 ± 50), but only where a writer would
    round: small counts such as 100 or 70 are exact, and so are numbers in words.
    """
    digits = _NOT_DIGIT.sub("", value_text.split(".")[0])
    if not value_text[0].isdigit() or not digits or "." in value_text:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0"))
    significant = len(digits) - zeros
    if zeros == 0 or (significant < 2 and value < 1_000):
        return 0.0
    return 10**zeros / 2


def format_value(value: float) -> str:
    """A value as the text would write it: 5,641; 1.5 million; ∞."""
    if math.isinf(value):
        return "∞"
    if value.is_integer() or abs(value) >= 100:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
