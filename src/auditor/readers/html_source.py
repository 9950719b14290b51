"""An HTML file parsed once into a BeautifulSoup tree, with where each element ends and a readable copy.

BeautifulSoup records where an element's start tag is, not where it ends, and
not where text or entities are. Its ``html.parser`` builder runs the standard
library's HTML tokenizer, which reports the position of every token; the
builder here listens to the same tokens as they build the tree, so one pass
gives the tree, each element's end, and a same-length copy of the file in
which tags, comments and scripts are blanked and each entity is replaced by
its character (padded with spaces): every offset into the copy is an offset
into the source. The copy is written once, at the end, from the text the
tokens carried: writing each token into a list of characters and joining it
cost a tenth of the parse.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Tag
from bs4.builder import HTMLParserTreeBuilder
from bs4.builder._htmlparser import BeautifulSoupHTMLParser

from ..document import Span
from .masking import spaces

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "template"})
_SPACES = frozenset({"\xa0", "\u2009", "\u202f", "\u2002", "\u2003"})  # &nbsp; and its kin read as spaces


def parse(text: str) -> tuple[BeautifulSoup, SourceMap]:
    """The tree of ``text`` as ``BeautifulSoup(text, "html.parser")`` builds it, and its source map."""
    source = SourceMap(text)
    soup = BeautifulSoup(text, builder=_MappingTreeBuilder(source))
    source.finish()
    return soup, source


class SourceMap:
    """Element ends by start offset, and the readable copy of an HTML source (once ``finish`` has run)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.blanked = spaces(text)  # the source with nothing readable in it
        self.readable = ""
        self._written: list[tuple[int, str]] = []  # readable text by offset, in source order
        self.ends: dict[int, int] = {}
        self._open: list[tuple[str, int]] = []
        self.raw = 0  # how many raw-text elements (script, style, template) are open: no readable text

    def finish(self) -> None:
        for _, start in self._open:  # never closed: it runs to the end of the file
            self.ends[start] = len(self.text)
        self._open = []
        self.readable = overlay(self.blanked, self._written)
        self._written = []

    def span(self, element: Tag) -> Span:
        """The element from its start tag to the end of its end tag."""
        start = self.start(element)
        return Span(start, self.ends.get(start, start))

    def start(self, element: Tag) -> int:
        line, column = element.sourceline, element.sourcepos
        if line is None or column is None:
            raise ValueError(f"<{element.name}> has no source position")
        return self.line_starts[line - 1] + column

    # --- the tokenizer's events, at the offset where each token starts ---

    def start_tag(self, start: int, tag: str) -> None:
        """A start tag that is not void: its element is open until an end tag closes it."""
        self._open.append((tag, start))
        if tag in _RAW_TEXT:
            self.raw += 1

    def empty_tag(self, start: int, written: str) -> None:
        """A void element's start tag, or ``<tag/>``: the element ends where the tag does."""
        self.ends[start] = start + len(written)

    def end_tag(self, start: int, tag: str) -> None:
        end = self.text.find(">", start)
        end = len(self.text) if end == -1 else end + 1
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                for name, opened in self._open[depth + 1 :]:  # closed implicitly, where this end tag starts
                    self.ends[opened] = start
                    self.raw -= name in _RAW_TEXT
                self.ends[self._open[depth][1]] = end
                del self._open[depth:]
                self.raw -= tag in _RAW_TEXT
                return

    def data(self, start: int, data: str) -> None:
        self._written.append((start, data))

    def entity(self, start: int, written: str) -> None:
        if self.raw:
            return
        end = start + len(written) + (self.text.startswith(";", start + len(written)))
        written_out = self.text[start:end]
        character = html.unescape(written_out)
        if len(character) != 1:  # not an entity html knows: keep it as written
            self._written.append((start, written_out))
        else:
            self._written.append((start, " " if character in _SPACES else character))


def overlay(base: str, pieces: list[tuple[int, str]]) -> str:
    """``base`` with each piece written over it at its offset, the pieces in order and apart.

    The tokenizer reports each token where it starts, in source order, and a token's text is the
    source's own: no two pieces overlap. One that did would be written over the one before it.
    """
    out: list[str] = []
    position = 0
    for start, piece in pieces:
        if start < position:  # not expected (see above): write it over what is there, as a list would
            written = list("".join(out))
            written[start : start + len(piece)] = piece
            out, position = ["".join(written)], len(written)
            continue
        out.append(base[position:start])
        out.append(piece)
        position = start + len(piece)
    out.append(base[position:])
    return "".join(out)


class _MappingParser(BeautifulSoupHTMLParser):
    """BeautifulSoup's tokenizer listener, telling the source map each token as it builds the tree.

    BeautifulSoup's own handlers call each other (an empty-element tag is a start and an end; an
    entity is data): the source map hears only the tokenizer's calls, told apart by their arguments.
    """

    def __init__(self, source: SourceMap, soup: BeautifulSoup, *args: object, **kwargs: object) -> None:
        super().__init__(soup, *args, **kwargs)  # type: ignore[arg-type]
        self.source = source
        self._line_starts = source.line_starts
        self._in_entity = False

    # NOTE: the handlers of the commonest tokens work out the offset themselves (the tokenizer's
    # getpos(), as an offset) and call their base class by name: a page is tens of thousands of
    # tokens, and each saves a call and a super().

    def _offset(self) -> int:
        return self._line_starts[self.lineno - 1] + self.offset

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]], handle_empty_element: bool = True) -> None:
        if handle_empty_element:  # the tokenizer's call; BeautifulSoup's own, for ``<tag/>``, passes False
            if tag in _VOID:
                self.source.empty_tag(self._offset(), self.get_starttag_text() or "")
            else:
                self.source.start_tag(self._line_starts[self.lineno - 1] + self.offset, tag)
        BeautifulSoupHTMLParser.handle_starttag(self, tag, attrs, handle_empty_element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.source.empty_tag(self._offset(), self.get_starttag_text() or "")
        super().handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str, check_already_closed: bool = True) -> None:
        if check_already_closed:  # the tokenizer's call, not BeautifulSoup closing an empty element
            self.source.end_tag(self._line_starts[self.lineno - 1] + self.offset, tag)
        BeautifulSoupHTMLParser.handle_endtag(self, tag, check_already_closed)

    def handle_data(self, data: str) -> None:
        if not self._in_entity and not self.source.raw:
            self.source.data(self._line_starts[self.lineno - 1] + self.offset, data)
        BeautifulSoupHTMLParser.handle_data(self, data)

    def handle_entityref(self, name: str) -> None:
        self.source.entity(self._offset(), "&" + name)
        self._in_entity = True
        super().handle_entityref(name)
        self._in_entity = False

    def handle_charref(self, name: str) -> None:
        self.source.entity(self._offset(), "&#" + name)
        self._in_entity = True
        super().handle_charref(name)
        self._in_entity = False


class _MappingTreeBuilder(HTMLParserTreeBuilder):
    """The ``html.parser`` tree builder, feeding its markup through ``_MappingParser``."""

    def __init__(self, source: SourceMap) -> None:
        super().__init__()
        self.source = source

    def feed(self, markup: object) -> None:
        if not isinstance(markup, str) or self.soup is None:
            raise TypeError("the HTML reader parses text")
        args, kwargs = self.parser_args
        parser = _MappingParser(self.source, self.soup, *args, **kwargs)
        parser.feed(markup)  # the tokenizer's AssertionError and ValueError reach the reader as they are
        parser.close()
        parser.already_closed_empty_element = []
