"""What a figure is: a quantity, and what, whose, where and by whose word it counts.

A figure states, for one count in the text:

- its quantity, an interval (``quantities``);
- its category, the kinds of loss it counts (``vocabulary``: dead, wounded ...;
  "casualties" is all of them), read anywhere in its clause;
- its group and sides: the words naming who was counted ("rebel fighters") and
  the sides they name, or the side its infobox column or section belongs to;
- its scope: what part of the event it covers. An empty scope is the whole
  event; otherwise it holds qualifiers such as ``period`` ("since 9 April"),
  ``part:first third armies`` (a part of a side's force), ``place:western
  front``, ``date:9 april`` (one day's events), ``incident`` (one attack's
  toll: "the car bomb killed 26"), ``rate`` ("each day"), and ``subset``
  ("including 21 rebels", "of whom", "the other 17,000");
- its source ("according to the SOHR", "Davis cites"), and whether the text
  sets it against another report ("another report put the number at");
- its role: a total, a part of one, or an additional estimate.

Breakdowns tie a total to its parts; ``Figures`` holds both for a document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..document import Span
from .quantities import Quantity
from .squeeze import Squeezed
from .vocabulary import CAPTURED, CASUALTIES, DEAD, EXECUTED, MISSING, WOUNDED

PERIOD, SUBSET_OF, RATE, INCIDENT = "period", "subset", "rate", "incident"


class Unit(NamedTuple):
    """A sentence, infobox line or note sentence that figures were read from."""

    span: Span
    block: int
    sentence: int  # its place among the sentences of its block's text: adjacent units are adjacent sentences
    note: bool  # read from a footnote or note, whose text the document's readable text blanks


class Figure(NamedTuple):
    quantity: Quantity
    category: frozenset[str]  # empty when the number is not a count of people's losses
    group: str  # the words naming who was counted, as written
    sides: frozenset[str]  # the sides it counts, one spelling each; empty for "people", "fighters"
    block: int
    unit: int  # index into Figures.units
    source: str | None  # who the text attributes it to
    competing: bool  # presented as one report against another
    scope: frozenset[str]  # empty for the whole event; see the module's docstring
    extra: bool  # an additional count ("an additional 1,200 ... estimated")
    infobox: bool
    implied: bool  # the category comes from the infobox field, not the words by the number

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    @property
    def period(self) -> bool:
        return PERIOD in self.scope


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A stated total and the parts listed with it."""

    total: Figure
    parts: tuple[Figure, ...]
    extras: tuple[Figure, ...]  # estimates that only the upper bound of a range total adds
    exhaustive: bool  # False for "including": the parts may leave people out
    cue: str  # what tied them: "Total:", "of which", "including", "(…)", "a total of", "kinds", "note"


@dataclass(frozen=True)
class Figures:
    """Every figure of a document, and the breakdowns and units among them."""

    figures: tuple[Figure, ...]  # every count in text about losses, and every range anywhere
    breakdowns: tuple[Breakdown, ...]
    units: tuple[Unit, ...] = ()
    notes_text: str = ""  # the document's notes as readable text, offset for offset ("" when it has none)

    @cached_property
    def parts(self) -> frozenset[Figure]:
        return frozenset(part for b in self.breakdowns for part in (*b.parts, *b.extras))

    @cached_property
    def totals(self) -> frozenset[Figure]:
        return frozenset(b.total for b in self.breakdowns)

    def role(self, figure: Figure) -> str:
        """ "total", "part", "estimate" (an additional count) or "count"."""
        if figure.extra:
            return "estimate"
        if figure in self.totals:
            return "total"
        return "part" if figure in self.parts else "count"

    def unit_of(self, figure: Figure) -> Unit:
        return self.units[figure.unit]


def moved(figure: Figure, squeezed: Squeezed) -> Figure:
    """A figure read in a squeezed text, at its offsets in the document."""
    quantity = figure.quantity
    start, end = squeezed.offset(quantity.start), squeezed.end_offset(quantity.end)
    # NOTE: built from the fields: NamedTuple._replace, which goes through a dict of keywords, cost several
    # times as much, and every figure is moved.
    return Figure(Quantity(start, end, *quantity[2:]), *figure[1:])


def moved_breakdown(breakdown: Breakdown, move: Callable[[Figure], Figure]) -> Breakdown:
    return Breakdown(
        move(breakdown.total),
        tuple(map(move, breakdown.parts)),
        tuple(map(move, breakdown.extras)),
        breakdown.exhaustive,
        breakdown.cue,
    )


def as_losses(category: frozenset[str]) -> frozenset[str]:
    """Executions are deaths when adding up."""
    return (category - {EXECUTED}) | {DEAD} if EXECUTED in category else category


def covers(total: frozenset[str], parts: list[frozenset[str]]) -> bool:
    """Whether parts of disjoint kinds split all of a total's kinds.

    Casualties are split by killed, wounded and captured or missing: "missing"
    alone is how many lists write "captured or missing", so either covers both.
    """
    kinds = [as_losses(p) for p in parts]
    if len(kinds) < 2 or any(a & b for i, a in enumerate(kinds) for b in kinds[i + 1 :]):
        return False
    joined = frozenset().union(*kinds)
    if not joined <= as_losses(total):
        return False
    if as_losses(total) == CASUALTIES and {DEAD, WOUNDED} <= joined and joined & {CAPTURED, MISSING}:
        return True
    return joined == as_losses(total)


def same_side(a: Figure, b: Figure, loose: bool = False) -> bool:
    """Whether two counts are of the same people: both of everyone, or of a side both name.

    "42 people" is not "21 rebel fighters": one includes the other. ``loose``, for reports the text
    sets against each other, lets a count that names no side match one that does.
    """
    return a.sides == b.sides or bool(a.sides & b.sides) or (loose and not (a.sides and b.sides))


def same_scope(a: Figure, b: Figure) -> bool:
    """Whether two counts can count the same thing: neither a subset, the same period, rate and part of a
    force, and no two different places or days. A place or day only one names may be the other's too ("ISIL
    executed up to 50 prisoners in Aleppo" ... "42 people were executed")."""
    if SUBSET_OF in a.scope or SUBSET_OF in b.scope:
        return False
    strict = (PERIOD, RATE, "part")
    if {q for q in a.scope if q.startswith(strict)} != {q for q in b.scope if q.startswith(strict)}:
        return False
    for kind in ("place", "date"):
        mine = {q for q in a.scope if q.startswith(kind)}
        theirs = {q for q in b.scope if q.startswith(kind)}
        if mine and theirs and not mine & theirs:
            return False
    return True
