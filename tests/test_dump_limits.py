"""A dump page's size is checked as its text streams in, before the text is held."""

from __future__ import annotations

import bz2
import io
import tracemalloc
from pathlib import Path

from click.testing import CliRunner

from auditor.cli import main
from auditor.dumps.output import ERRORS
from auditor.dumps.pages import Page, PageFilter, TextLimit, read_pages
from support.export_xml import HEADER, ExportPage, page_xml

MiB = 2**20


def _bomb(path: Path, size: int) -> Path:
    """A bz2 dump of three pages, the middle one ``size`` bytes of text, written without holding it."""
    big = page_xml(ExportPage("Huge", "@", 2)).split("@")
    with bz2.open(path, "wb") as out:
        out.write(HEADER.encode() + page_xml(ExportPage("Before", "Text before.", 1)).encode())
        out.write(big[0].encode())
        for _ in range(size // MiB):
            out.write(b"a" * MiB)
        out.write(big[1].encode() + page_xml(ExportPage("After", "Text after.", 3)).encode() + b"</mediawiki>\n")
    return path


def test_a_bz2_page_far_over_the_limit_is_never_held_and_the_others_are_read(tmp_path):
    dump = _bomb(tmp_path / "bomb.xml.bz2", 64 * MiB)
    assert dump.stat().st_size < 4096  # a few kilobytes, as a hostile dump would be
    tracemalloc.start()
    try:
        pages = [p for p in read_pages([dump], PageFilter(), max_bytes=MiB) if isinstance(p, Page)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MiB  # the text alone would be 64 MiB, and its str as much again
    assert [(p.title, p.text, p.stored_size) for p in pages] == [
        ("Before", "Text before.", None),
        ("Huge", "", 64 * MiB),
        ("After", "Text after.", None),
    ]
    assert pages[1].size == 64 * MiB


def test_scan_reports_the_page_as_too_large_and_audits_the_others(tmp_path):
    dump = _bomb(tmp_path / "bomb.xml.bz2", 8 * MiB)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["scan", str(dump), "-o", str(out), "--max-size", "1"])
    assert result.exit_code == 2, result.output  # a page that could not be audited
    errors = (out / ERRORS).read_text()
    assert "Huge" in errors and "page is 8.0 MiB as stored in the dump, not read, over the 1 MiB limit" in errors
    assert "Before" not in errors and "After" not in errors


def test_a_page_over_the_limit_is_reported_even_when_a_category_filter_cannot_see_its_text(tmp_path):
    dump = _bomb(tmp_path / "bomb.xml.bz2", 4 * MiB)
    only = PageFilter(categories=frozenset({"Wars"}))
    pages = [p for p in read_pages([dump], only, max_bytes=MiB) if isinstance(p, Page)]
    assert [(p.title, p.stored_size) for p in pages] == [("Huge", 4 * MiB)]


class _Trickle(io.RawIOBase):
    """A stream that gives at most ``step`` bytes a read: every tag and escape falls across a boundary."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.at = data, step, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.data[self.at : self.at + min(self.step, size if size >= 0 else self.step)]
        self.at += len(chunk)
        return chunk


def _through(data: bytes, limit: int, step: int) -> bytes:
    limited = TextLimit(_Trickle(data, step), limit)  # type: ignore[arg-type]
    return b"".join(iter(lambda: limited.read(5), b""))


def test_texts_within_the_limit_pass_unchanged_however_the_stream_is_cut():
    xml = (
        b'<page><text bytes="9" xml:space="preserve">a &amp; b &lt;c&gt;</text><textual>x</textual>'
        b'<text/><text deleted="deleted" /><text>0123456789</text></page>'
    )
    for step in (1, 2, 3, 7, 64):
        assert _through(xml, 19, step) == xml


def test_a_text_over_the_limit_becomes_a_mark_with_its_size_and_the_rest_is_kept():
    xml = b"<page><text>0123456789</text><title>next</title><text>short</text></page>"
    for step in (1, 4, 64):
        assert _through(xml, 9, step) == b"<page><text>&#xFDD0;10</text><title>next</title><text>short</text></page>"
