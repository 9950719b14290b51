"""The six plain-text copies in the shared corpus run cleanly, with plausible structure."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.readers import read_mirror
from conftest import corpus_file

MIRRORS = [
    "Biodiversity",
    "Coalbed_methane",
    "Hospital-acquired_infection",
    "Hypertext_Transfer_Protocol",
    "Occupational_safety_and_health",
    "Shale_gas",
]


@pytest.mark.parametrize("name", MIRRORS)
def test_copy_is_read_and_checked_without_errors(name: str):
    path = corpus_file(f"html/mirror_plaintext/{name}.wikicopy.txt")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    output = json.loads(result.output)
    assert output["errors"] == []
    doc = read_mirror(str(path), path.read_text(encoding="utf-8"))
    assert doc.title == name.replace("_", " ")
    assert doc.provenance.source_url == f"https://en.wikipedia.org/wiki/{name}"
    # The reference list is complete and in sequence: numbering continues without gaps.
    keys = [int(r.key) for r in doc.references if r.group is None]
    assert keys == list(range(1, len(keys) + 1)) and len(keys) >= 25
    # Every marker of the text is found, and nothing outside the article is a claim.
    assert sum(len(b) for b in doc.markers_by_block.values()) == len(doc.markers)
    summary = output["summary"]
    assert 0 < summary["cited_claims"] <= summary["claims"]
    assert {finding["path"] for finding in output["findings"]} == {str(path)}


def test_a_second_reference_list_keeps_its_own_numbers():
    path = corpus_file("html/mirror_plaintext/Occupational_safety_and_health.wikicopy.txt")
    doc = read_mirror(str(path), path.read_text(encoding="utf-8"))
    notes = [r.key for r in doc.references if r.group]
    assert notes == ["Notes 1", "Notes 2", "Notes 3"]
    assert doc.references_by_key["1"].text.startswith("It can be confusing that British English")
