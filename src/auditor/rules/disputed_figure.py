"""Report a casualty count given as a range, which hides counts that disagree.

## What it does
Finds counts of killed, executed, wounded, captured, missing or casualties
written as a range (`5,641–6,991 killed`, `between 40 and 50 people`,
`63– 81 killed`). Where the range is a total whose parts explain its bounds,
the message says how: the lower bound is the documented parts, the upper bound
adds the estimates. Where the same range is an infobox total, a count in the
text points to it.

## Why it matters
A range is honest, but it is two claims: a reader quoting one bound quotes one
source. A fact-checker wants to know which number comes from where before
repeating either.

## Example
```text
Between 3 January and 28 June 2014, 5,641–6,991 people had been killed in the fighting.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Use instead
```text
Between 3 January and 28 June 2014, 5,641 people had been killed in the fighting.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Options
None.

## Limits
Only counts of people's losses are reported; ranges of strengths, areas and
percentages are not disputes. Competing estimates in separate sentences are
the business of `conflicting-figures`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document, Span
from ..extract.facts import Facts
from ..extract.figure_model import Breakdown, Figure
from ..extract.quantities import Hedge, format_value
from ..extract.sums import check_sum, term
from .base import Hit, NoOptions
from .figure_text import claim, counted, place, written
from .messages import identity

CODE = "NUM003"
NAME = "disputed-figure"
SUMMARY = "A casualty count given as a range, which hides counts that disagree"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    found = facts.figures
    totals = {b.total: b for b in found.breakdowns}
    for figure in found.figures:
        quantity = figure.quantity
        if not figure.category or "strength" in figure.category or quantity.hedge is Hedge.VAGUE:
            continue
        if not quantity.is_range or quantity.low > quantity.high:
            continue
        spread = quantity.high - quantity.low
        message = (
            f"Disputed figure “{written(doc, found, figure)}” ({counted(figure)}) is a range: its bounds differ by"
            f" {format_value(spread)} ({spread / quantity.high:.0%} of the upper bound)"
        )
        explained = _explanation(totals.get(figure))
        if explained:
            message += f"; {explained}"
        elif twin := _explained_twin(doc, figure, totals):
            message += f"; the same range as the total in {place(doc, found, twin)}, whose parts explain it"
        text = claim(doc, found, figure)
        yield Hit(
            span=Span(figure.start, figure.end),
            message=message,
            excerpt=text,
            key=f"range {identity(text)}",
            evidence={"low": quantity.low, "high": quantity.high, "explained": bool(explained)},
        )


def _explanation(breakdown: Breakdown | None) -> str:
    """How a range total's parts give its bounds, when they do."""
    if breakdown is None or not breakdown.exhaustive:
        return ""
    result = check_sum(breakdown)
    if result is None or not result.holds or len(result.bounds) != 2:
        return ""
    lower, upper = result.bounds
    documented = " + ".join(term(p.quantity) for p in breakdown.parts)
    if breakdown.extras:
        extras = " + ".join(term(e.quantity) for e in breakdown.extras)
        return (
            f"its lower bound {format_value(lower.stated)} is the documented counts {documented},"
            f" and its upper bound {format_value(upper.stated)} adds the estimates {extras}"
        )
    return f"its bounds add up its parts: {documented} = {format_value(lower.low)}–{format_value(upper.high)}"


def _explained_twin(doc: Document, figure: Figure, totals: dict[Figure, Breakdown]) -> Figure | None:
    for total, breakdown in totals.items():
        same = (total.quantity.low, total.quantity.high) == (figure.quantity.low, figure.quantity.high)
        if total is not figure and same and _explanation(breakdown):
            return total
    return None
