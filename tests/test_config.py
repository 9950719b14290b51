"""Configuration: discovery, selection, overrides, and errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config.settings import load_settings
from auditor.errors import ConfigError
from auditor.severity import Severity

DOC = "Rebels lost 40 fighters.[1]\n\n  1. ^\n"


def _names(settings) -> list[str]:
    return [a.rule.name for a in settings.rules]


def test_defaults_enable_every_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _names(load_settings()) == [
        "empty-footnote",
        "dangling-citation",
        "unused-reference",
        "backlink-mismatch",
        "unsourced-claim",
        "citation-needed",
        "conflicting-reference",
        "unclosed-reference",
        "figure-sum-mismatch",
        "conflicting-figures",
        "disputed-figure",
        "inverted-range",
        "contradictory-dates",
        "duration-mismatch",
        "source-predates-claim",
        "invalid-date",
        "chronology-order",
        "archive-missing",
        "archive-mismatch",
        "unreachable-source",
        "invalid-identifier",
        "bare-url",
        "placeholder-title",
        "archive-without-original",
        "malformed-archive-link",
        "circular-source",
        "unreliable-source",
        "copy-altered-figure",
        "copy-altered-date",
        "figure-not-in-source",
        "date-not-in-source",
        "source-unreadable",
    ]


def test_select_and_ignore_by_name_code_and_prefix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _names(load_settings(select=["CIT001", "unsourced-claim"])) == ["empty-footnote", "unsourced-claim"]
    assert _names(load_settings(select=["CIT"], ignore=["CIT00"])) == []
    assert "citation-needed" not in _names(load_settings(ignore=["citation-needed"]))


def test_pyproject_section_is_found_from_a_subdirectory(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.auditor]\nignore = ["CIT006"]\n[tool.auditor.rules.unsourced-claim]\n'
        'severity = "error"\ninfobox = false\n',
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    settings = load_settings()
    assert settings.source == str(tmp_path / "pyproject.toml")
    assert "citation-needed" not in _names(settings)
    claim = next(a for a in settings.rules if a.rule.name == "unsourced-claim")
    assert claim.severity is Severity.ERROR
    assert claim.options.infobox is False


def test_auditor_toml_wins_over_a_pyproject_without_a_section(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "auditor.toml").write_text('select = ["empty-footnote"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _names(load_settings()) == ["empty-footnote"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selct = []\n", "auditor.toml: unknown key 'selct' in the top level"),
        ("[rules.empty-fotnote]\n", "auditor.toml: unknown rule 'empty-fotnote' in [rules]"),
        ("[rules.unsourced-claim]\ninfobx = true\n", "unknown option 'infobx' for rule 'unsourced-claim'"),
        ("[rules.unsourced-claim]\ninfobox = 1\n", "option 'infobox' of rule 'unsourced-claim' must be true or false"),
        ("[rules.empty-footnote]\nseverity = 'fatal'\n", "'fatal' is not a severity (error, warning, info)"),
        ("select = [\n", "auditor.toml: "),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path, monkeypatch, content, message):
    (tmp_path / "auditor.toml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=None) as caught:
        load_settings()
    assert message in str(caught.value)
    assert str(tmp_path / "auditor.toml") in str(caught.value) or str(caught.value).startswith("auditor.toml")


def test_cli_reports_config_errors_in_one_line_with_exit_2(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\nfoo = 1\n", encoding="utf-8")
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "doc.txt"])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {Path(tmp_path) / 'pyproject.toml'}: unknown key 'foo' in [tool.auditor]"


def test_cli_select_limits_the_findings(tmp_path, monkeypatch):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "doc.txt", "--select", "unsourced-claim,CIT006"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["check", "doc.txt", "--select", "CIT001"])
    assert result.exit_code == 1
    assert "doc.txt:1:25: CIT001 [warning] empty-footnote: Footnote [1] is empty" in result.output


def test_cli_unknown_selector(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "doc.txt", "--select", "XYZ9"])
    assert result.exit_code == 2
    assert "unknown rule or code 'XYZ9'" in result.output
