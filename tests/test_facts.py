"""A document's facts are computed once: every rule, the archive phase and the summary share them."""

from __future__ import annotations

from collections import Counter

import pytest

import auditor.extract.facts
from auditor.api import RunOptions, check_paths
from auditor.archive.gather import ArchiveOptions
from auditor.config.settings import load_settings
from conftest import SEED

ARTICLE = """\
The town fell on 3 May 2014, and 40 fighters were killed.<ref>{{cite web |url=http://news.example/fall
 |title=Town falls |date=4 May 2014}}</ref>

== Aftermath ==
Rebels retook it on 9 May 2014.
"""


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times dates and figures are extracted, counted where the facts ask for them."""
    counted: Counter[str] = Counter()
    for name in ("extract_dates", "extract_figures"):
        real = getattr(auditor.extract.facts, name)

        def counting(doc, *given, real=real, name=name):  # type: ignore[no-untyped-def]
            counted[name] += 1
            return real(doc, *given)

        monkeypatch.setattr(auditor.extract.facts, name, counting)
    return counted


@pytest.fixture
def paths(tmp_path) -> list[str]:
    article = tmp_path / "article.wikitext"
    article.write_text(ARTICLE, encoding="utf-8")
    return [str(SEED), str(article)]


def test_each_document_is_extracted_once_by_every_rule_together(extractions, paths):
    report = check_paths(paths, RunOptions(load_settings(), jobs=1))  # one process: the counts are this one's
    assert report.findings and not report.errors
    assert extractions == {"extract_dates": 2, "extract_figures": 2}


def test_the_archive_phase_and_the_rules_share_one_extraction(extractions, paths, tmp_path):
    settings = load_settings()
    archive = ArchiveOptions(settings.archive)  # offline: every lookup unverified, nothing sent
    report = check_paths(paths, RunOptions(settings, 1, tmp_path / "cache", offline=True, archive=archive))
    assert all(file.archive is not None for file in report.files) and not report.errors
    assert extractions == {"extract_dates": 2, "extract_figures": 2}


def test_facts_no_selected_rule_reads_are_never_extracted(extractions, paths):
    settings = load_settings(select=["CIT"])
    report = check_paths(paths, RunOptions(settings, jobs=1))
    assert report.findings
    assert extractions == {}


@pytest.mark.parametrize("selected", ["unreliable-source", "archive-mismatch"])
def test_rules_reading_only_reference_dates_extract_no_date_of_the_text(extractions, paths, selected):
    settings = load_settings(select=[selected])
    report = check_paths(paths, RunOptions(settings, jobs=1))
    assert not report.errors and report.files
    assert extractions == {}


@pytest.mark.parametrize(("selected", "cues_read"), [("CIT", 2), ("empty-footnote", 0), ("figure-sum-mismatch", 0)])
def test_claims_cues_are_read_only_for_the_rule_reporting_them(monkeypatch, paths, selected, cues_read):
    """Every summary counts the uncited claim sentences; only unsourced-claim (CIT005) needs each one's cues."""
    read: list[str] = []
    real = auditor.extract.facts.coverage

    def counted(doc, *given):  # type: ignore[no-untyped-def]
        read.append(doc.path)
        return real(doc, *given)

    monkeypatch.setattr(auditor.extract.facts, "coverage", counted)
    report = check_paths(paths, RunOptions(load_settings(select=[selected]), jobs=1))
    assert not report.errors and all(file.summary.claims for file in report.files)
    assert len(read) == cues_read
