"""The offset-keeping wikitext tree against mwparserfromhell's own: same nodes, same text, exact offsets.

The tree reads mwparserfromhell's token stream (a pinned interface): these tests fail when a release
changes what the tokens mean, before any reader output can drift.
"""

from __future__ import annotations

from pathlib import Path

import mwparserfromhell
import pytest
from mwparserfromhell import nodes as mw
from mwparserfromhell.parser import tokens
from mwparserfromhell.parser._tokenizer import CTokenizer

from auditor.readers import read_wikitext, wikitree

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikitext"

SNIPPETS = [
    "Plain text only.",
    "a ''x'' '''b''' '''''c''''' d",
    "{{cite web|url=http://x.org|title=T|date=1 May 2001}} {{sfn|Smith|2001|p=5}}",
    "{{a|{{b|c=d|e}}|f = g |=h}}",
    "{{{arg}}} {{{arg|default}}}",
    "[[Target]] [[Target|label ''it'']] [[File:x.jpg|thumb|a [[b]] caption]]",
    "[http://x.org] [http://x.org title here] http://bare.org/a and [//proto.rel t]",
    "&amp; &#160; &#x2013; &nbsp;",
    "== H ==\n=== H3 ===\n==Uneven===\n",
    "<!-- hidden --> text <!-- unclosed",
    "<ref name=\"a b\" group=note>x</ref> <ref name='c'/> <ref name = d >y</ref> <ref foo>z</ref> <br> <br/>",
    "</ref> <span style=color:red>x</span> <references />",
    "{| class=wikitable\n|+ cap\n|-\n! h !! g\n| c || d\n|-\n| style=x | e\n|}\n",
    "* a\n** b\n# c\n; d : e\n----\n",
    "<ref>never closed\n\n{{cite web|title=broken\n== H ==\n[[no end\n",
    "{{" * 50 + "x",
    "<nowiki>{{x}}</nowiki> <math>a<b</math> <pre>p</pre>",
    "<ref\nname=x>raw</ref>",
]


def _corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.wikitext"))]


def _same(expected, code: wikitree.Code) -> None:
    """``expected`` (mwparserfromhell's Wikicode) and ``code`` hold the same nodes with the same text."""
    assert str(expected) == code.source[code.start : code.end]
    assert len(expected.nodes) == len(code.nodes)
    for theirs, ours in zip(expected.nodes, code.nodes, strict=True):
        assert str(theirs) == str(ours)
        if isinstance(theirs, mw.Template):
            assert isinstance(ours, wikitree.Template)
            _same(theirs.name, ours.name)
            assert [(str(p.name), p.showkey) for p in theirs.params] == [(p.name, p.showkey) for p in ours.params]
            for param, mine in zip(theirs.params, ours.params, strict=True):
                _same(param.value, mine.value)
        elif isinstance(theirs, mw.Tag):
            assert isinstance(ours, wikitree.Tag)
            assert str(theirs.tag) == ours.tag
            assert [(str(a.name), None if a.value is None else str(a.value)) for a in theirs.attributes] == (
                ours.attributes
            )
            if theirs.self_closing:
                assert ours.self_closing and ours.contents is None
            else:
                _same(theirs.contents, ours.contents)
                assert ours.opening == ours.contents.start
        elif isinstance(theirs, mw.Wikilink):
            _same(theirs.title, ours.title)
            assert (theirs.text is None) == (ours.text is None)
            if theirs.text is not None:
                _same(theirs.text, ours.text)
        elif isinstance(theirs, mw.ExternalLink):
            _same(theirs.url, ours.url)
            assert theirs.brackets == ours.brackets
            if theirs.title is not None:
                _same(theirs.title, ours.title)
        elif isinstance(theirs, mw.Heading):
            assert theirs.level == ours.level
            _same(theirs.title, ours.title)
        elif isinstance(theirs, mw.HTMLEntity):
            assert theirs.normalize() == ours.normalize()
        elif isinstance(theirs, mw.Text):
            assert theirs.value == ours.value
        else:
            assert type(theirs).__name__ == {wikitree.Comment: "Comment", wikitree.Argument: "Argument"}[type(ours)]


@pytest.mark.parametrize("text", SNIPPETS)
@pytest.mark.parametrize("style", [True, False], ids=["skip-style", "style"])
def test_tree_matches_mwparserfromhell(text, style):
    _same(mwparserfromhell.parse(text, skip_style_tags=style), wikitree.parse(text, skip_style_tags=style))


def test_tree_matches_mwparserfromhell_on_the_corpus():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("corpus not found")
    for text in texts:
        _same(mwparserfromhell.parse(text, skip_style_tags=True), wikitree.parse(text))


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_lazily_built_tree_is_the_same_tree(text):
    lazy = wikitree.parse_lazily(text)
    assert not isinstance(lazy.nodes, list)  # built as it is read
    _same(mwparserfromhell.parse(text, skip_style_tags=True), wikitree.Code(text, 0, len(text), list(lazy.nodes)))


def test_the_lazily_built_tree_of_the_corpus_is_the_same_tree():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("corpus not found")
    for text in texts:
        lazy = wikitree.parse_lazily(text)
        _same(mwparserfromhell.parse(text, skip_style_tags=True), wikitree.Code(text, 0, len(text), list(lazy.nodes)))


def test_every_offset_is_the_source_of_its_node():
    text = "Lead {{cite web|title=[[A|b]]}} <ref name=x>{{sfn|S|1}}</ref> [http://x.org t]"

    def check(code: wikitree.Code) -> int:
        count = 0
        position = code.start
        for node in code.nodes:
            assert node.start == position  # siblings tile their parent with no gap
            assert node.source is text
            position = node.end
            count += 1
            for child in (getattr(node, name, None) for name in ("name", "title", "text", "url", "contents")):
                if isinstance(child, wikitree.Code):
                    count += check(child)
            for param in getattr(node, "params", ()):
                count += check(param.value)
        assert position == code.end
        return count

    root = wikitree.parse(text)
    assert (root.start, root.end) == (0, len(text))
    assert check(root) > 10


def test_a_nul_does_not_end_the_text():
    """The C tokenizer stops at a NUL; the tree reads past it, offsets unchanged."""
    text = "Before\x00after {{cite web|title=T}} end."
    root = wikitree.parse(text)
    assert (root.start, root.end) == (0, len(text))
    assert [type(node).__name__ for node in root.nodes] == ["Text", "Template", "Text"]
    assert str(root.nodes[1]) == "{{cite web|title=T}}"
    doc = read_wikitext("nul.wikitext", "Rebels lost 40 fighters.\x00<ref>A source.</ref> More text.")
    assert [r.text for r in doc.references] == ["A source."]


def test_the_tokenizer_interface_the_tree_reads():
    """The token types and fields the tree relies on, as this mwparserfromhell release emits them."""
    stream = CTokenizer().tokenize("{{a|b=c}}<ref name='x'>y</ref>&#x2013;[http://z t]\n{|\n| c\n|}", 0, True)
    kinds = [type(token) for token in stream]
    assert kinds[:7] == [
        tokens.TemplateOpen, tokens.Text, tokens.TemplateParamSeparator, tokens.Text, tokens.TemplateParamEquals,
        tokens.Text, tokens.TemplateClose,
    ]  # fmt: skip
    attribute = next(token for token in stream if type(token) is tokens.TagAttrStart)
    assert {"pad_first", "pad_before_eq", "pad_after_eq"} <= attribute.keys()
    assert next(token for token in stream if type(token) is tokens.TagAttrQuote)["char"] == "'"
    assert next(token for token in stream if type(token) is tokens.HTMLEntityHex)["char"] == "x"
    assert next(token for token in stream if type(token) is tokens.ExternalLinkOpen)["brackets"] is True
    table = [token for token in stream if type(token) is tokens.TagOpenOpen and token.get("wiki_markup")]
    assert [token["wiki_markup"] for token in table] == ["{|", "|"]


def test_a_layout_the_tree_misreads_is_an_error_not_wrong_offsets(monkeypatch):
    monkeypatch.setattr(wikitree, "_HANDLERS", {**wikitree._HANDLERS, tokens.TemplateOpen: _short_template})
    with pytest.raises(ValueError, match="ends at"):
        wikitree.parse("{{a}}")
    with pytest.raises(ValueError, match="ends at"):
        list(wikitree.parse_lazily("{{a}}").nodes)


def _short_template(builder, token):
    node = wikitree._Builder.template(builder, token)
    builder.position -= 1
    return node


def test_reading_pauses_the_collector_and_restores_it():
    import gc

    from auditor.readers.collector import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # a reader inside a reader leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a reader's failure")
    assert gc.isenabled()
