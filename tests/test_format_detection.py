"""Choosing a reader: by extension, by content where the extension does not tell, or as the user says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditor.config.settings import DEFAULT_MAX_BYTES
from auditor.readers.detect import detect_format, sniff
from auditor.readers.files import read_document
from conftest import CORPUS, DATA, SEED

WIKITEXT = (
    "'''Example''' began in 2014.<ref>{{cite web |title=A |url=http://a.example}}</ref>\n\n== Aftermath ==\nMore."
)
MARKDOWN = (
    "---\ntitle: Report\n---\n\n# Report\n\nOn 7 June 2018 strikes hit the town.[^1]\n\n[^1]: Council, 8 June 2018.\n"
)


def test_extension_decides_when_it_names_a_format(tmp_path: Path):
    assert detect_format(Path("a.wikitext"), "plain words") == "wikitext"
    assert detect_format(Path("a.md"), "<html><body>x</body></html>") == "markdown"


def test_txt_and_unknown_extensions_are_read_by_content():
    assert detect_format(Path("article.txt"), WIKITEXT) == "wikitext"
    assert detect_format(Path("saved.page"), (DATA / "footnotes.html").read_text(encoding="utf-8")) == "html"
    assert detect_format(Path("report"), MARKDOWN) == "markdown"
    assert detect_format(Path("copy.txt"), SEED.read_text(encoding="utf-8")) == "mirror"
    assert detect_format(Path("table.csv"), "a,b\n1,2\n") is None


def test_one_sign_is_not_enough():
    assert sniff("The page said [[citation needed]] once.") is None
    assert sniff("# A heading in a plain note\n\nNothing else.") is None


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("== History ==\nSee [[Paris]].", "wikitext"),
        ("See [[Paris]].\n=== Later ===  \n", "wikitext"),
        ("a == b == c\nSee [[Paris]].", None),  # a heading's signs count only where a line starts
        ("# Report\n\n[^1]: A note.", "markdown"),
        ("Text.\n###### Aside\n[^a]: Note.", "markdown"),
        ("Issue # 3 was late.\nSee x[^1]: here.", None),
        ("####### Seven\n[^1]: Note.", None),  # seven hashes open no heading
    ],
)
def test_signs_that_open_a_line_count_only_there(text: str, expected: str | None):
    assert sniff(text) == expected


def test_sniffing_names_every_corpus_file_for_what_it_is():
    expected = {
        "wikitext": "wikitext",
        "reports": "markdown",
        "wikipedia_rendered": "html",
        "mirror_markdown": "markdown",
    }
    checked = 0
    for folder, name in expected.items():
        for path in sorted(CORPUS.rglob(f"{folder}/**/*.*")):
            assert sniff(path.read_text(encoding="utf-8")) == name, path
            checked += 1
    for path in sorted((CORPUS / "html" / "mirror_plaintext").glob("*.txt")):
        assert detect_format(path, path.read_text(encoding="utf-8")) == "mirror", path
        checked += 1
    assert checked >= 53 + 9 + 5 + 5 + 6


def test_input_format_overrides_the_extension(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text((DATA / "battle_of_example.html").read_text(encoding="utf-8"), encoding="utf-8")
    assert read_document(page, "page.txt", DEFAULT_MAX_BYTES).format == "html"
    assert read_document(page, "page.txt", DEFAULT_MAX_BYTES, input_format="mirror").format == "mirror"
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "check", "--input-format", "html", "--format", "json", "page.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert '"format": "html"' in result.stdout
