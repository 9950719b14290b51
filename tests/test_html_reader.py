"""The HTML reader: rendered Wikipedia pages, other pages with footnotes, and spans that map back."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from auditor.config.settings import DEFAULT_MAX_BYTES, load_settings
from auditor.document import BlockKind, Document, RegionKind
from auditor.engine import audit
from auditor.extract.facts import Facts
from auditor.readers.files import read_document
from auditor.readers.html import read_html
from conftest import CORPUS, DATA

PAGE = (DATA / "battle_of_example.html").read_text(encoding="utf-8")
FOOTNOTES = (DATA / "footnotes.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page() -> Document:
    return read_html("page.html", PAGE)


def _slice(doc: Document, span: object) -> str:
    return doc.text[span.start : span.end]  # type: ignore[attr-defined]


def test_spans_map_back_to_the_html_source(page: Document):
    assert len(page.readable) == len(page.text)
    for marker in page.markers:
        assert _slice(page, marker.span).startswith(("<sup", "<span")), marker
        assert _slice(page, marker.span).endswith(("</sup>", "</span>"))
    for reference in page.references:
        assert _slice(page, reference.span).startswith("<li") or reference.key.startswith("empty")
    for block in page.blocks:
        assert _slice(page, block.span).startswith(("<p", "<li", "<td")) or block.label == "empty 1", block
    assert [_slice(page, tag.span)[:4] for tag in page.tags] == ["<sup", "<sup"]


def test_readable_copy_keeps_text_and_drops_markup(page: Document):
    first = page.blocks[next(i for i, b in enumerate(page.blocks) if b.kind is BlockKind.PARAGRAPH)]
    words = " ".join(page.readable[first.span.start : first.span.end].split())
    assert words == "The Battle of Example began on 3 January 2014 in AT& T Park. About 1,500 people died."
    ampersand = page.text.index("&amp;")
    assert page.readable[ampersand : ampersand + 5] == "&    "  # an entity's character, padded to its length
    assert "10,000 killed" not in page.readable  # a script is not text
    assert "x+1" not in page.readable  # hidden MathML


def test_wikipedia_citation_structure(page: Document):
    assert page.title == "Battle of Example"
    assert [(m.key, page.blocks[m.block].kind) for m in page.markers] == [
        ("1", BlockKind.INFOBOX_FIELD),
        ("1", BlockKind.PARAGRAPH),
        ("2", BlockKind.PARAGRAPH),
        ("3", BlockKind.PARAGRAPH),
        ("empty 1", BlockKind.LIST_ITEM),
    ]
    references = page.references_by_key
    assert set(references) == {"1", "2", "empty 1"}  # "3" is MediaWiki's "never defined" error
    assert references["1"].backlinks == 2 and references["2"].backlinks == 1
    assert references["2"].empty and references["empty 1"].empty
    fields = references["1"].fields
    assert fields.title == "Fighting erupts" and fields.publisher == "Example News"
    assert fields.url == "http://news.example.com/battle"
    assert fields.archive_url == "https://web.archive.org/web/20140110000000/http://news.example.com/battle"
    assert (fields.date, fields.access_date, fields.archive_date) == (
        "5 January 2014",
        "6 January 2014",
        "10 January 2014",
    )
    assert [t.name for t in page.tags] == ["citation needed", "dead link"]


def test_infobox_rows_become_labelled_fields(page: Document):
    fields = [(b.label, " ".join(page.readable[b.span.start : b.span.end].split())) for b in page.blocks
              if b.kind is BlockKind.INFOBOX_FIELD]  # fmt: skip
    assert fields == [
        ("Date", "3 January 2014 – 4 March 2014"),
        ("Casualties and losses", "1,200 killed"),
        ("Casualties and losses", "300 killed"),
    ]


def test_sections_lists_and_regions(page: Document):
    assert [s.title for s in page.sections] == ["Battle of Example", "Aftermath", "References"]
    items = [" ".join(page.readable[b.span.start : b.span.end].split()) for b in page.blocks
             if b.kind is BlockKind.LIST_ITEM]  # fmt: skip
    assert items == ["Talks began in April 2014.", "They failed in May."]  # a nested list is its own item
    assert RegionKind.HATNOTE in {r.kind for r in page.regions}
    assert page.provenance.source_url == "https://en.wikipedia.org/wiki/Battle_of_Example"
    assert (page.provenance.retrieved, page.provenance.licence) == ("21 January 2016", "CC BY-SA")


def test_rules_see_the_cite_errors_as_findings(page: Document):
    findings = audit(Facts(page), load_settings().rules)
    by_rule = {(f.rule, f.line) for f in findings}
    line = page.text[: page.text.index("cite_ref-gone")].count("\n") + 1
    assert ("dangling-citation", line) in by_rule
    assert sum(f.rule == "empty-footnote" for f in findings) == 2
    assert any(f.rule == "citation-needed" for f in findings)


def test_generic_footnotes_and_links():
    doc = read_html("report.html", FOOTNOTES)
    assert doc.title == "Market bombing"
    keys = [m.key for m in sorted(doc.markers, key=lambda m: m.span.start)]
    assert keys == ["1", "link https://example.org/video", "2"]
    assert doc.references_by_key["1"].text == "Local council statement, 8 June 2018."
    assert doc.references_by_key["1"].backlinks == 1
    assert "2" not in doc.references_by_key  # points at an id the page lacks


def test_plain_page_without_footnotes_has_claims_and_no_citations():
    doc = read_html("plain.html", "<html><body><div>Troops entered the city on 3 May 2015.</div></body></html>")
    assert len(doc.sentences) == 1 and not doc.markers and not doc.references


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9], ids=lambda c: f"truncated-at-{int(c * 100)}%")
def test_truncated_html_is_read_without_error(cut: float):
    text = PAGE[: int(len(PAGE) * cut)]
    doc = read_html("cut.html", text)
    assert len(doc.readable) == len(text)
    for block in doc.blocks:
        assert 0 <= block.span.start < block.span.end <= len(text)
    audit(Facts(doc), load_settings().rules)


def test_unbalanced_and_stray_markup():
    text = "<html><body><p>Fighting resumed on 2 May.</b></i><p>Talks <div>collapsed</p> in June.</span></body>"
    doc = read_html("stray.html", text)
    assert "Fighting resumed on 2 May." in " ".join(doc.readable.split())
    audit(Facts(doc), load_settings().rules)


RENDERED = sorted((CORPUS / "html" / "wikipedia_rendered").glob("*.html"))
# SOURCES.md counts: sup.reference (including {{rp}} page numbers, which hold no link), list entries, tags.
EXPECTED = {
    "Mozilla": (76, 0, 72, 2),
    "New_Zealand": (445, 0, 379, 0),
    "Hermitian_matrix": (8, 2, 5, 1),
    "List_of_films_featuring_time_loops": (82, 1, 80, 0),
    "t-distributed_stochastic_neighbor_embedding": (13, 0, 12, 0),
}


@pytest.mark.skipif(not RENDERED, reason="shared corpus not present")
@pytest.mark.parametrize("path", RENDERED, ids=lambda p: p.name.split(".")[0])
def test_rendered_corpus_counts_match_sources(path: Path):
    sups, page_numbers, entries, needed = EXPECTED[path.name.split(".")[0]]
    doc = read_document(path, path.name, DEFAULT_MAX_BYTES)
    assert len(doc.markers) == sups - page_numbers
    assert len(doc.references) == entries
    assert sum(t.name == "citation needed" for t in doc.tags) == needed
    assert all(m.key in doc.references_by_key for m in doc.markers)  # a rendered page has no dangling marker
    assert all(doc.text[r.span.start : r.span.start + 3] == "<li" for r in doc.references)
    marker_text = [html.unescape(re.sub(r"<[^>]+>", "", doc.text[m.span.start : m.span.end])) for m in doc.markers]
    assert all(f"[{m.key}]" == shown for m, shown in zip(doc.markers, marker_text, strict=True))


def test_deeply_nested_page_is_read():
    text = "<html><body>" + "<div>" * 5000 + "<p>Troops entered on 3 May 2015.</p>" + "</div>" * 5000 + "</body></html>"
    doc = read_html("deep.html", text)
    assert [" ".join(doc.readable[s.span.start : s.span.end].split()) for s in doc.sentences] == [
        "Troops entered on 3 May 2015."
    ]
