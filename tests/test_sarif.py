"""SARIF output, validated against the SARIF 2.1.0 schema, and GitHub annotations."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config.defaults import rule_defaults
from test_gating import AFTER, repo  # noqa: F401 - the git repository fixture

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_285ae1a0c3e52f84.txt"
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner(env=env).invoke(main, ["check", *args])
    return result.exit_code, result.stdout


def test_the_seed_in_sarif_validates_and_carries_every_finding():
    code, out = _run(str(SEED), "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [d.rule.code for d in rule_defaults()]
    _, plain = _run(str(SEED), "--format", "json")
    findings = json.loads(plain)["findings"]
    assert code == 1 and len(run["results"]) == len(findings) == 273
    first, result = findings[0], run["results"][0]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == first["code"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        first["line"],
        first["column"],
        first["end_column"],
    )
    assert result["partialFingerprints"] == {"auditorFingerprint/v1": first["fingerprint"]}
    assert "baselineState" not in result  # nothing was compared


def test_sarif_says_which_results_are_new_and_which_are_gone(repo):  # noqa: F811
    article = repo / "article.wikitext"
    article.write_text(AFTER.replace("The offensive killed 300 fighters by February.\n", ""), encoding="utf-8")
    code, out = _run(str(article), "--format", "sarif", "--diff-base", "HEAD")
    log = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    states = [(r["ruleId"], r["baselineState"]) for r in log["runs"][0]["results"]]
    assert code == 1 and states == [("CIT005", "new"), ("CIT005", "absent")]


def test_an_input_that_cannot_be_read_is_a_failed_invocation(tmp_path):
    missing = tmp_path / "nope.wikitext"
    code, out = _run(str(missing), "--format", "sarif")
    log = json.loads(out)
    jsonschema.Draft202012Validator(SCHEMA).validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    assert (
        "nope.wikitext"
        in invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )


def test_github_actions_get_annotations_of_new_findings_only(repo):  # noqa: F811
    article = repo / "article.wikitext"
    article.write_text(AFTER, encoding="utf-8")
    code, out = _run(str(article), "--diff-base", "HEAD", env={"GITHUB_ACTIONS": "true"})
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(f"::warning file={article},line=8,endLine=8,col=1,endColumn=")
    assert lines[0].endswith(",title=CIT005 unsourced-claim::" + lines[0].split("::")[-1])
    assert "Another 150 civilians" in lines[0]
    assert lines[1] == "auditor: 1 finding new since HEAD (1 known, 0 fixed)"


@pytest.mark.parametrize(("text", "escaped"), [("50% of 1,000: a\nb", "50%25 of 1,000: a%0Ab")])
def test_annotation_text_is_escaped_as_the_runner_expects(text, escaped):
    from auditor.reporters.run.github import _data, _property

    assert _data(text) == escaped
    assert _property("a:b,c") == "a%3Ab%2Cc"
