"""Turn files into Documents: find them, decode them safely, pick the reader."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .mirror_flat import read_flat_mirror
from .mirror_wrapped import looks_wrapped, read_wrapped_mirror

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_SNIFF = 8192
_SNIFF_TEXT = 65536


def read_mirror(path: str, text: str) -> Document:
    return read_wrapped_mirror(path, text) if looks_wrapped(text) else read_flat_mirror(path, text)


# The parsers behind these readers take a tenth of a second to import: a run pays only for the ones it uses.
def read_wikitext(path: str, text: str) -> Document:
    from .wikitext import read_wikitext

    return read_wikitext(path, text)


def read_markdown(path: str, text: str) -> Document:
    from .markdown import read_markdown

    return read_markdown(path, text)


def read_html(path: str, text: str) -> Document:
    from .html import read_html

    return read_html(path, text)


# Each format the tool reads, by the name ``--input-format`` takes.
FORMATS: dict[str, Callable[[str, str], Document]] = {
    "mirror": read_mirror,
    "wikitext": read_wikitext,
    "markdown": read_markdown,
    "html": read_html,
}
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
_WIKITEXT_SIGNS = (
    re.compile(r"<ref[\s>/]", re.I),
    re.compile(r"\{\{\s*(?:cite|citation|infobox|reflist|sfn)\b", re.I),
    re.compile(r"^==+[^=\n]+==+[ \t]*$", re.M),
    re.compile(r"\[\[[^\]\n|]+(?:\|[^\]\n]*)?\]\]"),
)
_MARKDOWN_SIGNS = (
    re.compile(r"^\[\^[^\]\s]+\]:", re.M),
    re.compile(r"^#{1,6}[ \t]+\S", re.M),
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


@dataclass(frozen=True, slots=True)
class Discovery:
    files: list[tuple[Path, str]]  # (path, how to show it)
    errors: list[InputError]
    skipped: list[str]  # files in a directory that no reader reads


def discover(paths: list[str]) -> Discovery:
    """Expand directories to the files a reader reads; name paths that do not exist."""
    files: list[tuple[Path, str]] = []
    errors: list[InputError] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                shown = _display(found)
                (files.append((found, shown)) if found.suffix.lower() in SUFFIXES else skipped.append(shown))
        elif path.exists():
            files.append((path, _display(path)))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return Discovery(files, errors, skipped)


def _walk(root: Path) -> Iterator[Path]:
    for directory, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(directory) / name


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_document(
    path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES, input_format: str | None = None
) -> Document:
    """Read one file, with the reader ``input_format`` names or the one its name and content call for."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                shown,
                f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit"
                " (raise it with --max-size)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown, error.strerror or str(error)) from None
    if looks_like_dump(path, data[:_SNIFF]):
        raise InputError(shown, "a MediaWiki XML dump or export: audit its pages with 'auditor scan'")
    return read_text(path, shown, decode(data, shown), input_format)


def read_text(path: Path, shown: str, text: str, input_format: str | None = None) -> Document:
    """Read ``text`` as the document at ``path`` would be read (another version of it, say)."""
    chosen = input_format or detect_format(path, text)
    if chosen is None:
        raise InputError(
            shown,
            f"cannot tell the format from the name {path.name!r} or the content;"
            f" name it with --input-format ({', '.join(FORMATS)})",
        )
    return FORMATS[chosen](shown, text)


def decode(data: bytes, shown: str) -> str:
    if not data.strip():
        raise InputError(shown, "file is empty")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(shown, "binary file (it contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            shown, f"not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column}"
        ) from None
