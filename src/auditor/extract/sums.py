"""Add up a breakdown's parts and compare them with its total, showing the arithmetic.

Sums use what the parts write (their nominal values): ``2,764+`` adds 2,764, as
the writer who added it up did; a part "about" a value adds its tolerance. The
total's own precision is the only rounding allowed, and it is half-open: a
total of 78,200 covers parts that add up to 78,150 and not those that add up to
78,250, while an exact 5,641 covers nothing else.

A range total is checked bound by bound when its parts are ranges or add
estimates ("an additional 1,200 ... estimated"): the lower bound must be what
the documented parts add up to, the upper bound that plus the estimates. When
one bound is exactly its parts' sum, the total was added up from them and not
rounded, so the other bound gets no rounding either. A range total over parts
that add up to one value need only contain it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .figure_model import Breakdown
from .quantities import Hedge, Interval, Quantity, format_value


@dataclass(frozen=True, slots=True)
class Bound:
    """One comparison: what a total allows against what its parts add up to."""

    name: str  # "total", "lower bound" or "upper bound"
    stated: float  # the value as written
    allowed: Interval  # the values it allows, rounding and hedges included
    terms: tuple[str, ...]  # the parts as written
    low: float  # what the parts add up to, their hedges included
    high: float
    unrounded: str = ""  # why the total's rounding is not allowed: "the upper bound 82,500 is their exact sum"
    shown: str = ""  # the total as the sum shows it, when not ``stated``: a range, "5,780–8,500"

    @property
    def holds(self) -> bool:
        return self.allowed.overlaps(Interval(self.low, self.high))

    @property
    def sum_text(self) -> str:
        if self.low == self.high:
            return format_value(self.low)
        return f"{format_value(self.low)}–{format_value(self.high)}"

    def arithmetic(self) -> str:
        """ "lower bound 5,641 ≠ 2,864 + 2,196 + 605 + 76 = 5,741"."""
        sign = "=" if self.holds and self.low == self.high == self.stated else ("≈" if self.holds else "≠")
        return (
            f"{self.name} {self.shown or format_value(self.stated)} {sign} {' + '.join(self.terms)} = {self.sum_text}"
        )

    def why(self) -> str:
        """Why a failed comparison fails, beyond the arithmetic: what the total's rounding allows, or that
        it is not rounded."""
        if self.unrounded:
            return f"{self.unrounded}, so the total is not rounded"
        low, high = self.allowed.low, self.allowed.high
        more = "more" if self.low > high or (self.low == high and self.allowed.high_open) else "less"
        if self.shown:
            return f"the parts add up to {more} than the range allows"
        if math.isinf(high) and math.isfinite(low) and low != self.stated:
            return f"the parts add up to less than the total allows with its rounding (at least {format_value(low)})"
        if self.allowed.high_open and math.isfinite(low):
            return (
                f"the parts add up to {more} than the total's rounding allows"
                f" ({format_value(low)} to under {format_value(high)})"
            )
        return ""


@dataclass(frozen=True, slots=True)
class SumCheck:
    """A breakdown's parts checked against its total."""

    breakdown: Breakdown
    bounds: tuple[Bound, ...]  # every comparison made; all hold when the total adds up

    @property
    def holds(self) -> bool:
        return all(b.holds for b in self.bounds)


def term(quantity: Quantity, bound: str = "") -> str:
    """A part as a sum shows it: its nominal value, "~" when approximate; of a range, the bound added
    (``bound``: "low" or "high"), or the whole range."""
    if bound and quantity.is_range:
        value = format_value(quantity.low if bound == "low" else quantity.high)
    else:
        value = format_value(quantity.low) + (f"–{format_value(quantity.high)}" if quantity.is_range else "")
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
        ceiling = Interval(-math.inf, allowed.high, allowed.high_open)
        return SumCheck(breakdown, (Bound("total", total.high, ceiling, terms, base_low, base_high),))
    if total.is_range and (extras or any(q.is_range for q in parts)):
        # Each bound of the total against the same bound of every part: lows with lows, highs with highs.
        lower_high = sum(q.low if q.is_range else _part_high(q) for q in parts)
        upper_low = sum(q.high if q.is_range else _part_low(q) for q in (*parts, *extras))
        lower_exact = base_low == lower_high == total.low
        upper_exact = upper_low == high == total.high
        lows = tuple(term(q, "low") for q in parts)
        highs = tuple(term(q, "high") for q in (*parts, *extras))
        lower = _bound("lower bound", total.low, _around(total.low, total), lows, base_low, lower_high,
                       upper_exact and f"the upper bound {format_value(total.high)} is their exact sum")  # fmt: skip
        upper_allowed = Interval(total.high - total.precision, allowed.high, allowed.high_open)
        exact = lower_exact and math.isfinite(allowed.high)
        upper = _bound("upper bound", total.high, upper_allowed, highs, upper_low, high,
                       exact and f"the lower bound {format_value(total.low)} is their exact sum")  # fmt: skip
        return SumCheck(breakdown, (lower, upper))
    stated = total.high if total.hedge is not Hedge.AT_LEAST else total.low
    shown = term(total._replace(hedge=Hedge.EXACT)) if total.is_range else ""
    return SumCheck(breakdown, (Bound("total", stated, allowed, all_terms, base_low, high, shown=shown),))


def _bound(
    name: str, stated: float, rounded: Interval, terms: tuple[str, ...], low: float, high: float, exact: str | bool
) -> Bound:
    """A comparison of one bound; ``exact``, when the other bound is its parts' exact sum, takes away the
    rounding, unless the rounding alone already fails it (then that is the reason given)."""
    bound = Bound(name, stated, rounded, terms, low, high)
    if exact and bound.holds and rounded.high_open:
        return Bound(name, stated, Interval(stated, stated), terms, low, high, str(exact))
    return bound


def _around(value: float, total: Quantity) -> Interval:
    if not total.precision:
        return Interval(value, value)
    return Interval(value - total.precision, value + total.precision, high_open=True)


def _part_low(quantity: Quantity) -> float:
    return quantity.bounds.low if quantity.hedge in (Hedge.ABOUT, Hedge.NEARLY) else quantity.low


def _part_high(quantity: Quantity) -> float:
    return quantity.bounds.high if quantity.hedge is Hedge.ABOUT else quantity.high
