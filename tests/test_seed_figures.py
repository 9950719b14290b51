"""The seed's casualty figures: its one range total, its three disagreements, and totals that add up."""

from __future__ import annotations

import re

import pytest

from auditor.extract.facts import Facts
from auditor.readers import read_mirror
from conftest import SEED
from rules_helper import run_rule

TEXT = SEED.read_text(encoding="utf-8")
TOTAL_LINE = TEXT.splitlines().index("Total: 5,641–6,991 killed[35]") + 1


def _run(rule: str, text: str = TEXT):
    return run_rule(rule, read_mirror(str(SEED), text))


def test_every_total_in_the_seed_adds_up():
    doc = read_mirror(str(SEED), TEXT)
    totals = {TEXT[b.total.start : b.total.end] for b in Facts(doc).figures.breakdowns}
    # The infobox total, "a total of 2,154 ... with", "26 people, of which", and three "including" lists.
    assert totals == {"5,641–6,991", "2,154", "26", "at least 22", "16", "42"}
    assert _run("figure-sum-mismatch") == ()


def test_the_range_total_is_disputed_and_explained():
    findings = _run("disputed-figure")
    assert [f.line for f in findings] == [TOTAL_LINE, TEXT.splitlines().index(_line_with("5,641–6,991 people")) + 1]
    infobox, body = findings
    assert "lower bound 5,641 is the documented counts 2,764 + 2,196 + 605 + 76" in infobox.message
    assert "upper bound 6,991 adds the estimates 1,200 + 150" in infobox.message
    assert f"the same range as the total in the infobox (line {TOTAL_LINE})" in body.message


def test_the_three_places_where_counts_of_one_event_disagree():
    findings = _run("conflicting-figures")
    pairs = sorted((f.evidence["first"]["text"], f.evidence["second"]["text"]) for f in findings)
    # "the bodies of 70 rebels were delivered ... after they were executed" against "Another report put the
    # number of executed prisoners at 100": the category comes after "after", and before the number.
    assert pairs == [("30", "nearly 100"), ("70", "100"), ("up to 50", "42")]


@pytest.mark.parametrize(
    ("part", "changed", "value"),
    [
        ("2,764+ killed", "2,864+ killed", "2,864"),
        ("2,196+ killed", "2,169+ killed", "2,169"),
        ("605 civilians", "650 civilians", "650"),
        ("76 unidentified", "67 unidentified", "67"),
        ("additional 1,200", "additional 1,300", "1,300"),
        ("and 150 civilians", "and 15 civilians", "15"),
    ],
)
def test_changing_one_part_of_the_infobox_total_gives_one_mismatch_there(part, changed, value):
    assert TEXT.count(part) == 1
    findings = _run("figure-sum-mismatch", TEXT.replace(part, changed))
    assert [f.line for f in findings] == [TOTAL_LINE]
    assert f" {value} " in findings[0].message


@pytest.mark.parametrize(
    ("part", "changed"),
    [
        ("of which 23 were rebel fighters", "of which 25 were rebel fighters"),
        ("529 government soldiers", "592 government soldiers"),
        ("and 126 Islamic State deserters", "and 162 Islamic State deserters"),
    ],
)
def test_changing_one_part_of_a_sentence_total_gives_one_mismatch_there(part, changed):
    assert TEXT.count(part) == 1
    changed_text = TEXT.replace(part, changed)
    findings = _run("figure-sum-mismatch", changed_text)
    assert len(findings) == 1
    assert findings[0].line == changed_text[: changed_text.index(changed)].count("\n") + 1


def _line_with(fragment: str) -> str:
    return next(line for line in TEXT.splitlines() if fragment in line)


def test_no_range_in_the_seed_is_inverted():
    assert _run("inverted-range") == ()
    assert re.search(r"5,641–6,991", TEXT)
