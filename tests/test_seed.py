"""The bundled seed, end to end, through the command line's JSON output."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.document import RegionKind
from auditor.readers import read_mirror
from conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def output() -> dict:
    result = CliRunner().invoke(main, ["check", str(SEED), "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def _by_rule(output: dict, rule: str) -> list[dict]:
    return [f for f in output["findings"] if f["rule"] == rule]


def _entries() -> dict[str, str]:
    """The reference list as the seed writes it, read independently of the reader."""
    return {m[1]: m[2] for m in re.finditer(r"^  (\d+)\. \^(.*)$", TEXT, re.M)}


def test_every_empty_entry_and_no_entry_with_text_is_reported(output):
    entries = _entries()
    empty = {k for k, v in entries.items() if not re.sub(r"^(?: [a-z](?= |$))*", "", v).strip()}
    assert len(entries) == 196
    assert len(empty) == 187
    reported = {f["evidence"]["footnote"] for f in _by_rule(output, "empty-footnote")}
    assert reported == empty
    assert output["summary"]["empty_references"] == 187


def test_empty_footnote_findings_sit_on_their_markers(output):
    for finding in _by_rule(output, "empty-footnote"):
        line = TEXT.splitlines()[finding["line"] - 1]
        marked = line[finding["column"] - 1 : finding["end_column"] - 1]
        key = finding["evidence"]["footnote"]
        assert marked in (f"[{key}]", line), (finding["message"], marked)


def test_unused_and_mismatched_entries(output):
    unused = {f["evidence"]["footnote"] for f in _by_rule(output, "unused-reference")}
    assert unused == {"6", "7", "8", "12", "13", "14", "25", "26", "27", "29", "30", "31", "32", "33", "34", "36"}
    mismatched = {f["evidence"]["footnote"]: f["evidence"] for f in _by_rule(output, "backlink-mismatch")}
    assert {k: (v["backlinks"], v["cited_by"]) for k, v in mismatched.items()} == {
        "5": (3, 2),
        "23": (5, 3),
        "28": (3, 1),
        "45": (4, 3),
    }


def test_unsourced_claims_are_real_and_never_in_chrome(output):
    doc = read_mirror(str(SEED), TEXT)
    excluded = [r.span for r in doc.regions]
    headings = [s.heading for s in doc.sections if s.heading]
    claims = _by_rule(output, "unsourced-claim")
    for finding in claims:
        assert not any(s.start <= finding["offset"] < s.end for s in excluded + headings), finding
        # No citation marker may follow the reported text within its line, but a later sentence's marker
        # that a quotation or statistic does not count on.
        after = TEXT.splitlines()[finding["line"] - 1][finding["end_column"] - 1 :]
        if finding["evidence"]["uncovered"] == "no citation of its own":
            assert re.match(r"\s*[^\s\[]", after), finding["excerpt"]
        else:
            assert not re.search(r"\[\d+\]", after), finding["excerpt"]
    excerpts = [f["excerpt"] for f in claims]
    for expected in ("In 2015, most of the fighting", "Date 2 January 2014 – ongoing", "half of Hasakah province"):
        assert any(e.startswith(expected) for e in excerpts), expected
    assert {r.kind for r in doc.regions} >= {RegionKind.LICENCE, RegionKind.TABLE_OF_CONTENTS, RegionKind.CHROME}


def test_summary_counts_add_up(output):
    summary = output["summary"]
    assert summary["references"] == 196
    assert 0 < summary["cited_claims"] < summary["claims"]
    assert summary["findings_by_rule"] == dict(Counter(f["rule"] for f in output["findings"]))


def test_reversed_paragraph_order_and_lost_headings_are_recovered():
    doc = read_mirror(str(SEED), TEXT)
    assert "reversed-paragraph-order" in doc.notes
    titles = {s.title: s for s in doc.sections}
    # "Casualties", "Kobanî" and "Background" headings are missing from the copy.
    for lost in ("Casualties", "Kobanî", "Background"):
        assert titles[lost].heading is None
    section_of = {doc.slice(b.span)[:30]: doc.sections[b.section].path for b in doc.blocks}
    assert section_of["Between 3 January and 28 June "] == ("Casualties",)
    assert section_of["On 26 January 2015, YPG and re"] == ("Open warfare", "Kobanî")
    assert section_of["On 24 August, rebels recapture"] == ("Open warfare", "Aleppo Offensive")
    assert section_of["Tension between moderate rebel"] == ("Background",)
    assert section_of["On 9 October, ISIL captured fi"] == ("Open warfare", "Northern Advances and siege of Marea")
