"""Messages that say what to do: documents in formats no reader reads, addresses that name no article, an
empty file in a tree, a --diff-base revision that is not there, and the rule list's columns."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main

GOOD = "The town fell on 3 May 2014.[1]\n\n  1. ^ Rebels take the town Reuters 4 May 2014\n"


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def good(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.pdf", b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF: convert it to text or HTML first"),
        ("report.txt", b"%PDF-1.4\n%\xe2\xe3", "a PDF: convert it to text or HTML first"),  # by content, not name
        ("notes.docx", b"PK\x03\x04\x14\x00\x06\x00", "a Word document (.docx): convert it to text or HTML first"),
        ("notes.odt", b"PK\x03\x04\x14\x00", "an OpenDocument text (.odt): convert it to text or HTML first"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1", "an old Office document (.doc): convert it to text or HTML first"),
    ],
)
def test_a_document_in_a_binary_format_is_named_with_what_to_do(good, name, content, expected):
    Path(name).write_bytes(content)
    code, out, err = _check(name, "good.txt")
    assert code == 2
    assert err.splitlines() == [f"auditor: error: {name}: {expected}"]
    assert out.startswith("0 findings in 1 file")


@pytest.mark.parametrize("address", ["https://example.com/article", "http://example.org/news/1?id=2", "ftp://x.y/z"])
def test_a_web_address_that_names_no_wiki_article_is_said_to_be_one(good, address):
    code, _, err = _check(address, "good.txt")
    assert code == 2
    assert err.startswith(f"auditor: error: {address}: a web address that names no wiki article: ")
    assert "no such file" not in err


def test_a_missing_file_is_still_no_such_file(good):
    assert _check("nowhere.txt")[2] == "auditor: error: nowhere.txt: no such file or directory\n"


def test_an_empty_file_in_a_directory_is_skipped_with_a_note(good):
    folder = Path("articles")
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"\n  \n")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    code, out, err = _check("articles")
    assert code == 0, err
    assert err.splitlines() == [
        "auditor: note: articles/blank.md: empty file, skipped",
        "auditor: note: articles/empty.txt: empty file, skipped",
    ]
    assert out.rstrip().endswith("; 3 files skipped (empty, or in no format auditor reads)")
    data = json.loads(_check("articles", "--format", "json")[1])
    assert sorted(data["skipped"]) == ["articles/blank.md", "articles/empty.txt", "articles/picture.png"]
    assert data["errors"] == []


def test_an_empty_file_named_on_its_own_is_still_an_error(good):
    Path("empty.txt").write_bytes(b"")
    code, _, err = _check("empty.txt")
    assert code == 2 and err == "auditor: error: empty.txt: file is empty\n"


def test_a_diff_base_that_is_not_a_commit_stops_before_anything_is_printed(good):
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "good.txt"], check=True)
    commit = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "add"]
    subprocess.run(commit, check=True)
    Path("good.txt").write_text(GOOD + "\nThe army killed 40 people on 5 May 2014.\n", encoding="utf-8")
    code, out, err = _check("good.txt", "--diff-base", "nosuchrev")
    assert code == 2 and out == ""
    assert err == "Error: good.txt: --diff-base: 'nosuchrev' is not a commit of the repository holding this file\n"
    assert _check("good.txt", "--diff-base", "HEAD")[0] == 1  # the same run with a real revision


def test_the_rule_list_aligns_its_columns_for_the_longest_name():
    lines = CliRunner().invoke(main, ["rules"]).stdout.splitlines()
    severity_at = {re.search(r"\s(error|warning|info)\s", line).start() for line in lines}
    assert len(severity_at) == 1  # every severity in one column
    assert any("archive-without-original" in line for line in lines)
