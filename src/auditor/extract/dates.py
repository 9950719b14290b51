"""Dates: the model the date rules read.

Every date a document states, in its text or in a reference, is an interval
of days with a precision, and keeps how it was resolved ("as written", "year
2015 from line 316", "the next day from 1 February 2014 (line 401)") so a
finding can show its reasoning. A date that cannot be right (31 April, a
weekday the calendar contradicts) keeps its problem instead of vanishing.

The dates are read by ``timeline.extract_dates``: the written forms in
``dateforms``, the calendar in ``gregorian``, where a date stands in its
sentence in ``clauses``, the reading order and context in ``datecontext``,
durations in ``durations``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from ..document import Span
from .gregorian import MONTH_NAMES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dateutil.relativedelta import relativedelta

AS_WRITTEN = "as written"


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date in the text: where it is and the days it allows."""

    span: Span
    first: date  # the interval the mention allows, both ends included
    last: date
    precision: Precision
    resolved: str  # "as written", "year 2015 from line 312", "the day after 1 February 2014 (line 401)"
    block: int  # -1 for a reference's date
    ongoing: bool = False  # "2 January 2014 – ongoing"
    is_range: bool = False
    leading: bool = False  # opens its sentence: "On 9 October, ..."
    problem: str | None = None  # why the date as written cannot be right
    event: bool = True  # False when planned, expected or conditional: "is due to open in May 2017"
    aside: bool = False  # in brackets or a relative clause: "(born 3 May 1920)", ", who died in 1947,"
    upper_bound: bool = False  # "by 21 December", "before 3 May": the event is on or before it
    lower_bound: bool = False  # "after 21 December", "since 2013": the event is on or after it

    @property
    def explicit(self) -> bool:
        return self.resolved == AS_WRITTEN

    @property
    def narrated(self) -> bool:
        """Whether it dates a step of the narrative: an event that happened, not an aside, not a problem."""
        return self.event and not self.aside and self.problem is None


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time in the text ("three years")."""

    span: Span
    delta: relativedelta
    text: str  # as written, spaces folded
    block: int
    measures: DateMention | None  # the range it measures
    bound: str = "exact"  # "exact", "at least" ("over two months"), "at most" ("nearly"), "about"
    slack: timedelta = timedelta(days=1)  # how far the end may fall from the range's: both ends counted, rounding
    amount: str = ""  # the length alone: "2 years, 2 weeks and 5 days", "four days"
    prose: bool = False  # said in a sentence ("lasted three weeks"), not in brackets after its range

    def end_from(self, first: date) -> date | None:
        """The day this duration ends when it starts on ``first``; None past the calendar's years 1 to 9999
        ("2 January 2014 – ongoing (10000 years)")."""
        try:
            return first + self.delta
        except (ValueError, OverflowError):
            return None

    def fits(self, first: date, last: date) -> bool:
        """Whether a range from ``first`` to ``last`` lasts as long as this duration says; one that ends
        past the calendar cannot be checked, and fits."""
        implied = self.end_from(first)
        if implied is None:
            return True
        if self.bound == "at least":
            return last >= implied - self.slack
        if self.bound == "at most":
            return last <= implied + self.slack
        return abs(last - implied) <= self.slack


@dataclass(frozen=True, slots=True)
class ReferenceDates:
    """The dates a reference gives: published, accessed, archived."""

    published: DateMention | None
    accessed: DateMention | None
    archived: DateMention | None


@dataclass(frozen=True, slots=True)
class Dates:
    """Every date and duration of a document, and its references' dates."""

    mentions: tuple[DateMention, ...]  # in reading order
    durations: tuple[Duration, ...]
    references: Mapping[str, ReferenceDates]  # by reference key; each read when first looked up
    reading_order: tuple[int, ...]  # block indexes as the narrative runs
    as_of: tuple[date, Duration] | None  # the date an open range's duration implies
    by_block: dict[int, tuple[DateMention, ...]] = field(default_factory=dict)  # in text order


def day_text(day: date) -> str:
    """ "9 October 2015"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def show(mention: DateMention) -> str:
    """A mention as a date a reader can check: "9 October 2015", "April 2015", "1–3 July 2014"."""
    if mention.precision is Precision.YEAR:
        first, last = mention.first.year, mention.last.year
        return str(first) if first == last else f"{first}–{last}"
    if mention.precision in (Precision.MONTH, Precision.SEASON) and mention.first.month == mention.last.month:
        return f"{MONTH_NAMES[mention.first.month - 1]} {mention.first.year}"
    if mention.first == mention.last:
        return day_text(mention.first)
    return f"{day_text(mention.first)} – {day_text(mention.last)}"
