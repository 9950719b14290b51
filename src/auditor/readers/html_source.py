"""Where each element of an HTML file lies, and a readable copy of the file, offset for offset.

BeautifulSoup records where an element's start tag is, not where it ends, and
not where text or entities are. The standard library's HTML tokenizer, which
BeautifulSoup's ``html.parser`` builder is built on, reports the position of
every token: one pass with it gives each element's end and a same-length copy
of the file in which tags, comments and scripts are blanked and each entity is
replaced by its character (padded with spaces), so every offset into the copy
is an offset into the source.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from bs4 import Tag

from ..document import Span

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "template"})
_NOT_NEWLINE = re.compile(r"[^\n]")
_SPACES = frozenset({"\xa0", "\u2009", "\u202f", "\u2002", "\u2003"})  # &nbsp; and its kin read as spaces


class SourceMap(HTMLParser):
    """Element ends by start offset, and the readable copy of an HTML source."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.readable = list(_NOT_NEWLINE.sub(" ", text))
        self.ends: dict[int, int] = {}
        self._open: list[tuple[str, int]] = []
        self._raw = 0
        self.feed(text)
        self.close()
        for _, start in self._open:  # never closed: it runs to the end of the file
            self.ends[start] = len(text)

    def span(self, element: Tag) -> Span:
        """The element from its start tag to the end of its end tag."""
        start = self.start(element)
        return Span(start, self.ends.get(start, start))

    def start(self, element: Tag) -> int:
        line, column = element.sourceline, element.sourcepos
        if line is None or column is None:
            raise ValueError(f"<{element.name}> has no source position")
        return self.line_starts[line - 1] + column

    # --- tokenizer callbacks ---

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        if tag in _VOID:
            self.ends[start] = start + len(self.get_starttag_text() or "")
            return
        self._open.append((tag, start))
        if tag in _RAW_TEXT:
            self._raw += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        self.ends[start] = start + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        end = self.text.find(">", start)
        end = len(self.text) if end == -1 else end + 1
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                for name, opened in self._open[depth + 1 :]:  # closed implicitly, where this end tag starts
                    self.ends[opened] = start
                    self._raw -= name in _RAW_TEXT
                self.ends[self._open[depth][1]] = end
                del self._open[depth:]
                self._raw -= tag in _RAW_TEXT
                return

    def handle_data(self, data: str) -> None:
        if not self._raw:
            start = self._offset()
            self.readable[start : start + len(data)] = data

    def handle_entityref(self, name: str) -> None:
        self._entity("&" + name)

    def handle_charref(self, name: str) -> None:
        self._entity("&#" + name)

    def _entity(self, written: str) -> None:
        if self._raw:
            return
        start = self._offset()
        end = start + len(written) + (self.text.startswith(";", start + len(written)))
        written_out = self.text[start:end]
        character = html.unescape(written_out)
        if len(character) != 1:  # not an entity html knows: keep it as written
            self.readable[start:end] = written_out
        else:
            self.readable[start] = " " if character in _SPACES else character
