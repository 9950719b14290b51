"""Wikitext, tokenized by mwparserfromhell, into the same Document every reader produces.

The tree walked here (``wikitree``) is built from mwparserfromhell's token stream in one pass that
keeps every node's offsets into the file, so nothing is measured twice.

What a reader sees goes into a same-length copy of the source (``readable``):
markup is blanked to spaces and templates that print text (dates,
conversions, flags, plain lists) print it into their own span, padded with
spaces, so every offset still points into the original file. References,
markers, editors' tags and infobox fields are recorded with their spans:

- ``<ref>`` with content defines a reference; ``<ref name=x/>`` only cites one
  (a reuse is not an empty footnote); refs inside ``{{reflist|refs=}}`` and
  ``<references>`` are list-defined; groups keep their own numbering;
- short citations (``{{sfn}}``, ``{{harvnb}}`` ...) are markers whose footnote
  they make themselves; ``{{efn}}`` notes are a group of their own;
- ``{{citation needed}}`` and its redirects, ``{{dead link}}`` become tags;
- an infobox's parameters become fields, its ``<br>`` lines become lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..document import BlockKind, Document, Provenance, ReferenceFields, ReferenceProblem, RegionKind, Span
from ..text import without_surrogates
from .builder import DocumentBuilder
from .canvas import Canvas
from .collector import collector_paused
from .labels import states_no_fact
from .masking import BlockLocator
from .templates import CITATION_NEEDED, DEAD_LINK, OTHER_TAGS
from .wikitree import (
    Argument,
    Code,
    Comment,
    Entity,
    ExternalLink,
    Heading,
    Node,
    Parameter,
    Tag,
    Template,
    Text,
    Wikilink,
    parse,
    parse_lazily,
)

SHORT_CITATIONS = frozenset({"sfn", "sfnp", "sfnm", "harvnb", "harv", "harvp", "harvtxt", "harvcoltxt", "sfnref"})
NOTE_TEMPLATES = frozenset({"efn", "efn-ua", "efn-lr", "efn-ur", "efn-la", "refn", "note", "ran"})
REFERENCE_LISTS = frozenset(
    {"reflist", "references", "refs", "notelist", "notelist-ua", "notelist-lr", "reference list", "notes"}
)
_TRANSPARENT = frozenset(
    {"plainlist", "plain list", "unbulleted list", "ubl", "flatlist", "hlist", "nowrap", "nobr", "small", "smaller",
     "big", "center", "centre", "noitalic", "nobold", "resize", "tooltip", "abbr", "vanchor", "anchor"}
)  # fmt: skip
_MONTHS = "January February March April May June July August September October November December".split()
_CITE_FIELDS = {
    "title": ("title", "chapter", "script-title", "trans-title"),
    "publisher": ("work", "website", "newspaper", "journal", "magazine", "publisher", "agency", "periodical"),
    "date": ("date", "year", "publication-date"),
    "url": ("url", "chapter-url"),
    "archive_url": ("archive-url", "archiveurl"),
    "access_date": ("access-date", "accessdate"),
    "archive_date": ("archive-date", "archivedate"),
}
# The parameters that name a work by identifier, as CS1 spells them; the checks read them as written.
_IDENTIFIER_PARAMS = frozenset(
    {"isbn", "issn", "eissn", "ismn", "doi", "pmid", "pmc", "arxiv", "eprint", "oclc", "lccn"}
)
# Infobox parameters that place, picture or style the box rather than state a fact.
_NOT_A_CLAIM = re.compile(
    r"(?i)(?:image|caption|map|pushpin|alt|logo|flag|seal|coat|blank|coor|lat|long|coordinates|grid|"
    r"campaignbox|footnotes?|website|url|signature|module|embed|width|size|style|color|colour|name|conflict)"
)
# Letters right after a link's "]]" are part of its text, as MediaWiki's link trail for English has it.
_LINK_TRAIL = re.compile(r"[a-z]+")
# Parameters that qualify another one (``population_as_of``, ``area_magnitude``, ``casualties_ref``): what
# they say belongs to that field's fact, and states none of its own.
_QUALIFIER = re.compile(r"(?i).+[_ ](?:as[_ ]of|magnitude|footnotes?|refs?|notes?|display|link)$")
_STYLE = re.compile(r"'{2,}")
_REF_HINT = re.compile(r"<ref", re.IGNORECASE).search  # a ref the parser left as text
_HIDDEN_CODE = re.compile(r"<!--.*?(?:-->|$)|</?nowiki\s*/?>", re.DOTALL | re.IGNORECASE)
_RAW_OPEN = re.compile(r"<ref(?P<attributes>\s[^<>]*?)?(?P<closed>/)?>", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)
_LIST_LINE = re.compile(r"[*#:;]+[ \t]*")
_BLANK_LINE = re.compile(r"^[ \t]*$", re.M)
_LONG_TEXT = 30  # lines: a shorter text may be one paragraph, or a fragment
_WORD = re.compile(r"[A-Za-z]{2,}")
_PROSE_WORDS = 6  # words of its own that make a footnote's text a note worth reading
_COLUMN = re.compile(r"(?:combatant|commander|units|strength|casualties|side|belligerent)s?[ _]?([1-9])", re.I)


def read_wikitext(path: str, text: str, title: str | None = None, provenance: Provenance | None = None) -> Document:
    with collector_paused():
        tree = parse_lazily(text)  # the tokens first: the readable copy is made as they are dropped
        reader = _Reader(text)
        reader.walk(tree)
        readable = reader.readable.text()
        del reader.readable  # the copy's bytes, before the document is assembled
        return _assemble(path, text, readable, reader, title or _title(path), provenance or Provenance())


def _title(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("_", " ")


# --- walking the tree ---------------------------------------------------------------------------


@dataclass
class _Ref:
    key: str
    group: str | None
    span: Span  # the whole tag
    content: Span | None  # None for a reuse (<ref name=x/>)
    text: str  # what the footnote says
    fields: ReferenceFields | None
    defines_only: bool = False  # list-defined: a definition, not a citation in the text
    readable: str | None = None  # the content as a reader sees it, for a note that says more than a citation


@dataclass
class _Infobox:
    fields: list[tuple[str, Span]] = field(default_factory=list)


@dataclass
class _Reader:
    source: str
    base: int = 0  # the offset of ``source`` in the text the nodes were parsed from
    readable: Canvas = field(init=False)
    refs: list[_Ref] = field(default_factory=list)
    tags: list[tuple[str, Span]] = field(default_factory=list)
    headings: list[tuple[int, str, Span]] = field(default_factory=list)
    tables: list[Span] = field(default_factory=list)
    infoboxes: list[_Infobox] = field(default_factory=list)
    unclosed: list[_Ref] = field(default_factory=list)
    multiline: list[Span] = field(default_factory=list)  # markup that runs across a line break
    _auto: dict[str | None, int] = field(default_factory=dict)
    _hidden: int = 0  # inside something that prints nothing: refs and tags still count

    def __post_init__(self) -> None:
        self.readable = Canvas(self.source)

    # Each node knows its offsets in the text it was parsed from; ``base`` makes them offsets in ``source``.

    def walk(self, code: Code, in_reflist: bool = False) -> None:
        pending: tuple[int, int, str, str | None] | None = None  # a ref the parser left as text
        base = self.base
        for node in code.nodes:
            start = node.start - base
            if pending is None and type(node) is Text:  # most nodes: nothing to do, or the styles to blank
                value = node.value
                if "<" in value and _REF_HINT(value):
                    pending = self.raw_refs(node, start, node.end - node.start, pending, in_reflist)
                elif "''" in value:  # bold and italics, left as text (skip_style_tags) for speed
                    for match in _STYLE.finditer(value):
                        self.blank(start + match.start(), start + match.end())
            elif pending is not None:
                pending = self.raw_refs(node, start, node.end - node.start, pending, in_reflist)
            else:
                self.node(node, start, node.end - node.start, in_reflist)
        if pending is not None:
            self.unclosed_ref(pending, code.end - base, in_reflist)

    def raw_refs(
        self, node: Node, start: int, length: int, pending: tuple[int, int, str, str | None] | None, in_reflist: bool
    ) -> tuple[int, int, str, str | None] | None:
        """Refs mwparserfromhell leaves as text (``<ref\nname=x>``, which MediaWiki accepts).

        NOTE: its tokenizer does not take a line break after the tag name; such a ref's opening
        and closing tags arrive as text, and whatever lies between as ordinary nodes.
        """
        end = start + length
        if not isinstance(node, Text):
            self._hidden_node(node, start, length)  # inside the ref: its citation, not prose
            self.blank(start, end)
            return pending
        text = node.value
        position = 0
        while True:
            if pending is not None:
                closing = _RAW_CLOSE.search(text, position)
                paragraph_end = text.find("\n\n", position)
                if paragraph_end != -1 and (closing is None or paragraph_end < closing.start()):
                    self.unclosed_ref(pending, start + paragraph_end, in_reflist)  # it cannot swallow the rest
                    position = paragraph_end
                    pending = None
                    continue
                if closing is None:
                    self.blank(start + position, end)
                    return pending
                ref_start, content_start, name, group = pending
                content_end = start + closing.start()
                self.blank(start + position, start + closing.end())
                body, fields = _footnote(parse(self.source[content_start:content_end], skip_style_tags=False))
                key = name or self._next(group)
                whole, content = Span(ref_start, start + closing.end()), Span(content_start, content_end)
                self.refs.append(_Ref(key, group, whole, content, body, fields, in_reflist))
                position = closing.end()
                pending = None
            opening = _RAW_OPEN.search(text, position)
            if opening is None:
                return None
            self.blank(start + opening.start(), start + opening.end())
            attributes = opening.group("attributes") or ""
            name = _raw_attribute(attributes, "name")
            group = _raw_attribute(attributes, "group") or None
            if opening.group("closed"):
                key = name or self._next(group)
                self.refs.append(_Ref(key, group, Span(start + opening.start(), start + opening.end()), None, "", None,
                                      in_reflist))  # fmt: skip
                position = opening.end()
                continue
            pending = (start + opening.start(), start + opening.end(), name, group)
            position = opening.end()

    def unclosed_ref(self, pending: tuple[int, int, str, str | None], end: int, in_reflist: bool) -> None:
        """A <ref> never closed ends with its paragraph, as a cite error, not with the document."""
        ref_start, content_start, name, group = pending
        self.blank(ref_start, end)
        body, fields = _footnote(parse(self.source[content_start:end], skip_style_tags=False))
        ref = _Ref(name or self._next(group), group, Span(ref_start, end), Span(content_start, end), body, fields,
                   in_reflist)  # fmt: skip
        self.refs.append(ref)
        self.unclosed.append(ref)

    def _hidden_node(self, node: Node, start: int, length: int) -> None:
        self._hidden += 1
        self.node(node, start, length, False)
        self._hidden -= 1

    def node(self, node: Node, start: int, length: int, in_reflist: bool) -> None:
        end = start + length
        if isinstance(node, Text):
            if "''" in node.value:  # bold and italics, left as text (skip_style_tags) for speed
                for match in _STYLE.finditer(node.value):
                    self.blank(start + match.start(), start + match.end())
            return
        if self.source.find("\n", start, end) != -1:
            self.multiline.append(Span(start, end))
        if isinstance(node, Comment | Argument):
            self.blank(start, end)
        elif isinstance(node, Entity):
            self.write(start, end, without_surrogates(node.normalize())[0])  # "&#xD800;" names no character
        elif isinstance(node, Heading):
            self.heading(node, start, end)
        elif isinstance(node, Wikilink):
            self.wikilink(node, start, end)
        elif isinstance(node, ExternalLink):
            self.external_link(node, start, end)
        elif isinstance(node, Tag):
            self.tag(node, start, end, in_reflist)
        elif isinstance(node, Template):
            self.template(node, start, end, in_reflist)
        else:
            self.blank(start, end)

    def blank(self, start: int, end: int) -> None:
        self.readable.blank(start, end)

    def write(self, start: int, end: int, text: str) -> None:
        """Print ``text`` into the span, padded with spaces; blank it when it does not fit."""
        self.blank(start, end)
        if len(text) <= end - start and "\n" not in text and not self._hidden:
            self.readable.write(start, text)

    def heading(self, node: Heading, start: int, end: int) -> None:
        self.blank(start, start + node.level)
        self.blank(end - node.level, end)
        self.walk(node.title)
        title = self.readable.read(node.title.start - self.base, node.title.end - self.base)
        self.headings.append((node.level, _fold(title), Span(start, end)))

    def wikilink(self, node: Wikilink, start: int, end: int) -> None:
        target = str(node.title)
        namespace = target.split(":", 1)[0].strip().lower() if ":" in target else ""
        if namespace in ("file", "image", "category", "media") or target.startswith(":Category"):
            self.blank(start, end)  # an image (its caption is not prose here) or a category
            if node.text is not None:
                self.hidden(node.text)
            return
        if node.text is None:
            self.blank(start, start + 2)
        else:
            self.blank(start, node.text.start - self.base)
            self.walk(node.text)
        trail = _LINK_TRAIL.match(self.source, end)
        if trail is None:
            self.blank(end - 2, end)
        else:  # "[[pig]]s" reads "pigs": the trail moves up over the brackets (where anything is printed)
            self.write(end - 2, trail.end(), trail.group())

    def external_link(self, node: ExternalLink, start: int, end: int) -> None:
        if not node.brackets or node.title is None:
            self.blank(start, end)  # a bare URL is not prose
            return
        self.blank(start, node.title.start - self.base)
        self.blank(end - 1, end)
        self.walk(node.title)

    def tag(self, node: Tag, start: int, end: int, in_reflist: bool) -> None:
        name = node.tag.strip().lower()
        if name == "ref":
            self.ref(node, start, end, in_reflist)
            return
        if name in ("nowiki", "math", "timeline", "syntaxhighlight", "source", "pre", "score", "graph"):
            self.blank(start, end)
            return
        if name in ("gallery", "imagemap"):  # captions are not prose, but their refs cite
            self.blank(start, end)
            if node.contents is not None:
                self.hidden(node.contents)
            return
        if name == "references":
            self.blank(start, end)
            if node.contents is not None:
                self.walk(node.contents, in_reflist=True)
            return
        if name == "br":
            self.write(start, end, "")
            if not self._hidden:
                self.readable.write(start, "\n")  # a line break, as infoboxes use it
            return
        if name == "table" and node.wiki_markup:
            self.tables.append(Span(start, end))
        if node.self_closing or node.contents is None:
            self.blank(start, end)
            return
        self.blank(start, node.opening - self.base)
        self.blank(node.contents.end - self.base, end)
        if name in ("table", "tr", "td", "th") and node.wiki_markup:
            self.walk(node.contents)
            return
        self.walk(node.contents, in_reflist)

    def ref(self, node: Tag, start: int, end: int, in_reflist: bool) -> None:
        self.blank(start, end)
        name = _attribute(node, "name")
        group = _attribute(node, "group") or None
        if node.self_closing or node.contents is None:
            key = name or self._next(group)
            self.refs.append(_Ref(key, group, Span(start, end), None, "", None, in_reflist))
            return
        content = Span(node.contents.start - self.base, node.contents.end - self.base)
        text, fields = _footnote(node.contents)
        key = name or self._next(group)
        readable = _visible(node.contents) if _says_more(node.contents) else None
        self.refs.append(_Ref(key, group, Span(start, end), content, text, fields, in_reflist, readable))

    def _next(self, group: str | None) -> str:
        self._auto[group] = self._auto.get(group, 0) + 1
        return f"#{self._auto[group]}"

    def template(self, node: Template, start: int, end: int, in_reflist: bool) -> None:
        name = _template_name(node)
        span = Span(start, end)
        if name in CITATION_NEEDED:
            self.blank(start, end)
            self.tags.append(("citation needed", span))
        elif name in DEAD_LINK:
            self.blank(start, end)
            self.tags.append(("dead link", span))
        elif name in OTHER_TAGS:
            self.blank(start, end)
            self.tags.append((OTHER_TAGS[name], span))
        elif name in SHORT_CITATIONS:
            self.blank(start, end)
            text = _short_citation(node)
            self.refs.append(_Ref(f"{name}: {text}", None, span, span, text, None))
        elif name in NOTE_TEMPLATES:
            self.blank(start, end)
            note = node.get("1").value if node.has("1") else None
            key = _param(node, "name") or self._next("note")
            if note is None:  # {{efn|name=x}} repeats a named note, as <ref name=x/> does
                self.refs.append(_Ref(key, "note", span, None, "", None, in_reflist))
            readable = [" " * (end - start)]
            for position, param in self.params(node):
                self.hidden(param.value)  # a note may cite sources of its own
                if param.value is note:  # its text, where it stands in the template
                    offset = position - start
                    text = _visible(note)
                    readable = [readable[0][:offset], text, readable[0][offset + len(text) :]]
            if note is not None:
                self.refs.append(_Ref(key, "note", span, span, _note_text(note), None, in_reflist, "".join(readable)))
        elif name in REFERENCE_LISTS:
            self.blank(start, end)
            for param in node.params:
                if param.name.strip() in ("refs", "notes"):  # list-defined refs and notes
                    self.walk(param.value, in_reflist=True)
        elif name.startswith("infobox"):
            self.infobox(node, start, end)
        elif name in _TRANSPARENT:
            self.transparent(node, start, end)
        else:
            self.write(start, end, _render(name, node))
            for param in node.params:
                self.hidden(param.value)  # a quotation's or an image's refs still cite

    def hidden(self, code: Code) -> None:
        """Walk for refs and tags only: nothing in ``code`` is printed."""
        self._hidden += 1
        self.walk(code)
        self._hidden -= 1

    def params(self, node: Template) -> list[tuple[int, Parameter]]:
        """Each parameter and the offset of its value in ``source``."""
        return [(param.value.start - self.base, param) for param in node.params]

    def transparent(self, node: Template, start: int, end: int) -> None:
        """A template that only wraps text (``{{plainlist|...}}``, ``{{nowrap|...}}``): keep its text."""
        self.blank(start, end)
        for position, param in self.params(node):
            if not param.showkey and not self._hidden:
                value_end = param.value.end - self.base
                self.readable.restore(position, value_end)
                self.walk(param.value)
                self.lists(position, value_end)

    def infobox(self, node: Template, start: int, end: int) -> None:
        box = _Infobox()
        self.blank(start, end)
        for position, param in self.params(node):
            label = param.name.strip()
            value_end = param.value.end - self.base
            if not param.showkey or _NOT_A_CLAIM.match(label) or _QUALIFIER.match(label) or states_no_fact(label):
                self.hidden(param.value)
                continue
            self.readable.restore(position, value_end)
            self.walk(param.value)
            self.lists(position, value_end)
            box.fields.append((label, Span(position, value_end)))
        self.infoboxes.append(box)

    def lists(self, start: int, end: int) -> None:
        """Blank the bullets of list lines inside a value (``* 1,953 killed``), keeping the lines."""
        line_start = start
        while line_start < end:
            line_end = self.source.find("\n", line_start, end)
            line_end = end if line_end == -1 else line_end
            head = self.readable.read(line_start, line_end).lstrip(" ")
            if head[:1] in ("*", "#"):
                bullet = line_end - len(head)
                match = _LIST_LINE.match(head)
                self.blank(bullet, bullet + (match.end() if match else 1))
            line_start = line_end + 1


def _attribute(node: Tag, name: str) -> str:
    if not node.has(name):
        return ""
    return node.get(name).strip().strip("\"'").strip()


def _raw_attribute(attributes: str, name: str) -> str:
    match = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s/>]+))", attributes, re.IGNORECASE)
    return next((g for g in match.groups() if g is not None), "").strip() if match else ""


def _template_name(node: Template) -> str:
    return " ".join(str(node.name).strip().replace("_", " ").split()).lower().removeprefix("template:")


def _param(node: Template, name: str) -> str:
    return str(node.get(name).value).strip() if node.has(name) else ""


def _fold(text: str) -> str:
    return " ".join(text.split())


def _visible(code: Node) -> str:
    """A fragment's text as a reader sees it (used for footnotes, which are not offset-mapped)."""
    reader = _Reader(str(code), code.start)
    if isinstance(code, Code):
        reader.walk(code)
    else:
        reader.node(code, 0, code.end - code.start, False)
    return reader.readable.text()


def _footnote(contents: Code) -> tuple[str, ReferenceFields | None]:
    """A footnote's text as it renders, and the fields of the citation template it holds."""
    fields = None
    parts = []
    for node in contents.nodes:
        if isinstance(node, Template):
            name = _template_name(node)
            if name.startswith(("cite ", "citation")) or name == "cite":
                fields = _cite_fields(node)
                # One with no title, work or date shows its address, as a bare link would.
                shown = ". ".join(x for x in (fields.title, fields.publisher, fields.date) if x)
                parts.append(shown or fields.url or name)
                continue
            if name in SHORT_CITATIONS:
                parts.append(_short_citation(node))
                continue
            if not _render(name, node):  # another citation template ({{London Gazette|...}}): its arguments
                parts.append(" ".join([name, *(_fold(str(p.value)) for p in node.params)]))
                continue
        if isinstance(node, ExternalLink):  # a bare or bracketed URL is a source
            # A template written against a bare URL ("http://x.org/a{{dead link}}") is parsed into it.
            url = str(node.url).split("{{", 1)[0]
            fields = fields or ReferenceFields(url=url)
            title = str(node.title) if node.title is not None else ""  # "[http://x.org ]" has an empty one
            parts.append(title or url)
            continue
        parts.append(_visible(node))
    return _fold(" ".join(parts)), fields


def _says_more(contents: Code) -> bool:
    """Whether a footnote says more than its citation: prose of its own ("Davis cites 3,500 casualties"),
    not a short citation written out ("Ellis, p. 195")."""
    words = sum(len(_WORD.findall(node.value)) for node in contents.nodes if type(node) is Text)
    return words >= _PROSE_WORDS


def _note_text(value: Code) -> str:
    """A note's text; one made of a template that prints elsewhere ({{Kosovo-note}}) is not empty."""
    text = _fold(_visible(value))
    return text or " ".join(_template_name(node) for node in value.nodes if isinstance(node, Template))


def _cite_fields(node: Template) -> ReferenceFields:
    named: dict[str, Code] = {}
    for param in node.params:
        if param.showkey:
            named.setdefault(str(param.name).strip().lower(), param.value)
    values: dict[str, str | None] = {}
    for attribute, names in _CITE_FIELDS.items():
        value = next((named[n] for n in names if n in named and str(named[n]).strip()), None)
        if value is None:
            values[attribute] = None
        elif attribute in ("url", "archive_url"):  # the reader blanks a bare URL as markup: take it as written
            values[attribute] = _fold(_HIDDEN_CODE.sub("", str(value))) or None
        else:
            values[attribute] = _fold(_visible(value))
    identifiers = tuple(
        (name, written) for name, value in named.items()
        if name in _IDENTIFIER_PARAMS and (written := _fold(_HIDDEN_CODE.sub("", str(value))))
    )  # fmt: skip
    return ReferenceFields(**values, identifiers=identifiers)


def _short_citation(node: Template) -> str:
    """ "{{sfn|Smith|2001|p=5}}" reads "Smith 2001, p. 5"."""
    positional = [_fold(str(p.value)) for p in node.params if not p.showkey]
    page = next((f"{'pp.' if str(p.name).strip() == 'pp' else 'p.'} {_fold(str(p.value))}" for p in node.params
                 if p.showkey and str(p.name).strip() in ("p", "pp", "page", "pages")), "")  # fmt: skip
    return " ".join(positional) + (f", {page}" if page else "")


_DATES = frozenset(
    {"start date", "end date", "start date and age", "end date and age", "birth date", "death date", "dts", "date",
     "start-date", "end-date"}
)  # fmt: skip
_DASHES = frozenset({"snd", "spaced ndash", "ndash", "mdash", "spnd", "–", "—"})
_FIRST_OR_LAST = frozenset({"flag", "flagcountry", "flagu", "ill", "interlanguage link", "lang", "transl"})


def _render(name: str, node: Template) -> str:
    """What an inline template prints, for the few whose text is part of a sentence.

    NOTE: the name decides before any argument is read: reading every unknown template's
    arguments made deeply nested templates take exponential time.
    """
    if not (name in _DATES or name in _DASHES or name in _FIRST_OR_LAST or name in ("convert", "cvt")
            or name.startswith("lang-")):  # fmt: skip
        return ""
    positional = [_fold(_visible(p.value)) for p in node.params if not p.showkey]
    if name in _DATES:
        numbers = [p for p in positional if p.isdigit()]
        if len(numbers) >= 3 and 1 <= int(numbers[1]) <= 12:
            return f"{int(numbers[2])} {_MONTHS[int(numbers[1]) - 1]} {numbers[0]}"
        if len(numbers) == 2 and 1 <= int(numbers[1]) <= 12:
            return f"{_MONTHS[int(numbers[1]) - 1]} {numbers[0]}"
        return numbers[0] if numbers else ""
    if name in ("convert", "cvt") and len(positional) >= 2:
        return f"{positional[0]} {positional[1]}"
    if name in _DASHES:
        return " – " if name in ("snd", "spaced ndash", "spnd") else "–"
    if name in _FIRST_OR_LAST and positional:
        return positional[-1] if name in ("lang", "transl") else positional[0]
    if name.startswith("lang-") and positional:
        return positional[0]
    return ""


# --- assembling the document --------------------------------------------------------------------


def _assemble(path: str, text: str, readable: str, reader: _Reader, title: str, provenance: Provenance) -> Document:
    b = DocumentBuilder(path, text, "wikitext", readable)
    sections = [b.section(title, (), None, 1)]
    headings = sorted(reader.headings, key=lambda h: h[2].start)
    stack: list[tuple[int, str]] = []
    starts = []
    for level, name, span in headings:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, name))
        sections.append(b.section(name, tuple(n for _, n in stack), span, level))
        starts.append(span.start)

    def section_at(offset: int) -> int:
        index = bisect_right(starts, offset) - 1
        return sections[index + 1] if index >= 0 else sections[0]

    navigation = {s for s in sections if not b.sections[s].prose}

    spans: list[tuple[Span, BlockKind, str | None]] = []
    for box in reader.infoboxes:
        spans.extend((value, BlockKind.INFOBOX_FIELD, label) for label, value in box.fields)
    tables = _outermost(reader.tables)
    spans.extend((table, BlockKind.TABLE, None) for table in tables)
    covered = sorted([s for s, _, _ in spans] + [h[2] for h in headings], key=lambda s: s.start)
    # Nothing tells the paragraphs of a text that lost its blank lines apart but the line breaks their
    # author left: each is one.
    one_a_line = _lost_blank_lines(text)
    markup = _outermost([*reader.multiline, *(ref.span for ref in reader.refs)])
    spans.extend(_prose_blocks(text, readable, covered, markup, one_a_line))
    spans.sort(key=lambda item: item[0].start)

    block_index = []
    for span, kind, label in spans:
        section = section_at(span.start)
        if section in navigation and kind is not BlockKind.INFOBOX_FIELD:
            b.region(RegionKind.NAVIGATION, span.start, span.end)
            continue
        if not readable[span.start : span.end].strip():
            continue
        column = _column(label) if kind is BlockKind.INFOBOX_FIELD else 0
        block_index.append((b.block(kind, span.start, span.end, section, label, column), span))
    block_at = BlockLocator(block_index)

    definitions: dict[tuple[str | None, str], _Ref] = {}
    for ref in reader.refs:
        if ref.content is not None and (ref.group, ref.key) not in definitions:
            definitions[(ref.group, ref.key)] = ref
    for ref in reader.refs:
        if not ref.defines_only:
            b.marker(_key(ref.group, ref.key), ref.span, block_at(ref.span.start))
    for (group, key), ref in definitions.items():
        assert ref.content is not None
        b.reference(
            _key(group, key), ref.span, ref.content, ref.text, None, section_at(ref.span.start), ref.fields, group,
            ref.readable,
        )  # fmt: skip
    for name, span in reader.tags:
        b.tag(name, span, block_at(span.start))
    problems = [
        ReferenceProblem("redefined", _key(r.group, r.key), r.span, definitions[(r.group, r.key)].span)
        for r in _redefined(reader.refs)
    ]
    problems.extend(ReferenceProblem("unclosed", _key(r.group, r.key), r.span) for r in reader.unclosed)
    notes = ("lost-blank-lines",) if one_a_line else ()
    return b.build(title, provenance, notes, tuple(sorted(problems, key=lambda p: p.span.start)))


def _column(label: str | None) -> int:
    """The belligerent column of a numbered infobox parameter: "casualties2" and "combatant2" are side 2."""
    match = _COLUMN.fullmatch(label or "")
    return int(match.group(1)) if match else 0


def _key(group: str | None, key: str) -> str:
    return f"{group} {key}" if group else key


def _redefined(refs: list[_Ref]) -> list[_Ref]:
    """Named refs defined again with other content: MediaWiki shows the first and flags the rest."""
    first: dict[tuple[str | None, str], str] = {}
    found = []
    for ref in refs:
        if ref.content is None or ref.key.startswith("#") or ref.key.startswith(tuple(SHORT_CITATIONS)):
            continue
        seen = first.setdefault((ref.group, ref.key), ref.text)
        if seen != ref.text:
            found.append(ref)
    return found


def _outermost(spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not result or span.start >= result[-1].end:
            result.append(span)
    return result


def _lost_blank_lines(text: str) -> bool:
    """Whether a long text has (almost) no blank lines, as wikitext does that lost them in a copy or an
    export: MediaWiki would run its paragraphs together, but its author wrote one a line."""
    lines = text.count("\n") + 1
    return lines >= _LONG_TEXT and len(_BLANK_LINE.findall(text)) * 100 < lines


def _prose_blocks(
    text: str, readable: str, covered: list[Span], markup: list[Span], one_a_line: bool
) -> list[tuple[Span, BlockKind, None]]:
    """Paragraphs and list items: runs of lines with visible text, outside infoboxes, tables, headings.
    A line of ``markup`` that runs across lines (a ref's parameters) is part of the paragraph it stands
    in; with ``one_a_line``, every other line break ends a paragraph."""
    blocks: list[tuple[Span, BlockKind, None]] = []
    in_markup = BlockLocator(enumerate(markup))
    position = 0
    paragraph: list[int] | None = None  # [start, end] of the paragraph being read
    cover = iter(covered)
    current = next(cover, None)
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end == -1 else line_end
        while current is not None and current.end <= position:
            current = next(cover, None)
        inside = current is not None and current.start < line_end and current.end > position
        visible = readable[position:line_end]
        continued = position > 0 and in_markup(position - 1) != -1  # the line break is inside markup
        if not inside and continued and not visible.strip():
            position = line_end + 1
            continue
        if inside or not visible.strip():
            if paragraph:
                blocks.append((Span(paragraph[0], paragraph[1]), BlockKind.PARAGRAPH, None))
                paragraph = None
            position = (current.end if inside and current.end > line_end else line_end) + 1
            continue
        start = position + len(visible) - len(visible.lstrip())
        end = position + len(text[position:line_end].rstrip())  # with the refs after its last word
        if text[position] in "*#":
            if paragraph:
                blocks.append((Span(paragraph[0], paragraph[1]), BlockKind.PARAGRAPH, None))
                paragraph = None
            bullet = _LIST_LINE.match(text, position)
            blocks.append((Span(max(start, bullet.end() if bullet else start), end), BlockKind.LIST_ITEM, None))
        elif paragraph and (continued or not one_a_line):
            paragraph[1] = end
        else:
            if paragraph:
                blocks.append((Span(paragraph[0], paragraph[1]), BlockKind.PARAGRAPH, None))
            paragraph = [start, end]
        position = line_end + 1
    if paragraph:
        blocks.append((Span(paragraph[0], paragraph[1]), BlockKind.PARAGRAPH, None))
    return blocks
