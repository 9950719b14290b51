"""Claims counted as cited, cited only to empty footnotes, and uncited, in every output; and the note that
names one cause behind most findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"


def _copy(tmp_path: Path, sourced: int, footnotes: int = 12) -> Path:
    """A plain-text copy whose first ``sourced`` footnotes name a source and whose others are empty."""
    lines = ["Example", ""]
    for i in range(1, footnotes + 1):
        lines += [f"In {2000 + i} the army killed {10 + i} people in the town of Place{i}.[{i}]", ""]
    lines += ["The rebels took 300 prisoners in 2014.", "", "References", ""]
    lines += [f"  {i}. ^" + (' Smith, J. (2014). "Report". The Times.' if i <= sourced else "") for i in range(1, 13)]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(*args: str) -> dict:
    return json.loads(CliRunner().invoke(main, ["check", "--format", "json", *args]).stdout)


def test_a_claim_cited_only_to_an_empty_footnote_is_not_counted_as_cited(tmp_path):
    data = _json(str(_copy(tmp_path, sourced=2)))
    summary = data["files"][0]["summary"]
    assert (summary["cited_claims"], summary["empty_cited_claims"]) == (2, 10)
    assert summary["cited_claims"] + summary["empty_cited_claims"] + summary["uncited_claims"] == summary["claims"]
    assert data["summary"]["empty_cited_claims"] == 10  # the run's totals too
    text = CliRunner().invoke(main, ["check", str(_copy(tmp_path, sourced=2))]).stdout
    assert "cited: 2, cited only to empty footnotes: 10, uncited: " in text


def test_a_fully_sourced_copy_has_no_claims_cited_to_empty_footnotes_and_no_cause(tmp_path):
    data = _json(str(_copy(tmp_path, sourced=12)))
    assert data["files"][0]["summary"]["empty_cited_claims"] == 0
    assert data["files"][0]["cause"] is None


def test_most_footnotes_empty_in_a_document_that_is_no_copy_names_the_cause_without_the_archive(tmp_path):
    cause = _json(str(_copy(tmp_path, sourced=2)))["files"][0]["cause"]
    assert cause == (
        "10 of 12 footnotes are empty: their sources were lost or never written, so the claims they cite are unsourced"
    )


def test_a_few_empty_footnotes_among_many_findings_are_no_cause(tmp_path):
    assert _json(str(_copy(tmp_path, sourced=7)))["files"][0]["cause"] is None  # 5 of 12 empty


def test_the_seed_says_its_copy_lost_its_references_and_how_to_recover_them(tmp_path):
    expected = (
        "187 of 196 footnotes are empty: this copy lost its references;"
        " `--archive` can recover them from the archived original"
    )
    data = _json(str(SEED))
    assert data["files"][0]["cause"] == expected
    summary = data["files"][0]["summary"]
    assert summary["empty_cited_claims"] > summary["cited_claims"]  # "Cited claims 230 (89%)" no more
    text = CliRunner().invoke(main, ["check", str(SEED)]).stdout
    assert f"most findings share one cause: {expected}" in text
    out = tmp_path / "out"
    CliRunner().invoke(main, ["report", str(SEED), "--no-archive", "-o", str(out)])
    report = json.loads((out / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    assert report["cause"] == expected
    sections = report["sections"]
    assert sum(s["empty_cited"] for s in sections) == report["summary"]["empty_cited_claims"]
    markdown = (out / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert f"**Most findings share one cause:** {expected}." in markdown
    html = (out / f"{SEED.stem}.html").read_text(encoding="utf-8")
    assert 'class="cause"' in html and "<code>--archive</code> can recover them" in html
    assert html.count('<span class="empty"') == len(sections)


def test_a_document_with_no_references_at_all_says_so_once(tmp_path):
    document = tmp_path / "copy.md"
    claims = [f"In {2000 + i} the army killed {10 + i} people in the town of Place{i}." for i in range(12)]
    document.write_text("# Example\n\n" + "\n\n".join(claims) + "\n", encoding="utf-8")
    data = _json(str(document))
    summary = data["files"][0]["summary"]
    assert summary["cited_claims"] == summary["empty_cited_claims"] == 0
    assert (
        data["files"][0]["cause"]
        == f"the document has no references at all: each of its {summary['claims']} claims is uncited"
    )
