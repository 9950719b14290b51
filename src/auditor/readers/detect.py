"""Which format a file holds: by its name, else by what its content shows."""

from __future__ import annotations

import re
from pathlib import Path

_SNIFF_TEXT = 65536  # characters of a file its format is told by

SUFFIXES = {
    ".txt": "mirror",
    ".wikitext": "wikitext",
    ".wiki": "wikitext",
    ".mediawiki": "wikitext",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
# NOTE: a sign that stands at a line's start opens with its first characters and looks back for the line
# start: opened with "^", a multi-line pattern is tried at every position of the 64 KiB, ten times slower.
_WIKITEXT_SIGNS = (
    re.compile(r"<ref[\s>/]", re.I),
    re.compile(r"\{\{\s*(?:cite|citation|infobox|reflist|sfn)\b", re.I),
    re.compile(r"==(?<=^==)=*[^=\n]+==+[ \t]*$", re.M),
    re.compile(r"\[\[[^\]\n|]+(?:\|[^\]\n]*)?\]\]"),
)
_MARKDOWN_SIGNS = (
    re.compile(r"\[\^(?<=^\[\^)[^\]\s]+\]:", re.M),
    re.compile(r"#(?<=^#)#{0,5}[ \t]+\S", re.M),
    re.compile(r"\]\((?:https?://|/|#)[^)\s]*\)"),
    re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*:.*\n)+---[ \t]*\n"),
)


def looks_like_html(text: str) -> bool:
    """Whether a file without a telling extension holds HTML: a doctype or an ``<html>`` root."""
    head = text[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text[:_SNIFF_TEXT].lower())


def sniff(text: str) -> str | None:
    """The format the content shows, on two or more signs of it (one could be chance), else None."""
    if looks_like_html(text):
        return "html"
    head = text[:_SNIFF_TEXT]
    if sum(1 for sign in _WIKITEXT_SIGNS if sign.search(head)) >= 2:
        return "wikitext"
    if sum(1 for sign in _MARKDOWN_SIGNS if sign.search(head)) >= 2:
        return "markdown"
    return None


BZ2_MAGIC = b"BZh"
GZIP_MAGIC = b"\x1f\x8b"


def looks_like_dump(path: Path, head: bytes) -> bool:
    """Whether a file's first bytes are a MediaWiki XML export's, or a compressed one's."""
    if head.startswith((BZ2_MAGIC, GZIP_MAGIC)):
        return path.name.lower().endswith((".xml.bz2", ".xml.gz"))
    return b"<mediawiki" in head[:4096]


def detect_format(path: Path, text: str) -> str | None:
    """The extension decides, except ``.txt`` (any copy is saved as one) and unknown ones: there the
    content does, and a ``.txt`` that shows no other format is a plain-text copy."""
    by_name = SUFFIXES.get(path.suffix.lower())
    if by_name is not None and by_name != "mirror":
        return by_name
    return sniff(text) or by_name
