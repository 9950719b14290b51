"""Wikitext as a tree whose every node knows its offsets, read in one pass over mwparserfromhell's tokens.

mwparserfromhell's C tokenizer is fast; the Python tree it builds from the tokens is not (it costs five
times the tokenizing), and its nodes carry no positions, so a reader walking them must measure every
subtree again to find where it stands. This builder reads the same token stream and keeps the offset
of everything as it goes: each token stands for a known piece of the source (``{{`` is two characters,
a tag's padding is in the token), so the offsets come out exact, and ``str(node)`` is the source slice.

NOTE: the token layout read here is mwparserfromhell's (``parser/tokens.py``, ``parser/builder.py``):
the version is pinned in pyproject.toml, and tests/test_wikitree.py checks every node against the
library's own tree on the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html.entities import name2codepoint

from mwparserfromhell.parser import tokens as t
from mwparserfromhell.parser._tokenizer import CTokenizer


class Node:
    """A piece of the source: ``source[start:end]`` is exactly its text.

    NOTE: subclasses set the three fields themselves: a call to ``super().__init__`` for each of the
    hundred thousand nodes of a long article cost a tenth of building the tree.
    """

    __slots__ = ("end", "source", "start")

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source = source
        self.start = start
        self.end = end

    def __str__(self) -> str:
        return self.source[self.start : self.end]


class Code(Node):
    """A run of nodes: an article, a template's value, a tag's contents. ``nodes`` is a list, but for the
    article :func:`parse_lazily` gives, whose nodes are built as they are read, once."""

    __slots__ = ("nodes",)

    def __init__(self, source: str, start: int, end: int, nodes: Iterable[Node]) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.nodes = nodes


class Text(Node):
    __slots__ = ("value",)

    def __init__(self, source: str, start: int, end: int, value: str) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.value = value


class Comment(Node):
    __slots__ = ()


class Argument(Node):
    __slots__ = ()


class Entity(Node):
    __slots__ = ("hexadecimal", "named", "value")

    def __init__(self, source: str, start: int, end: int, value: str, named: bool, hexadecimal: bool) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.value = value
        self.named = named
        self.hexadecimal = hexadecimal

    def normalize(self) -> str:
        """The character the entity stands for."""
        if self.named:
            return chr(name2codepoint[self.value])
        return chr(int(self.value, 16 if self.hexadecimal else 10))


class Heading(Node):
    __slots__ = ("level", "title")

    def __init__(self, source: str, start: int, end: int, level: int, title: Code) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.level = level
        self.title = title


class Wikilink(Node):
    __slots__ = ("text", "title")

    def __init__(self, source: str, start: int, end: int, title: Code, text: Code | None) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.title = title
        self.text = text


class ExternalLink(Node):
    __slots__ = ("brackets", "title", "url")

    def __init__(self, source: str, start: int, end: int, url: Code, title: Code | None, brackets: bool) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.url = url
        self.title = title
        self.brackets = brackets


class Parameter:
    """A template's parameter: ``name`` is as written (``"1"``, ``"2"`` ... for positional ones)."""

    __slots__ = ("name", "showkey", "value")

    def __init__(self, name: str, value: Code, showkey: bool) -> None:
        self.name = name
        self.value = value
        self.showkey = showkey


class Template(Node):
    __slots__ = ("name", "params")

    def __init__(self, source: str, start: int, end: int, name: Code, params: list[Parameter]) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.name = name
        self.params = params

    def has(self, name: str) -> bool:
        return any(param.name.strip() == name for param in self.params)

    def get(self, name: str) -> Parameter:
        """The last parameter of that name, the one MediaWiki reads."""
        for param in reversed(self.params):
            if param.name.strip() == name:
                return param
        raise ValueError(name)


class Tag(Node):
    """An HTML or wiki-markup tag. ``tag`` is its name; ``contents`` runs from ``opening`` (the offset
    after the opening tag) and is None for a self-closing one; ``attributes`` map name to value as written."""

    __slots__ = ("attributes", "contents", "opening", "self_closing", "tag", "wiki_markup")

    def __init__(
        self,
        source: str,
        start: int,
        end: int,
        tag: str,
        attributes: list[tuple[str, str | None]],
        contents: Code | None,
        opening: int,
        self_closing: bool,
        wiki_markup: str | None,
    ) -> None:
        self.source = source
        self.start = start
        self.end = end
        self.tag = tag
        self.attributes = attributes
        self.contents = contents
        self.opening = opening
        self.self_closing = self_closing
        self.wiki_markup = wiki_markup

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attributes)

    def get(self, name: str) -> str:
        """The value of the last attribute of that name, the one MediaWiki reads ("" when it has none)."""
        for key, value in reversed(self.attributes):
            if key == name:
                return value or ""
        raise ValueError(name)


def parse(source: str, skip_style_tags: bool = True) -> Code:
    """The tree of ``source``, every node with its offsets (a NUL read as U+FFFD)."""
    return _builder(source, skip_style_tags).build()


def parse_lazily(source: str, skip_style_tags: bool = True) -> Code:
    """The tree :func:`parse` gives, but each top-level node built only when the walk reaches it: a reader
    done with one before it reads the next never holds the whole tree of a long text, and the tokens a
    node is built from are dropped as it is built."""
    builder = _builder(source, skip_style_tags)
    return Code(builder.source, 0, len(builder.source), builder.nodes())


def _builder(source: str, skip_style_tags: bool) -> _Builder:
    # NOTE: the C tokenizer takes a NUL for the end of the text and drops the rest; a replacement of the same
    # length keeps every offset and lets it read on.
    if "\x00" in source:
        source = source.replace("\x00", "\ufffd")
    tokens = CTokenizer().tokenize(source, 0, skip_style_tags)
    tokens.reverse()
    return _Builder(source, tokens)


class _Builder:
    """mwparserfromhell's Builder, keeping the offset of each token in the source as it reads it."""

    def __init__(self, source: str, tokens: list) -> None:
        self.source = source
        self.tokens = tokens
        self.position = 0

    def build(self) -> Code:
        code, _ = self.code(())
        if self.position != len(self.source):  # the tokens did not cover the source: a layout we misread
            raise ValueError(f"wikitext tree ends at {self.position} of {len(self.source)}")
        return code

    def nodes(self) -> Iterator[Node]:
        """The top-level nodes, as :meth:`build` gives them, one at a time."""
        source = self.source
        tokens = self.tokens
        position = 0
        while tokens:
            token = tokens.pop()
            if type(token) is t.Text:
                value = token["text"]
                end = position + len(value)
                yield Text(source, position, end, value)
                position = end
            else:
                self.position = position
                yield _HANDLERS[type(token)](self, token)
                position = self.position
        if position != len(source):  # the tokens did not cover the source: a layout we misread
            raise ValueError(f"wikitext tree ends at {position} of {len(source)}")

    def code(self, stop: tuple[type, ...]) -> tuple[Code, dict | None]:
        """Nodes up to the next token of a ``stop`` type, which is popped and returned with them (with
        no ``stop``, up to the end of the tokens)."""
        source = self.source
        start = position = self.position
        nodes = []
        tokens = self.tokens
        while tokens:
            token = tokens.pop()
            kind = type(token)
            if kind is t.Text:  # most tokens: read here, without a call
                value = token["text"]
                end = position + len(value)
                nodes.append(Text(source, position, end, value))
                position = end
            elif kind in stop:
                self.position = position
                return Code(source, start, position, nodes), token
            else:
                self.position = position
                nodes.append(_HANDLERS[kind](self, token))
                position = self.position
        if stop:
            raise ValueError("wikitext tokens end inside a node")
        self.position = position
        return Code(source, start, position, nodes), None

    def template(self, token: dict) -> Template:
        start = self.position
        self.position += 2
        name, token = self.code((t.TemplateParamSeparator, t.TemplateClose))
        params = []
        default = 1
        while type(token) is t.TemplateParamSeparator:
            self.position += 1
            value, token = self.code((t.TemplateParamEquals, t.TemplateParamSeparator, t.TemplateClose))
            if type(token) is t.TemplateParamEquals:
                key = str(value)
                self.position += 1
                value, token = self.code((t.TemplateParamSeparator, t.TemplateClose))
                params.append(Parameter(key, value, True))
            else:
                params.append(Parameter(str(default), value, False))
                default += 1
        self.position += 2
        return Template(self.source, start, self.position, name, params)

    def argument(self, token: dict) -> Argument:
        start = self.position
        self.position += 3
        _, token = self.code((t.ArgumentSeparator, t.ArgumentClose))
        if type(token) is t.ArgumentSeparator:
            self.position += 1
            self.code((t.ArgumentClose,))
        self.position += 3
        return Argument(self.source, start, self.position)

    def wikilink(self, token: dict) -> Wikilink:
        start = self.position
        self.position += 2
        title, token = self.code((t.WikilinkSeparator, t.WikilinkClose))
        text = None
        if type(token) is t.WikilinkSeparator:
            self.position += 1
            text, _ = self.code((t.WikilinkClose,))
        self.position += 2
        return Wikilink(self.source, start, self.position, title, text)

    def external_link(self, token: dict) -> ExternalLink:
        start = self.position
        brackets = bool(token.get("brackets"))
        self.position += brackets
        url, token = self.code((t.ExternalLinkSeparator, t.ExternalLinkClose))
        title = None
        if type(token) is t.ExternalLinkSeparator:
            self.position += 0 if token.get("suppress_space") is True else 1
            title, _ = self.code((t.ExternalLinkClose,))
        self.position += brackets
        return ExternalLink(self.source, start, self.position, url, title, brackets)

    def entity(self, token: dict) -> Entity:
        start = self.position
        token = self.tokens.pop()
        named, hexadecimal = True, False
        if type(token) is t.HTMLEntityNumeric:
            named = False
            token = self.tokens.pop()
            if type(token) is t.HTMLEntityHex:
                hexadecimal = True
                marker = token["char"]
                token = self.tokens.pop()
                self.position += len(marker)
            self.position += 1  # the "#"
        self.tokens.pop()  # HTMLEntityEnd
        value = token["text"]
        self.position += 2 + len(value)  # "&" and ";"
        return Entity(self.source, start, self.position, value, named, hexadecimal)

    def heading(self, token: dict) -> Heading:
        start = self.position
        level = token["level"]
        self.position += level
        title, _ = self.code((t.HeadingEnd,))
        self.position += level
        return Heading(self.source, start, self.position, level, title)

    def comment(self, token: dict) -> Comment:
        start = self.position
        self.position += 4
        self.code((t.CommentEnd,))
        self.position += 3
        return Comment(self.source, start, self.position)

    def tag(self, token: dict) -> Tag:
        start = self.position
        wiki_markup = token.get("wiki_markup")
        invalid = bool(token.get("invalid"))
        # A wiki-markup tag ({| ... |}, '' ... '') has a name in its tokens that is not in the source.
        self.position += len(wiki_markup) if wiki_markup else 1 + invalid
        name_start = self.position
        name, token = self.code((t.TagAttrStart, t.TagCloseOpen, t.TagCloseSelfclose))
        if wiki_markup:
            self.position = name_start
        attributes = []
        while type(token) is t.TagAttrStart:
            attribute, token = self.attribute(token)
            attributes.append(attribute)
        padding = len(token.get("padding") or "")
        if type(token) is t.TagCloseSelfclose:
            self.position += padding + (0 if wiki_markup else 1 if token.get("implicit") else 2)
            return Tag(self.source, start, self.position, str(name) if not wiki_markup else _text(name), attributes,
                       None, self.position, True, wiki_markup)  # fmt: skip
        self.position += padding + (len(token.get("wiki_markup") or "") if wiki_markup else 1)
        opening = self.position
        contents, token = self.code((t.TagOpenClose,))
        closing_markup = token.get("wiki_markup")  # None: the opening's ('' ... '')
        self.position += len(wiki_markup if closing_markup is None else closing_markup) if wiki_markup else 2
        closing_start = self.position
        self.code((t.TagCloseClose,))
        if wiki_markup:
            self.position = closing_start
        else:
            self.position += 1
        tag = _text(name) if wiki_markup else str(name)
        return Tag(self.source, start, self.position, tag, attributes, contents, opening, False, wiki_markup)

    def attribute(self, token: dict) -> tuple[tuple[str, str | None], dict]:
        """One attribute (from its TagAttrStart) and the token that ends it."""
        self.position += len(token.get("pad_first") or "")
        pad_before = len(token.get("pad_before_eq") or "")
        pad_after = len(token.get("pad_after_eq") or "")
        ends = (t.TagAttrStart, t.TagCloseOpen, t.TagCloseSelfclose)
        name, token = self.code((t.TagAttrEquals, *ends))
        self.position += pad_before
        if type(token) is not t.TagAttrEquals:
            return (str(name), None), token
        self.position += 1 + pad_after
        quote = ""
        if type(self.tokens[-1]) is t.TagAttrQuote:
            quote = self.tokens.pop()["char"]
            self.position += len(quote)
        value, token = self.code(ends)
        self.position += len(quote)
        return (str(name), str(value)), token


def _text(code: Code) -> str:
    """What a run of nodes says, for the names of wiki-markup tags, which are not in the source."""
    return "".join(node.value for node in code.nodes if isinstance(node, Text))


_HANDLERS = {
    t.TemplateOpen: _Builder.template,
    t.ArgumentOpen: _Builder.argument,
    t.WikilinkOpen: _Builder.wikilink,
    t.ExternalLinkOpen: _Builder.external_link,
    t.HTMLEntityStart: _Builder.entity,
    t.HeadingStart: _Builder.heading,
    t.CommentStart: _Builder.comment,
    t.TagOpenOpen: _Builder.tag,
}
