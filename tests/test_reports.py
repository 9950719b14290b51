"""``auditor report``: the Markdown, HTML and JSON reports of a document, and the seed's, kept up to date."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/000_285ae1a0c3e52f84.txt"
SCHEMA = json.loads((resources.files("auditor") / "schemas" / "report-1.2.json").read_text(encoding="utf-8"))


def _report(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["report", *args])
    return result.exit_code, result.stderr


def test_the_seed_reports_in_the_repository_are_up_to_date(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, err = _report(SEED, "--no-archive", "-o", str(tmp_path))
    assert code == 1, err  # the seed has findings
    for suffix in (".md", ".html", ".json"):
        name = "000_285ae1a0c3e52f84" + suffix
        fresh = (tmp_path / name).read_text(encoding="utf-8")
        kept = (ROOT / "reports" / name).read_text(encoding="utf-8")
        assert fresh == kept, f"reports/{name} is out of date: run 'auditor report {SEED} --no-archive'"


def test_the_seed_report_agrees_with_the_check_and_the_text(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    _report(SEED, "--no-archive", "-o", str(tmp_path), "--format", "json")
    data = json.loads((tmp_path / "000_285ae1a0c3e52f84.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    checked = json.loads(CliRunner().invoke(main, ["check", SEED, "--format", "json"]).stdout)
    assert data["findings"] == checked["findings"]
    assert {k: data["summary"][k] for k in checked["files"][0]["summary"]} == checked["files"][0]["summary"]
    origin = data["origin"]
    assert (origin["kind"], origin["as_of"], origin["licence"]) == ("copy", "2016-01-21", "CC BY-SA")
    assert origin["url"] == "https://en.wikipedia.org/wiki/Inter-rebel_conflict_during_the_Syrian_Civil_War"
    assert origin["mirror"] == "World Heritage Encyclopedia"  # a known copy, named in its licence text
    lines = (ROOT / SEED).read_text(encoding="utf-8").splitlines()
    rows = data["provenance"]
    # one row per citation marker: every "[n]" of the text outside the reference list ("  12. ^ a b ...")
    body = [line for line in lines if not re.match(r"\s+\d+\. \^", line)]
    assert len(rows) == sum(len(re.findall(r"\[\d+\]", line)) for line in body)
    statuses = Counter(row["status"] for row in rows)
    assert set(statuses) == {"empty", "no address"}  # no archive, and the nine kept footnotes give no link
    named = {row["reference"] for row in rows if row["status"] == "no address"}
    assert len(named) == 9 and all(row["title"] or row["text"] for row in rows if row["status"] == "no address")
    assert sum(s["claims"] for s in data["sections"]) == data["summary"]["claims"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("copy.txt", "Report\n\nThe raid killed 40 people in 2014 <script>alert(1)</script>.[1]\n\n  1. ^ x\n"),
        (
            "report.md",
            "# Report\n\nThe raid killed 40 people <script>alert(1)</script> and [more](javascript:alert(2)).\n",
        ),
    ],
)
def test_markdown_shows_document_text_as_text(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    _report(str(tmp_path / name), "--no-archive", "-o", str(tmp_path / "out"), "--format", "markdown")
    shown = next((tmp_path / "out").iterdir()).read_text(encoding="utf-8")
    assert "<script>" not in shown and "](javascript:" not in shown and "alert(1)" in shown


def test_one_unreadable_input_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.wikitext"
    good.write_text("The town fell on 3 May 2014.<ref>{{cite web |title=A |url=http://a.example/}}</ref>\n")
    code, err = _report(str(tmp_path / "missing.wikitext"), str(good), "--no-archive", "-o", str(tmp_path / "out"))
    assert code == 2
    assert "missing.wikitext: no such file or directory" in err and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.html", "good.json", "good.md"]


def test_documents_with_the_same_name_get_reports_of_their_own(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "article.wikitext").write_text(f"Text of {folder}.\n", encoding="utf-8")
    code, _ = _report(str(tmp_path / "a"), str(tmp_path / "b"), "--no-archive", "-o", str(tmp_path / "out"))
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert written == ["article-2.json", "article.json"]
    paths = [json.loads((tmp_path / "out" / name).read_text())["path"] for name in ("article.json", "article-2.json")]
    assert [Path(p).parent.name for p in paths] == ["a", "b"]


def test_an_output_directory_that_cannot_be_made_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    good = tmp_path / "good.wikitext"
    good.write_text("Text.\n")
    code, err = _report(str(good), "--no-archive", "-o", str(blocker / "out"))
    assert code == 2 and f"cannot create {blocker / 'out'}" in err


def test_offline_the_archive_phase_answers_from_the_cache_and_says_unverified(tmp_path):
    article = tmp_path / "a.wikitext"
    article.write_text(
        "Fell.<ref>{{cite web |url=http://news.example/fall |title=Fall |access-date=4 May 2014}}</ref>\n"
    )
    code, _ = _report(str(article), "--offline", "--cache-dir", str(tmp_path / "cache"), "-o", str(tmp_path / "out"))
    data = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert data["archive_consulted"] and data["summary"]["archived_sources"] == 0
    assert [row["status"] for row in data["provenance"]] == ["unverified"]
    assert code == 0  # unverified is not a finding


def test_a_report_that_cannot_be_written_is_one_line_and_the_others_are_written(tmp_path):
    good = tmp_path / "good.wikitext"
    good.write_text("Text.\n")
    (tmp_path / "out" / "good.md").mkdir(parents=True)  # a directory where the Markdown report should go
    code, err = _report(str(good), "--no-archive", "-o", str(tmp_path / "out"))
    assert code == 2 and f"{tmp_path / 'out' / 'good.md'}: cannot write: Is a directory" in err
    assert (tmp_path / "out" / "good.html").is_file() and (tmp_path / "out" / "good.json").is_file()


def test_markdown_lists_a_paragraphs_unsourced_claims_under_it(tmp_path):
    article = tmp_path / "report.md"
    article.write_text(
        "# Report\n\nThe raid killed 40 people on 3 May 2014. Another 12 died of their wounds a week later.\n\n"
        "The town fell in June 2014 after a siege.\n",
        encoding="utf-8",
    )
    _report(str(article), "--no-archive", "-o", str(tmp_path / "out"), "--format", "markdown")
    lines = (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()
    at = lines.index("- **2 unsourced claims in the paragraph at line 3**:")
    assert lines[at + 1].startswith("  - **Line 3**: Unsourced claim states a statistic (“40”)")
    assert lines[at + 4].startswith("  - **Line 3**: Unsourced claim states a statistic (“12”)")
    assert any(line.startswith("- **Line 5**: Unsourced claim states a date") for line in lines)
