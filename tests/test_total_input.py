"""Any text is read and audited: inputs that crashed a reader or a rule, each with its case."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config.settings import load_settings
from auditor.engine import audit_document
from auditor.extract.facts import Facts
from auditor.readers import FORMATS
from auditor.report import FileReport
from auditor.text import without_surrogates


def _audit(input_format: str, text: str) -> FileReport:
    report = audit_document(Facts(FORMATS[input_format]("doc", text)), load_settings())
    assert isinstance(report, FileReport), report
    return report


# --- lone surrogates --------------------------------------------------------------------------------------

_SURROGATE_TEXTS = {
    "mirror": "Title\nTitle\n\nThe town \ud800 fell on 3 May 2014.[1]\n\n  1. ^ http://a.example/\udfff Reuters\n",
    "wikitext": "The town \ud800 fell on 3 May 2014.<ref>{{cite web |url=http://a.example/\udc80 |title=A}}</ref>\n",
    "markdown": "# T\n\nThe town \ud800 fell on 3 May 2014.[^1]\n\n[^1]: <http://a.example/\udfff>\n",
    "html": '<p>The town \ud800 fell on 3 May 2014.<sup class="reference"><a href="#cite_note-1">[1]</a></sup></p>'
    '<ol class="references"><li id="cite_note-1"><a href="http://a.example/\ud800">A</a></li></ol>',
}


@pytest.mark.parametrize("input_format", sorted(_SURROGATE_TEXTS))
def test_lone_surrogates_are_read_as_replacement_characters_with_a_note(input_format):
    report = _audit(input_format, _SURROGATE_TEXTS[input_format])
    assert "lone-surrogates-replaced" in report.notes
    assert report.facts is None or "\ud800" not in report.facts.doc.text
    for finding in report.findings:
        finding.message.encode("utf-8")
        finding.excerpt.encode("utf-8")
    clean = _audit(input_format, _SURROGATE_TEXTS[input_format].translate(dict.fromkeys(range(55296, 57344), "�")))
    assert [f.rule for f in report.findings] == [f.rule for f in clean.findings]  # a note, never a finding
    assert "lone-surrogates-replaced" not in clean.notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("café 😀 – plain", ("café 😀 – plain", 0)),
        ("a \ud83d\ude00 pair", ("a \ufffd\ufffd pair", 2)),  # two code points, not one character: both
        ("\udfff", ("\ufffd", 1)),
        ("", ("", 0)),
    ],
)
def test_surrogates_are_replaced_one_character_for_one(text: str, expected: tuple[str, int]):
    assert without_surrogates(text) == expected


def test_an_entity_naming_a_surrogate_is_read_as_a_replacement_character():
    doc = FORMATS["wikitext"]("doc", "A &#xD800; claim.<ref>&#xDFFF; Reuters</ref>\n")
    assert "\ufffd" in doc.readable and doc.references[0].text == "\ufffd Reuters"


def test_a_surrogate_keeps_every_offset():
    doc = FORMATS["wikitext"]("doc", "A \ud800 claim that 40 people died on 3 May 2014.\n")
    assert doc.text == "A \ufffd claim that 40 people died on 3 May 2014.\n"


def test_a_live_article_with_surrogates_in_its_wikitext_is_read(monkeypatch):
    from auditor import api
    from auditor.archive.articles import parse_article_spec
    from auditor.archive.mediawiki import Revision

    found = Revision("en.wikipedia.org", "T", 1, "2024-01-01T00:00:00Z", "The town \ud800 fell in 2014.\n")
    monkeypatch.setattr("auditor.archive.mediawiki.fetch_revision", lambda *args: found)
    doc = api._fetch(None, parse_article_spec("en:T"), api.FetchOptions())  # type: ignore[arg-type]
    assert "lone-surrogates-replaced" in doc.notes and "\ud800" not in doc.text


# --- dates past the calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fighting lasted from 2 January 2014 – ongoing (10000 years).\n",
        "The siege ran from 2 January 2014 to 5 March 2014 (8000 years).\n",
    ],
)
def test_date_arithmetic_past_the_calendar_is_bounded(text):
    for input_format in ("wikitext", "mirror"):
        _audit(input_format, text if input_format == "wikitext" else f"Title\nTitle\n\n{text}")


def test_a_duration_in_range_is_still_checked():
    report = _audit("wikitext", "The siege ran from 2 January 2014 to 5 March 2014 (8 years).\n")
    assert [f.rule for f in report.findings if f.rule == "duration-mismatch"] == ["duration-mismatch"]


# --- reader crashes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\nTitle\nTitle", "\n\nTitle\nTitle\n", " \nTitle\nTitle\n"])
def test_a_mirror_whose_title_line_repeats_with_nothing_else_is_read(text):
    doc = FORMATS["mirror"]("doc", text)
    assert doc.title == "Title" and doc.provenance.publisher is None


def test_a_mirror_with_a_site_line_above_the_title_still_names_it():
    doc = FORMATS["mirror"]("doc", "Site name\n\nTitle\nTitle\n\nThe town fell.\n")
    assert doc.provenance.publisher == "Site name"


def test_markdown_with_carriage_return_line_endings_is_read_like_newlines():
    text = "# Title\rThe town fell on 3 May 2014.[^1]\r\rIt was retaken.\r\r[^1]: Reuters, 4 May 2014\r"
    doc = FORMATS["markdown"]("doc", text)
    expected = FORMATS["markdown"]("doc", text.replace("\r", "\n"))
    assert doc.title == "Title"
    assert [b.span for b in doc.blocks] == [b.span for b in expected.blocks]
    assert [r.key for r in doc.references] == ["^1"] and doc.line_col(doc.blocks[1].span.start) == (4, 1)


def test_markdown_keeps_windows_line_endings_as_they_were():
    text = "# Title\r\n\r\nThe town fell.\r\n"
    assert FORMATS["markdown"]("doc", text).text == text


@pytest.mark.parametrize("depth", [1, 2, 20, 25, 60, 96])
def test_markdown_quotes_nested_deep_are_read(depth):
    doc = FORMATS["markdown"]("doc", "# T\n\n" + "> " * depth + "The raid killed 40 people on 3 May 2014.\n")
    assert [doc.readable[b.span.start : b.span.end].strip() for b in doc.blocks] == [
        "The raid killed 40 people on 3 May 2014."
    ]


def test_markdown_nested_past_what_can_be_read_is_one_error_line(tmp_path):
    path = tmp_path / "deep.md"
    path.write_text("# T\n\n" + ">" * 5000 + " text\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "deep.md: line 3: quotes nested more than 96 deep cannot be read" in result.stderr


def test_reference_numbers_past_9999_are_references_not_prose():
    text = (
        "Title\nTitle\n\nThe town fell on 3 May 2014.[10000] It was retaken.[2]\n\n"
        "  2. ^ Rebels take the town Reuters 4 May 2014\n  10000. ^ The town again Reuters 5 May 2014\n"
    )
    doc = FORMATS["mirror"]("doc", text)
    assert [r.key for r in doc.references] == ["2", "10000"] and sorted(m.key for m in doc.markers) == ["10000", "2"]
    assert [b.kind.value for b in doc.blocks] == ["paragraph", "reference", "reference"]


# --- output names, exit codes -----------------------------------------------------------------------------


def test_report_names_past_255_bytes_are_shortened_and_kept_apart(tmp_path):
    long = "é" * 125  # 250 bytes: with ".md" a file name the system takes; with ".html", one it refuses
    for name in (f"{long}ab.md", f"{long}ac.md"):
        (tmp_path / name).write_text("# T\n\nThe town fell on 3 May 2014.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--no-archive", "-o", str(tmp_path / "out")])
    assert result.exit_code in (0, 1), result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(written) == 6 and all(len(name.encode()) <= 255 for name in written)
    assert len({name.rsplit(".", 1)[0] for name in written}) == 2
    assert all(name.startswith(long[:50]) for name in written)


def test_an_internal_error_exits_2_with_one_line_never_1(tmp_path, monkeypatch):
    path = tmp_path / "a.wikitext"
    path.write_text("The town fell on 3 May 2014.\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise KeyError("defect")

    monkeypatch.setattr("auditor.reporters.run.json_format.render", broken)
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2 and "internal error: KeyError: 'defect'" in result.stderr
