"""Bad input gets one clear line each, and never stops the other files of a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

GOOD = "The town fell on 3 May 2014.[1]\n\n  1. ^ Rebels take the town Reuters 4 May 2014\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "binary.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (it contains NUL bytes), not a text document",
        ),
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n", "file is empty"),
        ("latin1.txt", "Caf\u00e9 au lait.\n".encode("latin-1"), "not valid UTF-8: byte 0xe9 at line 1, column 4"),
    ],
)
def test_unreadable_file_beside_a_good_one(tmp_path: Path, good: Path, name: str, content: bytes, expected: str):
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("check", name, "good.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    assert _error_lines(result) == [f"auditor: error: {name}: {expected}"]
    output = json.loads(result.stdout)
    assert [f["path"] for f in output["files"]] == ["good.txt"]
    assert output["errors"] == [{"path": name, "message": expected}]


def test_missing_path(tmp_path: Path, good: Path):
    result = run("check", "nowhere.txt", "good.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _error_lines(result) == ["auditor: error: nowhere.txt: no such file or directory"]
    assert result.stdout.startswith("0 findings in 1 file")


def test_only_bad_input_exits_2_with_nothing_checked(tmp_path: Path):
    result = run("check", "nowhere.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "0 findings in 0 files" in result.stdout


def test_enormous_file_is_refused_with_the_limit(tmp_path: Path, good: Path):
    big = tmp_path / "big.txt"
    line = "The town fell on 3 May 2014 and nothing more was heard of it for a long time.\n"
    big.write_text(line * (50 * 2**20 // len(line) + 1), encoding="utf-8")
    result = run("check", "big.txt", "good.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _error_lines(result) == [
        "auditor: error: big.txt: file is 50.0 MiB, over the 16 MiB limit (raise it with --max-size)"
    ]
    assert result.stdout.startswith("0 findings in 1 file")


def test_directory_with_mixed_files(tmp_path: Path):
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nested" / "b.txt").write_text(GOOD.replace("Reuters 4 May 2014", ""), encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\x00")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    result = run("check", "articles", "--format", "json", cwd=tmp_path)
    output = json.loads(result.stdout)
    assert result.returncode == 2
    assert [f["path"] for f in output["files"]] == ["articles/a.txt", "articles/nested/b.txt"]
    assert sorted(output["skipped"]) == ["articles/image.png", "articles/notes.csv"]
    assert output["errors"] == [
        {"path": "articles/broken.txt", "message": "binary file (it contains NUL bytes), not a text document"}
    ]
    assert output["summary"]["findings_by_rule"] == {}


def test_unsupported_file_named_explicitly(tmp_path: Path, good: Path):
    (tmp_path / "table.csv").write_text("a,b\n", encoding="utf-8")
    result = run("check", "table.csv", "good.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert _error_lines(result) == [
        "auditor: error: table.csv: cannot tell the format from the name 'table.csv' or the content;"
        " name it with --input-format (mirror, wikitext, markdown, html)"
    ]


def test_clean_file_exits_0(tmp_path: Path, good: Path):
    result = run("check", "good.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("0 findings in 1 file")


def test_findings_exit_1_in_the_documented_text_format(tmp_path: Path):
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_bytes())
    result = run("check", "seed.txt", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("seed.txt:12:1: CIT005 [info] unsourced-claim: Unsourced claim states a date or event")
