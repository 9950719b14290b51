"""Data-driven cases for every rule: each ``fail`` case must produce findings, each ``pass`` none."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from auditor.readers import read_html, read_markdown
from auditor.rules import RULES
from conftest import mirror, wikitext
from rules_helper import run_rule, with_archive, with_origin

CASES = Path(__file__).parent / "rule_cases"
READERS = {
    "mirror": mirror,
    "wikitext": wikitext,
    "html": lambda text: read_html("snippet.html", text),
    "markdown": lambda text: read_markdown("snippet.md", text),
}


def _cases() -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for case in data.get(kind, []):
                found.append((path.stem, kind, case))
    return found


def test_every_rule_has_cases_in_both_directions():
    for rule in RULES:
        path = CASES / f"{rule.name}.toml"
        assert path.exists(), f"rule {rule.name} has no case file"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data.get("fail"), f"rule {rule.name} has no failing case"
        assert data.get("pass"), f"rule {rule.name} has no passing case"


def test_case_files_name_real_rules():
    names = {rule.name for rule in RULES}
    assert {path.stem for path in CASES.glob("*.toml")} <= names


@pytest.mark.parametrize(
    ("rule", "kind", "case"), _cases(), ids=lambda v: v.get("name", "") if isinstance(v, dict) else str(v)
)
def test_rule_case(rule: str, kind: str, case: dict):
    doc = READERS[case.get("format", "mirror")](case["text"])
    if "archive" in case:
        doc = with_archive(doc, case["archive"])
    if "origin" in case:  # the wikitext of the revision the copy was pinned to
        doc = with_origin(doc, case["origin"])
    findings = run_rule(rule, doc)
    if kind == "pass":
        assert findings == (), [f.message for f in findings]
        return
    assert len(findings) == case.get("count", 1), [f.message for f in findings]
    for expected in case.get("messages", []):
        assert any(expected in f.message for f in findings), (expected, [f.message for f in findings])
    for excerpt in case.get("excerpts", []):
        assert any(f.excerpt == excerpt for f in findings), (excerpt, [f.excerpt for f in findings])
    if "severities" in case:  # one per finding, in the order of the text
        assert [str(f.severity) for f in findings] == case["severities"], [f.message for f in findings]
