"""Report a range whose lower bound is larger than its upper bound.

## What it does
Finds ranges such as `5,000–3,000 killed` or `between 50 and 40 people`,
where the first number is the larger. Abbreviated ranges (`263–65` for 263 to
265, `1861–65`), years before Christ (`218–201 BC`), votes and scores
(`3–1`, "defeated 210–105"), ratios ("eighteen to one") and changes ("reduced
from 19 to 15") are not ranges of this kind and are left alone.

## Why it matters
An inverted range is a typo or a transposition, and nobody can tell which
bound is wrong without the source. Tools that read the figure take it as an
empty interval.

## Example
```text
The fighting left 6,991–5,641 people dead.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Use instead
```text
The fighting left 5,641–6,991 people dead.[1]

  1. ^ Death toll report SOHR 28 June 2014
```

## Options
None.

## Limits
Dates are not figures and are never checked here; neither are numbers in the
reference list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document, Span
from ..extract.facts import Facts
from ..extract.quantities import Quantity, format_value
from .base import Hit, NoOptions
from .figure_text import claim, source, written
from .messages import identity

CODE = "NUM004"
NAME = "inverted-range"
SUMMARY = "A range whose lower bound is larger than its upper bound"

_SCORE = 10  # below this, "3–1" is a score or a vote, not a range
_TALLY = re.compile(
    r"\b(?:defeated|passed|carried|rejected|approved|voted?|votes|by a (?:vote|margin) of|won|lost|beat|beaten|"
    r"scored?|score of|tally|record of|majority of)\b[^.;]{0,25}$",
    re.IGNORECASE,
)


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    found = facts.figures
    for figure in found.figures:
        quantity = figure.quantity
        if quantity.low <= quantity.high or _abbreviated(quantity) or quantity.low < _SCORE:
            continue
        if _not_a_range(source(doc, found, figure), quantity, counts_losses=bool(figure.category)):
            continue
        text = claim(doc, found, figure)
        yield Hit(
            span=Span(figure.start, figure.end),
            message=(
                f"Inverted range “{written(doc, found, figure)}”: its lower bound {format_value(quantity.low)}"
                f" is larger than its upper bound {format_value(quantity.high)}"
            ),
            excerpt=text,
            key=f"inverted {identity(text)}",
            evidence={"low": quantity.low, "high": quantity.high},
        )


def _not_a_range(text: str, quantity: Quantity, counts_losses: bool) -> bool:
    """A vote or score ("defeated 210–105"), a ratio ("eighteen to one"), a change ("reduced from 19 to 15").

    A count of losses ("lost between 50 and 40 fighters") is never a score.
    """
    written = text[quantity.start : quantity.end].lower()
    if quantity.high == 1 and " to " in written:
        return True
    if written.lstrip().startswith("from"):
        return True
    return not counts_losses and bool(_TALLY.search(text, max(0, quantity.start - 40), quantity.start))


def _abbreviated(quantity: Quantity) -> bool:
    """ "263–65" means 263 to 265: the second number gives only the last digits of the first."""
    low, high = str(int(quantity.low)), str(int(quantity.high))
    if len(high) >= len(low) or not quantity.low.is_integer() or not quantity.high.is_integer():
        return False
    return int(low[: len(low) - len(high)] + high) >= quantity.low
