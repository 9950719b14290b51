"""Fingerprints identify a finding by its text, not its line (GUIDE convention 7)."""

from __future__ import annotations

from auditor.api import RunOptions, check_paths
from auditor.config.settings import load_settings
from conftest import SEED


def _fingerprints(path) -> dict[str, tuple[str, int]]:
    report = check_paths([str(path)], RunOptions(load_settings()))
    return {f.fingerprint: (f.rule, f.line) for f in report.findings}


def test_inserting_a_paragraph_above_leaves_fingerprints_unchanged(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")
    before = _fingerprints("seed.txt")

    anchor = "Between 28 June 2014 and 28 April 2015"
    path.write_text(text.replace(anchor, "A new paragraph without figures.\n\n" + anchor, 1), encoding="utf-8")
    after = _fingerprints("seed.txt")

    assert set(before) == set(after)
    lines_moved = sum(1 for key in before if before[key][1] != after[key][1])
    assert lines_moved > 100  # the findings did move, yet kept their identity


def test_repeated_identical_findings_get_distinct_fingerprints(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text("Rebels lost 40 fighters.\n\nRebels lost 40 fighters.\n", encoding="utf-8")
    findings = check_paths(["doc.txt"], RunOptions(load_settings())).findings
    assert [f.rule for f in findings] == ["unsourced-claim", "unsourced-claim"]
    assert findings[0].fingerprint != findings[1].fingerprint
