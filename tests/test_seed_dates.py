"""The seed's dates: its start-date disagreement, its as-of date, its reversed order, and nothing else."""

from __future__ import annotations

from auditor.readers import read_mirror
from conftest import SEED
from rules_helper import run_rule

TEXT = SEED.read_text(encoding="utf-8")
RULES = ("contradictory-dates", "duration-mismatch", "source-predates-claim", "invalid-date", "chronology-order")


def _findings(text: str = TEXT) -> dict[str, list]:
    doc = read_mirror(str(SEED), text)
    return {rule: list(run_rule(rule, doc)) for rule in RULES}


def _line(fragment: str, text: str = TEXT) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_seed_reports_its_start_date_its_as_of_date_and_its_order_once():
    found = _findings()
    assert [len(found[rule]) for rule in RULES] == [1, 1, 0, 0, 1]
    start = found["contradictory-dates"][0]
    assert start.line == _line("Between 3 January and 28 June 2014")
    assert "the infobox starts the subject on 2 January 2014" in start.message
    as_of = found["duration-mismatch"][0]
    assert as_of.severity == "info" and "21 January 2016" in as_of.message
    assert as_of.line == _line("(2\u00a0years")
    order = found["chronology-order"][0]
    assert "reversed the order of its paragraphs" in order.message


def test_a_broken_closed_duration_is_reported_on_its_line():
    closed = TEXT.replace("2 January 2014 – ongoing", "2 January 2014 – 21 January 2016")
    assert _findings(closed)["duration-mismatch"] == []  # 2 years and 19 days: it matches
    broken = closed.replace("2\u00a0weeks", "3\u00a0weeks")
    findings = _findings(broken)["duration-mismatch"]
    assert [f.line for f in findings] == [_line("(2\u00a0years", broken)]
    assert "ends on 28 January 2016" in findings[0].message


def test_a_shorter_open_duration_dates_later_events_after_the_as_of_date():
    broken = TEXT.replace("(2\u00a0years,", "(1\u00a0year,")
    findings = _findings(broken)["invalid-date"]
    assert len(findings) == 1
    assert findings[0].line == _line("On 26 January 2015, YPG", broken)
    assert "as-of date 21 January 2015" in findings[0].message


def test_a_wrong_weekday_is_reported_on_its_line():
    broken = TEXT.replace("On 9 October, ISIL captured", "On Thursday, 9 October 2015, ISIL captured")
    findings = _findings(broken)["invalid-date"]
    assert [f.line for f in findings] == [_line("On Thursday, 9 October 2015", broken)]
    assert "9 October 2015 was a Friday, not a Thursday" in findings[0].message


def test_a_source_dated_before_its_event_is_reported_at_its_marker():
    entry = "  131. ^ "
    start = TEXT.index(entry)
    line_end = TEXT.index("\n", start)
    assert TEXT[start:line_end].endswith("2014-07-01")
    broken = TEXT[:start] + TEXT[start:line_end].replace("2014-07-01", "2014-06-29") + TEXT[line_end:]
    findings = _findings(broken)["source-predates-claim"]
    assert [f.line for f in findings] == [_line("Between 1 and 3 July, ISIL", broken)]
    assert "reference 131 was published on 29 June 2014" in findings[0].message
    assert "year 2014 from line" in findings[0].message
