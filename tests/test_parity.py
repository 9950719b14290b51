"""One article, read as wikitext and as the HTML MediaWiki renders from it, has one citation structure."""

from __future__ import annotations

import pytest

from auditor.config.settings import load_settings
from auditor.document import Document
from auditor.engine import audit
from auditor.extract.facts import Facts
from auditor.readers.html import read_html
from auditor.readers.wikitext import read_wikitext
from conftest import DATA


@pytest.fixture(scope="module")
def both() -> tuple[Document, Document]:
    wikitext = read_wikitext("parity.wikitext", (DATA / "parity.wikitext").read_text(encoding="utf-8"))
    html = read_html("parity.html", (DATA / "parity.html").read_text(encoding="utf-8"))
    return wikitext, html


def _words(doc: Document, start: int, end: int) -> str:
    return " ".join(doc.readable[start:end].split())


def _citations(doc: Document) -> list[tuple[str, object]]:
    """Each cited claim with what cites it: the source's rank by first citation, "empty" or "nowhere"."""
    ranks: dict[str, int] = {}
    found = []
    for marker in sorted(doc.markers, key=lambda m: m.span.start):
        sentence = doc.sentence_at(marker.span.start) or doc.sentence_before(marker.span.start, marker.block)
        assert sentence is not None
        reference = doc.references_by_key.get(marker.key)
        if reference is None:
            cites: object = "nowhere"
        elif reference.empty:
            cites = "empty"
        else:
            cites = ranks.setdefault(marker.key, len(ranks) + 1)
        found.append((_words(doc, sentence.span.start, sentence.span.end), cites))
    return found


def test_same_claims(both: tuple[Document, Document]):
    claims = [[(_words(d, s.span.start, s.span.end), d.blocks[s.block].kind) for s in d.claim_sentences] for d in both]
    assert claims[0] == claims[1]
    assert len(claims[0]) == 9


def test_same_citations_tags_and_sources(both: tuple[Document, Document]):
    wikitext, html = both
    assert _citations(wikitext) == _citations(html)
    assert [c for _, c in _citations(html)] == [1, 1, 2, "nowhere", 3, "empty"]
    tags = [[(t.name, _words(d, *d.sentence_before(t.span.start, t.block).span)) for t in d.tags] for d in both]
    assert tags[0] == tags[1] == [("citation needed", "About 1,500 people died in the first week of fighting.")]
    sources = [
        [(f.title, f.publisher, f.date, f.url, f.access_date) for f in (r.fields for r in d.references if not r.empty)]
        for d in both
    ]
    assert sorted(sources[0], key=str) == sorted(sources[1], key=str)
    assert (
        "Fighting erupts",
        "Example News",
        "5 January 2014",
        "http://news.example.com/battle",
        "6 January 2014",
    ) in (sources[1])


def test_same_findings(both: tuple[Document, Document]):
    rules = load_settings().rules
    findings = [sorted((f.rule, f.excerpt) for f in audit(Facts(d), rules)) for d in both]
    assert findings[0] == findings[1]
    assert {rule for rule, _ in findings[0]} == {
        "unsourced-claim",
        "citation-needed",
        "dangling-citation",
        "empty-footnote",
    }
