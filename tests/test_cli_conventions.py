"""The conventions users know from ruff: suppression comments, exclude patterns and .gitignore, an output
file, quiet and exit-zero runs, statistics, the standard input, configuration found near the files, and a
display threshold."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

CLAIM = "The army killed {n} people on 3 May 2014 in the town."


def _check(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _flagged(*args: str, stdin: bytes | None = None) -> list[tuple[str, int, str]]:
    """(path, line, code) of each finding, as the JSON output gives them."""
    out = _check(*args, "--format", "json", stdin=stdin)[1]
    return [(f["path"], f["line"], f["code"]) for f in json.loads(out)["findings"]]


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# --- inline suppression ----------------------------------------------------------------------------------

WIKITEXT = f"""'''Example''' is a town.

== Siege ==
{CLAIM.format(n=40)}

<!-- auditor: ignore CIT005 the next section gives the sources -->
{CLAIM.format(n=25)} Rebels took 300 prisoners on 5 May 2014.

{CLAIM.format(n=30)}<!-- auditor: ignore unsourced-claim seen in the footage --> A further 20 died on 13 May 2014.
"""


def test_a_comment_on_its_own_line_silences_the_next_paragraph_and_one_inside_a_paragraph_one_claim():
    Path("a.wikitext").write_text(WIKITEXT, encoding="utf-8")
    assert _flagged("a.wikitext") == [("a.wikitext", 4, "CIT005"), ("a.wikitext", 9, "CIT005")]
    column = json.loads(_check("a.wikitext", "--format", "json")[1])["findings"][1]["column"]
    assert column > len(CLAIM.format(n=30))  # the claim after the comment, not the one it ends
    Path("b.wikitext").write_text(WIKITEXT.replace("<!-- auditor: ignore", "<!-- note:"), encoding="utf-8")
    assert len(_flagged("b.wikitext")) == 5  # without the comments every claim is flagged


def test_a_comment_silences_only_the_rules_it_names():
    Path("a.wikitext").write_text(WIKITEXT.replace("ignore CIT005", "ignore NUM,DAT"), encoding="utf-8")
    assert [line for _, line, _ in _flagged("a.wikitext")].count(7) == 2


def test_a_file_wide_comment_silences_a_rule_everywhere():
    Path("a.wikitext").write_text("<!-- auditor: ignore-file CIT005 a stub -->\n" + WIKITEXT, encoding="utf-8")
    assert _flagged("a.wikitext") == []


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a.md", f"# Example\n\n{CLAIM.format(n=40)}\n\n<!-- auditor: ignore CIT005 -->\n{CLAIM.format(n=25)}\n"),
        (
            "a.html",
            f"<html><body><h1>Example</h1><p>{CLAIM.format(n=40)}</p>\n<!-- auditor: ignore CIT005 -->\n"
            f"<p>{CLAIM.format(n=25)}</p></body></html>\n",
        ),
    ],
)
def test_markdown_and_html_take_the_same_comment(name, text):
    Path(name).write_text(text, encoding="utf-8")
    assert [code for _, _, code in _flagged(name)] == ["CIT005"]  # the 40, not the 25


# --- which files a directory gives ------------------------------------------------------------------------


def _tree() -> None:
    for name in ("docs/a.md", "docs/drafts/b.md", "docs/build/c.md", "docs/d.md"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(f"# Example\n\n{CLAIM.format(n=40)}\n", encoding="utf-8")


def test_exclude_patterns_leave_files_and_directories_out_of_a_tree():
    _tree()
    paths = {path for path, _, _ in _flagged("docs", "--exclude", "drafts/,d.md")}
    assert paths == {"docs/a.md", "docs/build/c.md"}
    Path("auditor.toml").write_text('exclude = ["build"]\n', encoding="utf-8")
    assert {p for p, _, _ in _flagged("docs")} == {"docs/a.md", "docs/drafts/b.md", "docs/d.md"}
    assert {p for p, _, _ in _flagged("docs", "--extend-exclude", "d.md")} == {"docs/a.md", "docs/drafts/b.md"}
    assert {p for p, _, _ in _flagged("docs", "--exclude", "drafts")} == {"docs/a.md", "docs/build/c.md", "docs/d.md"}
    assert {p for p, _, _ in _flagged("docs/build/c.md")} == {"docs/build/c.md"}  # a file named is always read


def test_gitignore_is_respected_in_a_repository_unless_told_not_to():
    _tree()
    subprocess.run(["git", "init", "-q"], check=True)
    Path(".gitignore").write_text("build/\n", encoding="utf-8")
    Path("docs/.gitignore").write_text("drafts\n", encoding="utf-8")
    assert {p for p, _, _ in _flagged("docs")} == {"docs/a.md", "docs/d.md"}
    assert len(_flagged("docs", "--no-respect-gitignore")) == 4


# --- what a run prints, and where --------------------------------------------------------------------------


def test_output_file_quiet_and_exit_zero():
    Path("a.md").write_text(f"# Example\n\n{CLAIM.format(n=40)}\n", encoding="utf-8")
    code, out, _ = _check("a.md", "--output-file", "out.txt")
    written = Path("out.txt").read_text(encoding="utf-8")
    assert code == 1 and out == "" and written.startswith("a.md:3:1: CIT005") and "1 finding" in written
    code, out, _ = _check("a.md", "-q")
    assert code == 1 and out.splitlines()[0].startswith("a.md:3:1: CIT005") and "finding" not in out.splitlines()[-1]
    assert _check("a.md", "--exit-zero")[0] == 0
    assert _check("nowhere.md", "a.md", "--exit-zero")[0] == 2  # an input error still fails


def test_statistics_count_the_findings_of_each_rule():
    Path("a.md").write_text(f"# Example\n\n{CLAIM.format(n=40)}\n\n{CLAIM.format(n=25)}[^1]\n\n[^1]:\n", "utf-8")
    code, out, _ = _check("a.md", "--statistics")
    assert code == 1
    assert sorted(out.splitlines()) == ["1\tCIT001\tempty-footnote", "1\tCIT005\tunsourced-claim"]
    assert "--statistics counts" in _check("a.md", "--statistics", "--format", "json")[2]


def test_min_severity_hides_less_serious_findings_and_they_do_not_fail_the_run():
    seed = str(Path(__file__).resolve().parents[1] / "seeds" / "000_285ae1a0c3e52f84.txt")
    every = json.loads(_check(seed, "--select", "CIT005", "--format", "json")[1])["findings"]
    warnings = [f for f in every if f["severity"] == "warning"]
    assert 0 < len(warnings) < len(every)  # the seed has info ones too
    shown = json.loads(_check(seed, "--select", "CIT005", "--format", "json", "--min-severity", "warning")[1])
    assert shown["findings"] == warnings
    assert shown["files"][0]["summary"]["findings_by_rule"] == {"unsourced-claim": len(warnings)}
    code, out, _ = _check(seed, "--select", "CIT005", "--min-severity", "error")
    assert code == 0 and out.startswith("0 findings")


def test_the_standard_input_is_read_as_dash_named_by_stdin_filename():
    text = f"# Example\n\n{CLAIM.format(n=40)}\n".encode()
    assert _flagged("-", "--stdin-filename", "notes/a.md", stdin=text) == [("notes/a.md", 3, "CIT005")]
    assert _flagged("-", "--input-format", "markdown", stdin=text) == [("-", 3, "CIT005")]
    code, _, err = _check("-", "-", stdin=text)
    assert code == 2 and "can be read once" in err


def test_configuration_is_found_from_the_checked_files_directory_upwards():
    Path("project/docs").mkdir(parents=True)
    Path("project/auditor.toml").write_text('ignore = ["CIT005"]\n', encoding="utf-8")
    Path("project/docs/a.md").write_text(f"# Example\n\n{CLAIM.format(n=40)}\n", encoding="utf-8")
    assert _flagged("project/docs/a.md") == []  # run from above the project, its configuration applies
    Path("project/docs/auditor.toml").write_text("", encoding="utf-8")
    assert _flagged("project/docs/a.md") == [("project/docs/a.md", 3, "CIT005")]  # the nearest one wins
