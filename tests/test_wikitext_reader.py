"""The wikitext reader: citation structure, infobox fields, offsets that map back, and bad markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.document import BlockKind
from auditor.text import close_up
from conftest import CORPUS, wikitext

ARTICLE = """{{Infobox military conflict
| conflict    = Battle of the Town
| date        = {{Start date|1864|7|30}}
| image       = [[File:Town.jpg|300px]]
| casualties1 = 3,798 total<br/>504 killed<br />1,881 wounded<ref name=nps>Park Service, 2009</ref>
| latd        = 37
}}
The '''Battle of the Town''' was fought on [[July 30]], 1864.<ref name="a">{{cite web |url=http://example.org/a \
|title=The battle |work=The Times |date=31 July 1864 |access-date=2 May 2015}}</ref> <!-- a hidden remark -->
It cost [[Union (American Civil War)|Union]] forces 3,798 men.<ref name=nps/>{{sfn|Smith|2001|p=5}}

== Aftermath ==
* The siege went on.{{citation needed|date=May 2016}}
* Grant lost patience.<ref group=note>A note.</ref> <nowiki>[[not a link]]</nowiki>
The town fell on 2 April 1865.<ref
name="late">Late report</ref> Nobody recorded the dead.<ref name=late/>{{dead link}}

== References ==
{{reflist|refs=
<ref name="listed">A list-defined source</ref>
}}
"""


@pytest.fixture(scope="module")
def article():
    return wikitext(ARTICLE, "Battle_of_the_Town.wikitext")


def test_markers_references_and_tags(article):
    keys = [m.key for m in article.markers]
    assert keys == ["nps", "a", "nps", "sfn: Smith 2001, p. 5", "note #1", "late", "late"]
    for marker in article.markers:
        assert article.text[marker.span.start : marker.span.end].startswith(("<ref", "{{sfn"))
    references = article.references_by_key
    assert set(references) == {"nps", "a", "sfn: Smith 2001, p. 5", "note #1", "late", "listed"}
    fields = references["a"].fields
    assert (fields.title, fields.publisher, fields.date, fields.access_date) == (
        "The battle", "The Times", "31 July 1864", "2 May 2015"
    )  # fmt: skip
    assert references["note #1"].group == "note"
    assert [t.name for t in article.tags] == ["citation needed", "dead link"]


def test_infobox_fields_and_readable_text(article):
    fields = {b.label: b for b in article.blocks if b.kind is BlockKind.INFOBOX_FIELD}
    assert set(fields) == {"date", "casualties1"}  # the box's name, image and coordinates are not claims
    date = fields["date"].span
    assert article.readable[date.start : date.end].strip() == "30 July 1864"
    casualties = fields["casualties1"].span
    lines = [line.strip() for line in article.readable[casualties.start : casualties.end].split("\n")]
    assert lines[:3] == ["3,798 total", "504 killed", "1,881 wounded"]
    prose = re.sub(r" (?=[,.])", "", " ".join(article.readable.split()))  # a link's blanked ]] before a comma
    assert "The Battle of the Town was fought on July 30, 1864." in prose
    assert "It cost Union forces 3,798 men." in prose
    for hidden in ("hidden remark", "not a link", "cite web", "Park Service", "300px"):
        assert hidden not in prose


def test_a_links_trail_reads_as_part_of_its_text():
    text = "[[pig]]s, [[pig|swine]]ish, [[cat]] s, [[élan]]é and {{quote|[[dog]]s bark}} and [[dog]]s.\n"
    readable = wikitext(text).readable
    assert len(readable) == len(text)
    assert readable.index("pigs") == text.index("pig")  # the link's text keeps its place
    prose = close_up(readable)
    assert prose.startswith("pigs, swineish, cat s, élan é and ")  # MediaWiki's English trail: a-z, at once
    assert prose.endswith(" and dogs.")
    assert "dogs bark" not in prose  # a quotation template prints its own text, not its parameter's link


def test_sections_blocks_and_navigation(article):
    assert [s.title for s in article.sections] == ["Battle of the Town", "Aftermath", "References"]
    kinds = [b.kind for b in article.blocks if b.kind is not BlockKind.INFOBOX_FIELD]
    assert kinds.count(BlockKind.LIST_ITEM) == 2
    assert all(m.block >= 0 for m in article.markers)


def test_every_span_maps_back_to_the_source(article):
    assert len(article.readable) == len(article.text)
    for block in article.blocks:
        visible = article.readable[block.span.start : block.span.end]
        source = article.text[block.span.start : block.span.end]
        # Every character a reader sees is the source's own, or printed by a template in its span.
        for offset, char in enumerate(visible):
            if not char.isspace() and char != source[offset]:
                assert "{{" in article.text[: block.span.start + offset + 1]


# --- the corpus ----------------------------------------------------------------------------------


def _sources_rows() -> dict[str, tuple[int, ...]]:
    """Per article: <ref> tags, with content, reuses, {{citation needed}}, dangling names (SOURCES.md)."""
    path = CORPUS / "SOURCES.md"
    if not path.exists():
        pytest.skip("corpus not available")
    pattern = r"\| `(\S+\.wikitext)` \| [^|]+ \| (\d+) \((\d+)/(\d+)\) \| (\d+) \| \d+ \| [^|]+ \| \d+ \| \d+ \| (\d+)"
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := re.match(pattern, line):
            rows[match[1]] = tuple(int(x) for x in match.groups()[1:])
    return rows


def _articles() -> list[Path]:
    return sorted((CORPUS / "wikitext").rglob("*.wikitext")) if (CORPUS / "wikitext").exists() else []


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_corpus_counts_agree_with_the_sources_table(path):
    """SOURCES.md counted with regular expressions, comments stripped; the reader agrees on every article."""
    from auditor.readers.wikitext import read_wikitext

    text = path.read_text(encoding="utf-8")
    doc = read_wikitext(str(path), text)
    assert len(doc.readable) == len(text)
    cited = [m for m in doc.markers if text[m.span.start : m.span.start + 4].lower() == "<ref"]
    spans = {m.span for m in cited}
    listed = [
        r for r in doc.references if r.span not in spans and text[r.span.start : r.span.start + 4].lower() == "<ref"
    ]
    reuses = sum(1 for m in cited if text[m.span.end - 2 : m.span.end] == "/>")
    total = len(cited) + len(listed)
    defined = {r.key for r in doc.references}
    dangling = {m.key for m in doc.markers if m.key not in defined}
    cn = sum(1 for t in doc.tags if t.name == "citation needed")
    assert (total, total - reuses, reuses, cn, len(dangling)) == _sources_rows()[path.name]
    for marker in doc.markers:
        assert text[marker.span.start : marker.span.end][:2] in ("<r", "<R", "{{")


@pytest.mark.parametrize(
    "text",
    [
        "Rebels lost 40 fighters.<ref name=x>never closed\n\nMore text {{cite web|title=broken\n== H ==\n[[no end\n",
        "Text " + "{{a|" * 5000 + "x" + "}}" * 5000,
        "{{" * 20000,
        "<ref>" * 3000 + "</ref>" * 10,
        "{| class=wikitable\n| cell <ref>A</ref>\n|-\n| 5,000 killed\n",  # a table never closed
    ],
    ids=["unclosed-ref", "deep-templates", "open-braces", "many-open-refs", "open-table"],
)
def test_malformed_wikitext_is_read_without_error(text):
    # How its time grows with size is tests/test_linear_time.py's to tell, never a wall-clock limit here.
    doc = wikitext(text)
    assert len(doc.readable) == len(doc.text)


def _paragraphs(text: str) -> list[str]:
    doc = wikitext(text)
    return [" ".join(doc.slice(b.span).split()) for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]


LINES = [f"Paragraph {n} says that the town fell in the year {1900 + n}." for n in range(32)]


def test_a_long_text_without_blank_lines_has_a_paragraph_a_line():
    lines = list(LINES)
    lines[3] = "The fort fell.<ref>{{cite web\n |url=http://a.example/\n |title=A}}</ref> It was rebuilt."
    paragraphs = _paragraphs("\n".join(lines))
    assert len(paragraphs) == 32
    assert paragraphs[3].startswith("The fort fell.<ref>") and paragraphs[3].endswith("It was rebuilt.")
    assert wikitext("\n".join(lines)).notes == ("lost-blank-lines",)


def test_single_line_breaks_inside_paragraphs_join_them_as_mediawiki_does():
    separated = "\n\n".join("\n".join(LINES[i : i + 4]) for i in range(0, 32, 4))
    assert len(_paragraphs(separated)) == 8
    assert wikitext(separated).notes == ()
    short = "\n".join(LINES[:6])  # a fragment: too short to tell
    assert len(_paragraphs(short)) == 1
    cited = "The fort fell.<ref>{{cite web\n |url=http://a.example/\n |title=A}}</ref> It was rebuilt.\n\nLater."
    assert _paragraphs(cited)[0].endswith("It was rebuilt.")  # a ref's lines do not end its paragraph


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII [[a|b]] &amp; {{ndash}} end.",  # widened from one byte a character by the dash it prints
        "Café [[a|b]] &#x1F600; {{ndash}} end.",  # from one byte to four, by the entity
        "Ωmega [[a|b]] &#x1F600; end.",  # from two bytes to four
        "Face 😀 [[a|b]] {{ndash}} lone \udc80 end.",  # four bytes from the start
    ],
)
def test_the_readable_copy_keeps_every_offset_whatever_its_characters(text):
    doc = wikitext(text, "wide.wikitext")
    readable = doc.readable
    assert len(readable) == len(text)
    start = text.index("[[a|b]]")
    assert readable[start : start + 7] == "    b  "
    assert readable[: text.index(" ")] == text[: text.index(" ")]
    assert readable.endswith(" end.")
    if "&#x1F600;" in text:
        entity = text.index("&#x1F600;")
        assert readable[entity : entity + 9] == "😀" + " " * 8
    if "{{ndash}}" in text:
        dash = text.index("{{ndash}}")
        assert readable[dash : dash + 9] == "–" + " " * 8
