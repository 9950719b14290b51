"""The HTML reader's one parse: the tree is BeautifulSoup's html.parser tree, and one walk finds what the
CSS selectors it replaces find."""

from __future__ import annotations

import gc

import pytest
from bs4 import BeautifulSoup, Tag

from auditor.readers.html import read_html
from auditor.readers.html_classes import PageElements, is_footnote_marker
from auditor.readers.html_source import overlay, parse
from conftest import CORPUS, DATA

PAGES = sorted(DATA.glob("*.html")) + sorted((CORPUS / "html" / "wikipedia_rendered").glob("*.html"))
# Markup the tokenizer and the tree builder handle in their own ways: void and self-closed elements, an
# empty element closed again, entities known and unknown, raw text, CDATA, a comment, unclosed elements.
ODD = (
    "<!DOCTYPE html><html><head><title>T &amp; U</title><style>p{}</style><script>if (a<b) {}</script></head>"
    "<body><div class=mw-parser-output><p>a&nbsp;b &#8211; &#x2014; &bogus; &amp c<br/><br></br><img src=x>"
    "<![CDATA[x]]><!-- note --><sup class=reference><a href='#n1'>[1]</a></sup>"
    "<ul><li>one<li>two</ul><section class=footnotes><ol><li id=n1>note<span class=mw-cite-backlink>"
    "<sup><a href='#r1'>^</a></sup></span></ol></section><div style='display: none'>x</div><nav>n</nav>"
    "<sup class='Inline-Template'>[dead link]</sup><table><tr><td>cell"
)

_SELECTORS = {
    "hidden": (
        "script, style, noscript, template, link, meta, .mw-editsection, .mw-empty-elt, .shortdescription,"
        " .metadata, .ambox, .mbox-small, .sistersitebox, .thumb, .gallery, .mw-cite-backlink, .citation-comment,"
        " .catlinks, .printfooter, sup.reference, a.footnote-back, a[role=doc-backlink], .mw-ext-cite-error,"
        " .geo-default, .geo-nondefault, .geo-multi-punct, #coordinates"
    ),
    "markers": "sup.reference, a.footnote-ref, a[role=doc-noteref], sup a[href*='#']",
    "cite_errors": ".mw-ext-cite-error",
    "reference_lists": "ol.references, section.footnotes ol, div.footnotes ol, [role=doc-endnotes] ol, ol.footnotes",
    "tag_sups": "sup.Inline-Template, sup.Template-Fact",
}
_FOOTNOTE_MARKERS = "sup.reference, a.footnote-ref, a[role=doc-noteref]"
_REGIONS = (
    ".toc, #toc, .toclimit-2, .toclimit-3, .toclimit-4",
    ".hatnote, .dablink, .rellink",
    ".navbox, .vertical-navbox, .sidebar, .navbox-styles, nav",
)


def _texts() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in PAGES] + [("odd", ODD)]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda value: value if len(value) < 80 else "")
def test_tree_is_beautifulsoups_html_parser_tree(name: str, text: str):
    soup, source = parse(text)
    expected = BeautifulSoup(text, "html.parser")
    assert str(soup) == str(expected)
    positions = [(t.name, t.sourceline, t.sourcepos) for t in soup.find_all(True)]
    assert positions == [(t.name, t.sourceline, t.sourcepos) for t in expected.find_all(True)]
    assert len(source.readable) == len(text)
    for tag in soup.find_all(True):
        span = source.span(tag)
        assert text[span.start : span.end].lower().startswith("<" + tag.name), (name, tag.name)
        assert span.end > span.start


def test_readable_copy_of_odd_markup():
    _, source = parse(ODD)
    readable = "".join(source.readable)
    start = ODD.index("a&nbsp;b")
    written = "a&nbsp;b &#8211; &#x2014; &bogus; &amp c"
    # each entity's character, padded to the entity's length; an entity html does not know, as written
    expected = "a" + " " * 6 + "b " + "–" + " " * 6 + " " + "—" + " " * 7 + " &bogus; " + "&" + " " * 3 + " c"
    assert readable[start : start + len(written)] == expected
    assert "if (a" not in readable and "p{}" not in readable and "note -->" not in readable
    td = ODD.index("<td>")
    assert source.ends[td] == len(ODD)  # never closed: runs to the end


def _written_one_by_one(base: str, pieces: list[tuple[int, str]]) -> str:
    characters = list(base)
    for start, piece in pieces:
        characters[start : start + len(piece)] = piece
    return "".join(characters)


@pytest.mark.parametrize(
    "pieces",
    [
        [],
        [(0, "ab"), (4, "c"), (6, "de")],  # in order and apart, as the tokenizer reports them
        [(2, "abc"), (7, "d"), (3, "X")],  # one over another's middle
        [(5, "abc"), (0, "XYZ"), (6, "Q")],  # one before the rest
        [(0, "a"), (1, "b"), (2, "c")],  # touching
        [(0, "abc"), (2, "defg")],  # one running on past the one before it
    ],
)
def test_overlay_writes_each_piece_as_writing_it_into_the_characters_would(pieces):
    base = "    \n    "
    assert overlay(base, pieces) == _written_one_by_one(base, pieces)


@pytest.mark.parametrize(("name", "text"), _texts(), ids=lambda value: value if len(value) < 80 else "")
def test_one_walk_finds_what_the_selectors_find(name: str, text: str):
    soup = BeautifulSoup(text, "html.parser")
    page = PageElements(soup)
    root = page.root
    for field, selector in _SELECTORS.items():
        assert [id(e) for e in getattr(page, field)] == [id(e) for e in root.select(selector)], (name, field)
    assert [[id(e) for e in found] for _, found in page.regions] == [
        [id(e) for e in root.select(selector)] for selector in _REGIONS
    ]
    assert [id(e) for e in page.not_shown] == [
        id(e) for e in root.find_all(style=True) if "display" in str(e["style"]) and "none" in str(e["style"])
    ]
    assert page.ids == {str(e["id"]): e for e in soup.find_all(id=True)}
    for keys, selector in (
        ((".mw-parser-output", "#mw-content-text"), ".mw-parser-output, #mw-content-text"),
        (("<h1",), "h1#firstHeading, h1"),
        (("#footer-info-lastmod", "#footer-info"), "#footer-info-lastmod, #footer-info"),
    ):
        assert page.first(*keys) is soup.select_one(selector), (name, selector)
    assert page.first("<link rel=canonical") is soup.find("link", rel="canonical")
    for item in soup.find_all("li"):
        for class_ in ("mw-ext-cite-error", "reference-text", "mw-cite-backlink"):
            assert page.find(item, class_) is item.find(class_=class_), (name, class_)
        assert list(map(id, page.find_all(item, "#id"))) == list(map(id, item.find_all(id=True)))
        assert list(map(id, page.find_all(item, "a[href]"))) == list(map(id, item.find_all("a", href=True)))
    for marker in page.markers:
        assert page.in_backlink(marker) == (marker.find_parent(class_="mw-cite-backlink") is not None)
        for element in (marker, marker.parent):
            if isinstance(element, Tag):
                assert is_footnote_marker(element) == element.css.match(
                    "sup.reference, a.footnote-ref, a[role=doc-noteref]"
                )


def test_root_is_the_first_content_container():
    soup = BeautifulSoup("<body><main><p>x</p></main><article><p>y</p></article></body>", "html.parser")
    assert PageElements(soup).root.name == "article"  # by the containers' rank, not their order on the page
    bare = BeautifulSoup("<p>x</p>", "html.parser")
    assert PageElements(bare).root is bare  # no container: the whole page


def test_reading_frees_the_tree_without_the_cyclic_collector():
    text = (DATA / "parity.html").read_text(encoding="utf-8")
    read_html("parity.html", text)  # anything made once, on first use, made before counting
    gc.collect()
    gc.disable()
    try:
        read_html("parity.html", text)
        left_by_reading = gc.collect()
        BeautifulSoup(text, "html.parser")
        left_by_a_parse = gc.collect()
    finally:
        gc.enable()
    assert left_by_a_parse > 300  # the tree dropped, as cyclic garbage
    assert left_by_reading < left_by_a_parse / 10  # the reader's own tree freed as it finished
