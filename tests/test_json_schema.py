"""The JSON output validates against its published, versioned schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from click.testing import CliRunner

from auditor.cli import main
from conftest import SEED


def test_seed_output_matches_the_schema(tmp_path):
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.5.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = CliRunner().invoke(main, ["check", str(SEED), str(tmp_path / "bad.txt"), "--format", "json"])
    output = json.loads(result.output.split("\n", 1)[1] if result.output.startswith("auditor:") else result.output)
    jsonschema.validate(output, schema)
    assert output["schema_version"] == "1.5"
    assert output["errors"][0]["message"].startswith("binary file")
    assert len(output["findings"]) == sum(output["summary"]["findings_by_rule"].values())


def test_an_unsourced_claim_carries_its_reason_and_confidence():
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.5.json").read_text(encoding="utf-8"))
    output = json.loads(CliRunner().invoke(main, ["check", str(SEED), "--format", "json"]).output)
    claims = [f for f in output["findings"] if f["rule"] == "unsourced-claim"]
    assert {f["evidence"]["reason"] for f in claims} >= {"date", "statistic"}
    assert {(f["evidence"]["confidence"], f["severity"]) for f in claims} == {("high", "warning"), ("low", "info")}
    del claims[0]["evidence"]["confidence"]
    try:
        jsonschema.validate(output, schema)
    except jsonschema.ValidationError as error:
        assert "'confidence' is a required property" in error.message
    else:
        raise AssertionError("an unsourced claim without its confidence validated")
