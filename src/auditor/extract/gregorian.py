"""The calendar a written date is checked against: month names and lengths, weekdays.

Every date, in the text or in a reference, becomes a ``date`` here, so one
place refuses the impossible ones (31 April) and checks a written weekday.
The proleptic Gregorian calendar serves for every year; older dates written
in the Julian calendar are not converted.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

MONTH_NAMES = "January February March April May June July August September October November December".split()
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


_NUMBERS = {full[:3].lower(): number for number, full in enumerate(MONTH_NAMES, 1)}


def month_number(name: str) -> int:
    """1 for "January", "Jan" or "Jan."."""
    return _NUMBERS[name[:3].lower()]


def calendar_date(day: str | int, month: str | int, year: int) -> date:
    """The date a written day, month and year name; ValueError for one that does not exist (31 April)."""
    number = month if isinstance(month, int) else month_number(month)
    return date(year, number, day if isinstance(day, int) else int(day.rstrip("stndrh")))


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])  # December 9999 too, which has no next month


def weekday_problem(written: str | None, day: date) -> str | None:
    """Why a written weekday ("Fri", "Thursday,") cannot go with ``day``, or None when it matches."""
    if not written:
        return None
    shown = written.strip(" ,.\u00a0")
    if _WEEKDAYS.index(shown[:3].lower()) == day.weekday():
        return None
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year} was a {day.strftime('%A')}, not a {shown}"
