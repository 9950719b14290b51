"""Numbers in text as intervals: forms, hedges, precision, and what is not a quantity."""

from __future__ import annotations

import math

import pytest

from auditor.extract.quantities import Hedge, Interval, find_quantities


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [text[q.start : q.end] for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("2,764 killed", 2764, 2764),
        ("2 764 killed", 2764, 2764),
        ("three rebels", 3, 3),
        ("twenty-five men", 25, 25),
        ("a thousand strong", 1000, 1000),
        ("1.5 million people", 1_500_000, 1_500_000),
        ("5,641–6,991 killed", 5641, 6991),
        ("30–50 dead", 30, 50),
        ("63– 81 killed", 63, 81),
        ("between 40 and 50 people", 40, 50),
        ("from 200 to 300 prisoners", 200, 300),
        ("24,000 to 26,000 killed", 24000, 26000),
    ],
)
def test_written_values(text, low, high):
    quantity = _one(text)
    assert (quantity.low, quantity.high) == (low, high)
    assert text.startswith(text[quantity.start : quantity.end])


@pytest.mark.parametrize(
    ("text", "hedge", "bounds"),
    [
        ("2,764+ killed", Hedge.AT_LEAST, (2764, math.inf)),
        ("at least 22 people", Hedge.AT_LEAST, (22, math.inf)),
        ("more than 80 villages", Hedge.AT_LEAST, (80, math.inf)),
        ("over 1,000 killed", Hedge.AT_LEAST, (1000 - 500, math.inf)),
        ("up to 50 prisoners", Hedge.NEARLY, (45, 50)),
        ("nearly 100 rebels", Hedge.NEARLY, (90, 100)),
        ("about 100 people", Hedge.ABOUT, (90, 110)),
        ("~1,500 killed", Hedge.ABOUT, (1350, 1650)),
        ("c. 50,000 men", Hedge.ABOUT, (45000, 55000)),
        ("fewer than 30 dead", Hedge.AT_MOST, (0, 30)),
    ],
)
def test_hedges_widen_the_interval(text, hedge, bounds):
    quantity = _one(text)
    assert quantity.hedge is hedge
    assert (quantity.bounds.low, quantity.bounds.high) == pytest.approx(bounds)


@pytest.mark.parametrize(
    ("text", "precision"),
    [("78,200 dead", 50), ("37,000 dead", 500), ("5,641 dead", 0), ("100 dead", 0), ("70 dead", 0), ("150 dead", 5)],
)
def test_trailing_zeros_mark_rounding_only_where_a_writer_rounds(text, precision):
    assert _one(text).precision == precision


def test_vague_quantities_and_percentages():
    dozens = _one("the corpses of dozens of their foes")
    assert dozens.hedge is Hedge.VAGUE and dozens.low < dozens.high
    percent = _one("between 95% and 98% of the province")
    assert percent.percent and (percent.low, percent.high) == (95, 98)


@pytest.mark.parametrize(
    "text",
    [
        "On 13 March 2015, rebels attacked.",
        "Between 10 and 12 February, ISIL withdrew.",
        "May 5, 1864",
        "in the 1990s",
        "the 46th base",
        "a 16-year-old",
        "F-16 jets",
        "one or two",
        "AS/NZS 4801-2001",
        "the war of 1861–65",
    ],
)
def test_dates_ordinals_identifiers_are_not_quantities(text):
    assert find_quantities(text) == []


def test_a_rounded_value_stands_for_a_half_open_interval():
    # No rounding rule turns 37,500 into 37,000: half up and half to even both give 38,000.
    bounds = _one("37,000 dead").bounds
    assert bounds == Interval(36_500, 37_500, high_open=True)
    assert bounds.contains(36_500) and bounds.contains(37_499) and not bounds.contains(37_500)
    exact = _one("5,641 dead").bounds
    assert exact == Interval(5_641, 5_641) and exact.contains(5_641)


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        (Interval(36_500, 37_500, True), Interval(37_500, 37_500), False),  # the open end excludes its value
        (Interval(36_500, 37_500, True), Interval(37_499, 37_600), True),
        (Interval(36_500, 37_500), Interval(37_500, 37_500), True),
        (Interval(0, 10, True), Interval(10, 20, True), False),
        (Interval(5, 5), Interval(0, 10, True), True),
    ],
)
def test_intervals_overlap_as_their_ends_allow(first, second, overlap):
    assert first.overlaps(second) is overlap
    assert second.overlaps(first) is overlap


@pytest.mark.parametrize(
    "before",
    [
        "killed about ", "xabout ", "ABOUT ", "ſome ", "İn excess of ", "approx. ", "c. ", "~", "≈ ", "> ",
        "between ", "From ", "twenty-one or ", "a dozen to ", "nearly twenty – ", "eſtimated ", "in the 5 ",
        "reported ", "",
    ],
)  # fmt: skip
def test_the_opening_before_a_number_is_found_as_a_full_search_finds_it(before):
    """The search for a hedge or a range's first half before a number tries only the places where one may
    open; it finds what a search from every place finds, whatever the case or the letters ignoring case
    takes for ASCII ones."""
    from auditor.extract.quantities import _PREFIX, _prefix

    text = "Losses: " + before + "5"
    anchor = len(text) - 1
    low = max(0, anchor - 24)
    expected = _PREFIX.search(text, low, anchor)
    found = _prefix(text, low, anchor)
    assert (found and found.span()) == (expected and expected.span())
