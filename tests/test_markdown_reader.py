"""The Markdown reader: front matter and summary fields, footnotes, links as citations, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.document import BlockKind
from auditor.errors import InputError
from auditor.extract.facts import Facts
from auditor.readers.markdown import read_markdown
from conftest import CORPUS

REPORT = """---
title: "Town targeted with airstrikes"
date: 2018-12-17
desc: "45 civilians dead as a result of airstrikes"
image: ../assets/town.png
---

- Location: Zardana (Idlib Governorate, Syria)
- Reported killed: 45 including 7 women and 10 children

On 7 June 2018, **Russian warplanes** carried out two airstrikes on the town, [according to local media](https://example.org/a).
The *Russian Ministry of Defense* denied it.[^1] Nobody else commented.

![](../assets/crater.jpg)

## Sources

1. Local council statement, 8 June 2018
2. Civil Defence report, 9 June 2018

[^1]: Ministry statement, 8 June 2018.
"""


@pytest.fixture(scope="module")
def report():
    return read_markdown("report.md", REPORT)


def test_fields_from_front_matter_and_the_summary_list(report):
    fields = {b.label: report.readable[b.span.start : b.span.end].strip() for b in report.blocks
              if b.kind is BlockKind.INFOBOX_FIELD}  # fmt: skip
    assert fields == {
        "title": "Town targeted with airstrikes",
        "date": "2018-12-17",
        "desc": "45 civilians dead as a result of airstrikes",
        "Location": "Zardana (Idlib Governorate, Syria)",
        "Reported killed": "45 including 7 women and 10 children",
    }
    assert report.title == "Town targeted with airstrikes"


def test_links_footnotes_and_numbered_sources(report):
    keys = [m.key for m in report.markers]
    assert keys == ["link https://example.org/a", "^1"]  # a footnote's key stays apart from the list's "1"
    references = report.references_by_key
    assert references["^1"].text.startswith("Ministry statement")
    assert references["1"].text.startswith("Local council statement")
    assert references["link https://example.org/a"].fields.url == "https://example.org/a"
    assert sorted(r.key for r in report.references) == ["1", "2", "^1", "link https://example.org/a"]


def test_a_footnote_is_a_source_not_a_claim(report):
    footnote = report.references_by_key["^1"].span
    within = [b for b in report.blocks if footnote.start <= b.span.start < footnote.end]
    assert within and all(b.kind is BlockKind.REFERENCE for b in within)


def test_readable_text_keeps_every_offset(report):
    assert len(report.readable) == len(report.text)
    prose = " ".join(report.readable.split())
    assert (
        "On 7 June 2018, Russian warplanes carried out two airstrikes on the town, according to local media ." in prose
    )
    assert "The Russian Ministry of Defense denied it." in prose
    for markup in ("**", "](", "![", "[^1]", "image:"):
        assert markup not in prose
    uncited = [report.readable[s.span.start : s.content_end].strip() for s in report.claim_sentences
               if s.content_end > report.last_citation_end.get(s.block, -1)]  # fmt: skip
    assert "Nobody else commented." in uncited
    assert not any(text.startswith("On 7 June 2018") for text in uncited)


def test_unterminated_front_matter_is_a_clear_error():
    with pytest.raises(InputError, match="front matter opened on line 1 is never closed"):
        read_markdown("broken.md", "---\ntitle: x\n\nSome text that never closes the front matter.\n")


def _markdown_files() -> list[Path]:
    roots = [CORPUS / "reports", CORPUS / "html" / "mirror_markdown"]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.md"))


@pytest.mark.parametrize("path", _markdown_files(), ids=lambda p: p.name)
def test_corpus_reports_and_mirrors_are_read(path):
    text = path.read_text(encoding="utf-8")
    doc = read_markdown(str(path), text)
    assert len(doc.readable) == len(text)
    assert doc.title and doc.claim_sentences
    for marker in doc.markers:
        assert text[marker.span.start : marker.span.end].startswith(("[^", "](", "["))


def test_zardana_summary_counts_reach_the_figure_rules():
    path = CORPUS / "reports" / "syrian_archive" / "Zardana.md"
    if not path.exists():
        pytest.skip("corpus not available")
    doc = read_markdown(str(path), path.read_text(encoding="utf-8"))
    counted = {
        (doc.readable[f.start : f.end], tuple(sorted(f.category))) for f in Facts(doc).figures.figures if f.infobox
    }
    assert {("45", ("dead",)), ("70", ("wounded",))} <= counted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("> - The army lost 500 men.\n", ["The army lost 500 men."]),
        ("> > - Quoted twice.\n>   - Nested deeper.\n", ["Quoted twice.", "Nested deeper."]),
        ("1. First.\n> 2. Second, quoted.\n", ["First.", "Second, quoted."]),
        ("> -5 degrees were recorded.\n", ["-5 degrees were recorded."]),
        ("> 1862 was the year.\n", ["1862 was the year."]),
    ],
)
def test_quote_marks_and_the_list_marker_after_them_are_not_text(text, expected):
    doc = read_markdown("quoted.md", text)
    assert [doc.readable[s.span.start : s.span.end] for s in doc.sentences] == expected
