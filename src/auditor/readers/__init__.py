"""Readers: one per input format, each turning a source's text into the same Document.

``FORMATS`` names them as ``--input-format`` takes them. The parsers behind the
readers take a tenth of a second to import, so each is imported on first use: a
run pays only for the formats it reads, and the command line reads these names
without importing any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from ..text import SURROGATES_NOTE, without_surrogates

if TYPE_CHECKING:
    from ..document import Document, Provenance


def read_mirror(path: str, text: str) -> Document:
    from .mirror_flat import read_flat_mirror
    from .mirror_wrapped import looks_wrapped, read_wrapped_mirror

    return _whole(lambda p, t: read_wrapped_mirror(p, t) if looks_wrapped(t) else read_flat_mirror(p, t), path, text)


def read_wikitext(path: str, text: str, title: str | None = None, provenance: Provenance | None = None) -> Document:
    from .wikitext import read_wikitext

    return _whole(partial(read_wikitext, title=title, provenance=provenance), path, text)


def read_markdown(path: str, text: str) -> Document:
    from .markdown import read_markdown

    return _whole(read_markdown, path, text)


def read_html(path: str, text: str) -> Document:
    from .html import read_html

    return _whole(read_html, path, text)


def _whole(read: Callable[[str, str], Document], path: str, text: str) -> Document:
    """Read any text: lone surrogates (no file holds them, but an API's JSON or a caller's string can) are
    read as U+FFFD, and the document notes it; the text's findings are unaffected."""
    clean, replaced = without_surrogates(text)
    doc = read(path, clean)
    return replace(doc, notes=(*doc.notes, SURROGATES_NOTE)) if replaced else doc


# Each format the tool reads, by the name ``--input-format`` takes.
FORMATS: dict[str, Callable[[str, str], Document]] = {
    "mirror": read_mirror,
    "wikitext": read_wikitext,
    "markdown": read_markdown,
    "html": read_html,
}
