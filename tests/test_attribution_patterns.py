"""The attribution patterns written to compile cheaply say what the longer ones they replace said."""

from __future__ import annotations

import re

import pytest

from auditor.extract import attribution
from auditor.readers import read_mirror
from conftest import SEED

# Each form of a date once, months and all: what _PERIOD was built from before.
_EVERY_FORM = (
    rf"(?:\d{{1,2}} (?:{attribution._MONTHS})|(?:{attribution._MONTHS})(?: \d{{1,2}})?|\d{{4}}"
    rf"|(?:early|mid|late)[ -](?:{attribution._MONTHS}))"
)
_PHRASES = [
    "between 9 April and 26 August", "from 1 May to 3 June", "between April 9 and August 26, 1944",
    "From June 5 to June 9", "between early June and late July", "from 1990 to 1995", "between mid-May and June",
    "between 9 April. and 26 August", "from April 9; to May", "between April and the end",
    "from the north to the south",
    "between the two armies and 1945", "BETWEEN 3 JUNE AND 5 JULY", "from Sept 3 to Oct 9", "between 12 and 14 May",
    "from 3 june 5 to 4", "between late 1944 and early 1945", "from 1944 to", "since 9 April", "by 1946",
]  # fmt: skip


def _clauses() -> list[str]:
    seed = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
    return _PHRASES + [seed.masked[s.span.start : s.content_end] for s in seed.claim_sentences]


@pytest.mark.parametrize("clause", _clauses())
def test_a_period_is_found_where_every_form_of_the_dates_found_one(clause):
    period = attribution._PERIOD.pattern
    assert attribution._DATE in period.pattern
    before = re.compile(period.pattern.replace(attribution._DATE, _EVERY_FORM), period.flags)
    assert bool(period.search(clause)) == bool(before.search(clause))


@pytest.mark.parametrize(
    ("clause", "period"),
    [("killed between 9 April and 26 August", True), ("from June 5 to June 9, 40 died", True),
     ("fighting between the two armies and the militia", False), ("from the north to the south", False)],
)  # fmt: skip
def test_a_clause_with_a_span_of_dates_has_a_period(clause, period):
    assert bool(attribution._PERIOD.pattern.search(clause)) is period
