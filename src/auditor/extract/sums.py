"""Add up a breakdown's parts and compare them with its total, showing the arithmetic.

Sums use what the parts write (their nominal values): ``2,764+`` adds 2,764, as
the writer who added it up did; a part "about" a value adds its tolerance. The
total's own precision is the only rounding allowed, so a total of 78,200 covers
parts that add up to 78,150, while an exact 5,641 covers nothing else.

A range total is checked bound by bound when its parts are ranges or add
estimates ("an additional 1,200 ... estimated"): the lower bound must be what
the documented parts add up to, the upper bound that plus the estimates. A
range total over parts that add up to one value need only contain it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .figures import Breakdown
from .quantities import Hedge, Quantity, format_value


@dataclass(frozen=True, slots=True)
class Bound:
    """One comparison: what a total allows against what its parts add up to."""

    name: str  # "total", "lower bound" or "upper bound"
    stated: float  # the value as written
    allowed: tuple[float, float]  # the values it allows, rounding and hedges included
    terms: tuple[str, ...]  # the parts as written
    low: float  # what the parts add up to, their hedges included
    high: float

    @property
    def holds(self) -> bool:
        return self.low <= self.allowed[1] and self.high >= self.allowed[0]

    @property
    def tolerance(self) -> float:
        return self.stated - self.allowed[0] if math.isfinite(self.allowed[0]) else 0.0

    @property
    def sum_text(self) -> str:
        if self.low == self.high:
            return format_value(self.low)
        return f"{format_value(self.low)}–{format_value(self.high)}"

    def arithmetic(self) -> str:
        """ "lower bound 5,641 ≠ 2,864 + 2,196 + 605 + 76 = 5,741"."""
        sign = "=" if self.holds and self.low == self.high == self.stated else ("≈" if self.holds else "≠")
        return f"{self.name} {format_value(self.stated)} {sign} {' + '.join(self.terms)} = {self.sum_text}"


@dataclass(frozen=True, slots=True)
class SumCheck:
    breakdown: Breakdown
    bounds: tuple[Bound, ...]  # every comparison made; all hold when the total adds up

    @property
    def holds(self) -> bool:
        return all(b.holds for b in self.bounds)


def term(quantity: Quantity) -> str:
    """A part as a sum shows it: its nominal value, "~" when approximate."""
    value = format_value(quantity.low)
    if quantity.is_range:
        value += f"–{format_value(quantity.high)}"
    return f"~{value}" if quantity.hedge is Hedge.ABOUT else value


def check_sum(breakdown: Breakdown) -> SumCheck | None:
    """Compare a breakdown's total with its parts; None when a vague figure makes that impossible."""
    total = breakdown.total.quantity
    figures = (breakdown.total, *breakdown.parts, *breakdown.extras)
    if any(f.quantity.hedge is Hedge.VAGUE or f.quantity.percent for f in figures):
        return None
    parts = [f.quantity for f in breakdown.parts]
    extras = [f.quantity for f in breakdown.extras]
    terms = tuple(term(q) for q in parts)
    all_terms = (*terms, *(term(q) for q in extras))
    base_low = sum(_part_low(q) for q in parts)
    base_high = sum(_part_high(q) for q in parts)
    high = base_high + sum(_part_high(q) for q in extras)
    allowed = total.bounds

    if not breakdown.exhaustive:  # "including": the parts may only not exceed the total
        return SumCheck(breakdown, (Bound("total", total.high, (-math.inf, allowed[1]), terms, base_low, base_high),))
    if total.is_range and (extras or any(q.is_range for q in parts)):
        # Each bound of the total against the same bound of every part: lows with lows, highs with highs.
        lower_high = sum(q.low if q.is_range else _part_high(q) for q in parts)
        lower = Bound("lower bound", total.low, _around(total.low, total), terms, base_low, lower_high)
        upper_low = sum(q.high if q.is_range else _part_low(q) for q in (*parts, *extras))
        upper_allowed = (total.high - total.precision, allowed[1])
        upper = Bound("upper bound", total.high, upper_allowed, all_terms, upper_low, high)
        return SumCheck(breakdown, (lower, upper))
    stated = total.high if total.hedge is not Hedge.AT_LEAST else total.low
    return SumCheck(breakdown, (Bound("total", stated, allowed, all_terms, base_low, high),))


def _around(value: float, total: Quantity) -> tuple[float, float]:
    return value - total.precision, value + total.precision


def _part_low(quantity: Quantity) -> float:
    return quantity.bounds[0] if quantity.hedge in (Hedge.ABOUT, Hedge.NEARLY) else quantity.low


def _part_high(quantity: Quantity) -> float:
    return quantity.bounds[1] if quantity.hedge is Hedge.ABOUT else quantity.high
