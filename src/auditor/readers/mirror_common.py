"""Pieces both plain-text copy layouts share: reference entries, licence, provenance."""

from __future__ import annotations

import re

from ..document import Provenance, Span
from .builder import DocumentBuilder
from .lines import Line
from .reflist import fold, split_backlinks, strip_stylesheet

# Possessive: "\s*" and "\*?\s*" split a long run of spaces every way before failing (7 s for 20 KB).
_LICENCE_START = re.compile(
    r"^\s*+(?:This article was sourced from Creative Commons"
    r"|\*?\s*Text is available under the Creative[ _]Commons)"
)
_ACCESSED = re.compile(r"accessed from (?P<url>https?://\S+) at (?P<when>.+?)\s*$")
_CC_BY_SA = re.compile(r"Creative[ _]Commons[ _]Attribution[- _]ShareAlike", re.I)


def licence_start(lines: list[Line]) -> int:
    """Index of the first line of trailing licence boilerplate, or ``len(lines)``."""
    for i in range(len(lines) // 2, len(lines)):
        if _LICENCE_START.match(lines[i].text):
            return i
    return len(lines)


def mirror_provenance(text: str, lines: list[Line], body_end: int, publisher: str | None = None) -> Provenance:
    source_url = retrieved = None
    for line in lines[:5]:
        if match := _ACCESSED.search(line.text):
            source_url, retrieved = match["url"], match["when"]
            break
    licence = "CC BY-SA" if _CC_BY_SA.search(text) else None
    return Provenance(source_url=source_url, retrieved=retrieved, publisher=publisher, licence=licence)


def add_reference(b: DocumentBuilder, key: str, span: Span, content_start: int, section: int) -> None:
    """Add one reference-list entry whose text runs from ``content_start`` to the end of ``span``."""
    raw = b.text[content_start : span.end]
    entry = split_backlinks(raw)
    content = Span(content_start + entry.content_offset, span.end)
    text = fold(b.text[content.start : content.end])
    if ".mw-parser-output" in text:  # what the stylesheet starts with; folding folded text changes nothing
        text = fold(strip_stylesheet(text))
    b.reference(key, span, content, text, entry.backlinks, section)
