"""The JSON output validates against its published, versioned schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from click.testing import CliRunner

from auditor.cli import main
from conftest import SEED


def test_seed_output_matches_the_schema(tmp_path):
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.3.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = CliRunner().invoke(main, ["check", str(SEED), str(tmp_path / "bad.txt"), "--format", "json"])
    output = json.loads(result.output.split("\n", 1)[1] if result.output.startswith("auditor:") else result.output)
    jsonschema.validate(output, schema)
    assert output["schema_version"] == "1.3"
    assert output["errors"][0]["message"].startswith("binary file")
    assert len(output["findings"]) == sum(output["summary"]["findings_by_rule"].values())
