"""A rule's docs are part of the rule: fixed sections, and examples that behave as they say."""

from __future__ import annotations

import re
import tomllib

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.document import Document
from auditor.extract.facts import Facts
from auditor.rules import RULES
from conftest import mirror, wikitext
from rules_helper import run_rule, with_archive

SECTIONS = ["## What it does", "## Why it matters", "## Example", "## Use instead", "## Options", "## Limits"]


READERS = {"text": mirror, "wikitext": wikitext}


def _block(doc: str, heading: str) -> Document | Facts:
    """The example under ``heading``, read as its fence says (```text is a plain-text copy); an ```archive
    fence after it says, in TOML, what the archive answered (see ``with_archive``)."""
    after = doc.split(heading, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```(text|wikitext)\n(.*?)```", after, re.S)
    assert match, f"no ```text or ```wikitext block under {heading}"
    read = READERS[match.group(1)](match.group(2))
    said = re.search(r"```archive\n(.*?)```", after, re.S)
    return with_archive(read, tomllib.loads(said.group(1))) if said else read


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
        assert re.fullmatch(r"(?:CIT|NUM|DAT|ARC)\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
