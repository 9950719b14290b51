"""CI gating: fail only on findings a change introduced, judged against git history or a baseline file."""

from __future__ import annotations

import json
import os
import re
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from auditor.cli import main

BEFORE = """\
== Fighting ==
On 3 January 2014, rebels attacked 12 checkpoints in Idlib.<ref>{{cite web |url=http://a.example/1 |title=One}}</ref>
The offensive killed 300 fighters by February.

== Aftermath ==
By March, 40 villages had changed hands.<ref>{{cite web |url=http://a.example/2 |title=Two}}</ref>
"""
# One sentence added with no citation, one added with a citation, and the two sections swapped.
AFTER = """\
== Aftermath ==
By March, 40 villages had changed hands.<ref>{{cite web |url=http://a.example/2 |title=Two}}</ref>
In April, 2,000 families fled to Turkey.<ref>{{cite web |url=http://a.example/3 |title=Three}}</ref>

== Fighting ==
On 3 January 2014, rebels attacked 12 checkpoints in Idlib.<ref>{{cite web |url=http://a.example/1 |title=One}}</ref>
The offensive killed 300 fighters by February.
Another 150 civilians died in the shelling of Saraqib.
"""


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "editor@example.org")
    _git(tmp_path, "config", "user.name", "Editor")
    (tmp_path / "article.wikitext").write_text(BEFORE, encoding="utf-8")
    _git(tmp_path, "add", "article.wikitext")
    _git(tmp_path, "commit", "-q", "-m", "article")
    return tmp_path


def _check(repo: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", str(repo / "article.wikitext"), "--format", "json", *args])
    return result.exit_code, result.stdout, result.stderr


def _new(out: str) -> list[dict]:
    data = json.loads(out)
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    return [f for f in data["findings"] if f["baseline_state"] == "new"]


def test_without_a_change_nothing_is_new_and_the_run_passes(repo):
    code, out, _ = _check(repo, "--diff-base", "HEAD")
    data = json.loads(out)
    assert data["findings"], "the article has an unsourced claim to start with"
    assert (code, _new(out), data["comparison"]["fixed"]) == (0, [], [])


def test_diff_base_fails_on_exactly_the_one_new_unsourced_claim(repo):
    (repo / "article.wikitext").write_text(AFTER, encoding="utf-8")
    code, out, _ = _check(repo, "--diff-base", "HEAD")
    new = _new(out)
    assert code == 1
    assert [(f["rule"], f["excerpt"]) for f in new] == [
        ("unsourced-claim", "Another 150 civilians died in the shelling of Saraqib.")
    ]
    assert json.loads(out)["comparison"]["known"] == 1  # the old unsourced claim, moved with its section


def test_a_baseline_file_gates_the_same_way(repo, tmp_path):
    baseline = tmp_path / "baseline.json"
    written = CliRunner().invoke(main, ["baseline", "write", str(repo / "article.wikitext"), "-o", str(baseline)])
    assert written.exit_code == 0 and "1 finding recorded" in written.stderr
    (repo / "article.wikitext").write_text(AFTER, encoding="utf-8")
    code, out, _ = _check(repo, "--baseline", str(baseline))
    assert code == 1
    assert [f["excerpt"] for f in _new(out)] == ["Another 150 civilians died in the shelling of Saraqib."]


def test_a_fixed_finding_is_listed_and_does_not_fail(repo, tmp_path):
    fixed = BEFORE.replace("by February.", "by February.<ref>{{cite web |url=http://a.example/4 |title=Four}}</ref>")
    (repo / "article.wikitext").write_text(fixed, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(repo / "article.wikitext"), "--diff-base", "HEAD"])
    assert result.exit_code == 0
    assert "fixed: CIT005 unsourced-claim: " in result.stdout
    assert "0 new findings in 1 file" in result.stdout and "since HEAD: 0 known, 1 fixed" in result.stdout


def test_a_file_new_since_the_revision_has_only_new_findings(repo):
    (repo / "other.wikitext").write_text(BEFORE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(repo / "other.wikitext"), "--diff-base", "HEAD"])
    assert result.exit_code == 1 and "1 new finding (1 warning) in 1 file" in result.stdout


def test_fail_on_ignores_less_serious_new_findings(repo):
    (repo / "article.wikitext").write_text(AFTER, encoding="utf-8")
    code, _, _ = _check(repo, "--diff-base", "HEAD", "--fail-on", "error")
    assert code == 0  # the new unsourced claim is a warning


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--diff-base", "no-such-rev"], "'no-such-rev' is not a commit of the repository holding this file"),
        (["--baseline", "missing.json"], "missing.json: cannot read the baseline: No such file or directory"),
    ],
)
def test_a_bad_revision_or_baseline_is_one_clear_line(repo, args, message, monkeypatch):
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "article.wikitext", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_file_outside_any_repository_is_an_input_error(tmp_path):
    path = tmp_path / "loose" / "article.wikitext"
    path.parent.mkdir()
    path.write_text(BEFORE, encoding="utf-8")
    result = CliRunner(env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}).invoke(
        main, ["check", str(path), "--diff-base", "HEAD"]
    )
    assert result.exit_code == 2 and "--diff-base: not a git repository" in result.stderr


def test_a_baseline_that_is_not_one_is_refused(tmp_path, repo):
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(repo / "article.wikitext"), "--baseline", str(bad)])
    assert result.exit_code == 2 and "not an auditor baseline" in result.stderr


ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_workflow_is_the_repositorys_and_its_audit_step_gates_a_pull_request(tmp_path):
    workflow = (ROOT / ".github" / "workflows" / "citations.yml").read_text(encoding="utf-8")
    assert f"```yaml\n{workflow}```" in (ROOT / "README.md").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]["audit"]["steps"]
    install, audit = (step["run"] for step in steps if "run" in step)
    assert install == "python -m pip install ."  # the test environment has done this already
    upstream, clone = tmp_path / "upstream", tmp_path / "clone"
    (upstream / "seeds").mkdir(parents=True)
    (upstream / "seeds" / "article.wikitext").write_text(BEFORE, encoding="utf-8")
    _git(upstream, "init", "-q", "-b", "main")
    _git(upstream, "add", ".")
    _git(upstream, "-c", "user.email=e@example.org", "-c", "user.name=E", "commit", "-q", "-m", "article")
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True, capture_output=True)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main"}
    unchanged = subprocess.run(["bash", "-c", audit], cwd=clone, env=env, capture_output=True, text=True)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    (clone / "seeds" / "article.wikitext").write_text(AFTER, encoding="utf-8")
    changed = subprocess.run(["bash", "-c", audit], cwd=clone, env=env, capture_output=True, text=True)
    annotations = [line for line in changed.stdout.splitlines() if line.startswith("::")]
    assert changed.returncode == 1 and len(annotations) == 1
    assert annotations[0].startswith("::warning file=seeds/article.wikitext,line=8,")


def test_diff_base_refuses_articles_named_by_title():
    result = CliRunner().invoke(main, ["check", "en:Battle_of_Aleppo", "--diff-base", "HEAD"])
    assert result.exit_code == 2 and "an article named by title or URL has none" in result.stderr


def test_the_pre_commit_hook_fails_a_commit_that_adds_an_unsourced_claim(repo):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert re.search(hook["files"], "article.wikitext") and not re.search(hook["files"], "README.md")
    run = [*hook["entry"].split(), "article.wikitext"]  # pre-commit passes the staged files' names
    clean = subprocess.run(run, cwd=repo, capture_output=True, text=True)
    (repo / "article.wikitext").write_text(AFTER, encoding="utf-8")
    added = subprocess.run(run, cwd=repo, capture_output=True, text=True)
    assert (clean.returncode, added.returncode) == (0, 1), added.stdout + added.stderr
    assert "1 new finding (1 warning)" in added.stdout


def test_a_file_unreadable_at_the_revision_is_an_error_and_its_findings_count_as_new(repo):
    (repo / "article.wikitext").write_bytes(b"\x00\x01binary")
    _git(repo, "commit", "-q", "-a", "-m", "broken")
    (repo / "article.wikitext").write_text(BEFORE, encoding="utf-8")
    code, out, err = _check(repo, "--diff-base", "HEAD")
    assert code == 2
    assert "article.wikitext at HEAD: binary file (it contains NUL bytes)" in err
    assert len(_new(out)) == len(json.loads(out)["findings"]) == 1
