"""Readers: one per input format, each turning a source's text into the same Document.

``FORMATS`` names them as ``--input-format`` takes them. The parsers behind the
readers take a tenth of a second to import, so each is imported on first use: a
run pays only for the formats it reads, and the command line reads these names
without importing any of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document


def read_mirror(path: str, text: str) -> Document:
    from .mirror_flat import read_flat_mirror
    from .mirror_wrapped import looks_wrapped, read_wrapped_mirror

    return read_wrapped_mirror(path, text) if looks_wrapped(text) else read_flat_mirror(path, text)


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
