"""A rule's docs are part of the rule: fixed sections, and examples that behave as they say."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import defaults
from auditor.document import Document
from auditor.errors import ConfigError
from auditor.extract.facts import Facts
from auditor.rules import RULES, Rule
from auditor.rules.base import _string
from conftest import mirror, wikitext
from rules_helper import run_rule, with_archive, with_origin

SECTIONS = ["## What it does", "## Why it matters", "## Example", "## Use instead", "## Options", "## Limits"]


READERS = {"text": mirror, "wikitext": wikitext}


def _block(doc: str, heading: str) -> Document | Facts:
    """The example under ``heading``, read as its fence says (```text is a plain-text copy); an ```archive
    fence after it says, in TOML, what the archive answered (see ``with_archive``), and an ```origin fence
    gives the wikitext of the revision the copy was pinned to (see ``with_origin``)."""
    after = doc.split(heading, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```(text|wikitext)\n(.*?)```", after, re.S)
    assert match, f"no ```text or ```wikitext block under {heading}"
    read = READERS[match.group(1)](match.group(2))
    said = re.search(r"```archive\n(.*?)```", after, re.S)
    facts = with_archive(read, tomllib.loads(said.group(1))) if said else read
    origin = re.search(r"```origin\n(.*?)```", after, re.S)  # the wiki revision the copy was pinned to
    return with_origin(facts, origin.group(1)) if origin else facts


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_docs_have_the_sections_in_order(rule):
    positions = [rule.doc.find(section) for section in SECTIONS]
    assert -1 not in positions, f"{rule.name} lacks {SECTIONS[positions.index(-1)]}"
    assert positions == sorted(positions)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_example_fails_and_use_instead_passes(rule):
    assert run_rule(rule.name, _block(rule.doc, "## Example"))
    assert run_rule(rule.name, _block(rule.doc, "## Use instead")) == ()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_explain_prints_the_docs(rule):
    by_name = CliRunner().invoke(main, ["explain", rule.name])
    by_code = CliRunner().invoke(main, ["explain", rule.code.lower()])
    assert by_name.exit_code == 0
    assert "## Why it matters" in by_name.output
    assert by_code.output == by_name.output


def test_rules_lists_every_rule():
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for rule in RULES:
        assert f"{rule.code}  {rule.name}" in result.output


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"(?:CIT|NUM|DAT|ARC|SRC|SUP)\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_identity_read_from_the_source_is_the_modules_own(rule):
    module = importlib.import_module(rule.module)
    assert (rule.code, rule.name, rule.summary, rule.doc) == (module.CODE, module.NAME, module.SUMMARY, module.__doc__)


def test_a_module_that_declares_no_rule_is_refused():
    with pytest.raises(ValueError, match=r"auditor\.rules\.messages does not declare a rule"):
        Rule.declared_in("auditor.rules.messages")


def test_listing_and_explaining_rules_imports_no_rule_implementation():
    listed = """
import sys
from click.testing import CliRunner
from auditor.cli import main
for args in (["rules"], ["explain", "empty-footnote"]):
    assert CliRunner().invoke(main, args).exit_code == 0
print(" ".join(sorted(name for name in sys.modules if name.startswith("auditor.rules."))))
"""
    done = subprocess.run([sys.executable, "-c", listed], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["auditor.rules.base"]


def test_the_shipped_defaults_hold_no_identity(tmp_path, monkeypatch):
    for rule in RULES:
        (tmp_path / f"{rule.name}.toml").write_text('severity = "warning"\n', encoding="utf-8")
    (tmp_path / "empty-footnote.toml").write_text('summary = "Empty"\nseverity = "warning"\n', encoding="utf-8")
    monkeypatch.setattr(defaults, "rules_dir", lambda: tmp_path)
    defaults.rule_defaults.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"empty-footnote.toml: unknown key 'summary'"):
            defaults.rule_defaults()
    finally:
        defaults.rule_defaults.cache_clear()


def test_an_identity_constant_reads_as_python_reads_it():
    assert _string('"Empty footnote"') == "Empty footnote"
    assert _string(r'"A \"quoted\" tab\t and \u00e9"') == 'A "quoted" tab\t and \u00e9'
