"""Markdown reports and mirrors, parsed with markdown-it-py, into the same Document every reader produces.

markdown-it-py gives the block structure (headings, paragraphs, list items,
tables, front matter) with the source lines of each block. Inside a block,
markup is blanked to spaces in a same-length readable copy, so offsets stay
offsets into the file. Citations come in three forms:

- footnotes: ``[^1]`` markers and their ``[^1]: ...`` definitions;
- inline links: a link cites the sentence it sits in, and is its own source;
- numbered lists under a "References" or "Sources" heading, cited by ``[1]``.

YAML front matter and a report's ``Key: value`` summary list are read as
infobox fields, so the figure and date rules compare them with the body
(a front matter saying "45 civilians dead" against a body that says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..document import BlockKind, Document, Provenance, ReferenceFields, RegionKind, Span
from ..errors import InputError
from ..text import INLINE, tag_name
from ..urls import parse_archive_link
from .builder import DocumentBuilder
from .citetext import parse_reference_text
from .emphasis import emphasis, strong
from .lines import split_lines
from .masking import BlockLocator, blank

# NOTE: markdown-it stops reading, silently, at its "commonmark" preset's 20 levels of nesting: a quote 25
# deep was dropped. 100 reads any real document and stays within Python's recursion limit on runs of "[a "
# (which nest inline); a quote nested deeper is refused in one line (``_TOO_DEEP``), never dropped.
_MAX_NESTING = 100
_PARSER = MarkdownIt("commonmark", {"maxNesting": _MAX_NESTING}).use(front_matter_plugin).use(footnote_plugin)
_PARSER.enable("table")
# NOTE: only the blocks and their lines are read from markdown-it; inline markup is read here, in linear
# time. Its inline pass is skipped: on a run of "[a " its link-label search rescans the rest of the
# paragraph from every bracket (13 s at 12 KB).
_PARSER.disable("inline")
_QUOTES = _MAX_NESTING - 4  # the quote levels that fit within it, with a list and an inline level inside
_TOO_DEEP = re.compile(rf"^(?:[ \t]{{0,3}}>){{{_QUOTES + 1}}}", re.MULTILINE)

_LONE_CR = re.compile(r"\r(?!\n)")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\[\s]+)\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\[]*\]\((?:[^()]|\([^()]*\))*+\)")  # "(...(01).jpg)": one level of brackets
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\[]+)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<https?://[^>\s]+>")
_HTML = re.compile(r"</?[A-Za-z](?![A-Za-z0-9+.-]*:)[^<>]*>")  # a tag, not an autolink ("<https:...>")
# NOTE: no bracket class here admits its own opener ("[^\]\[]", "[^<>]"): a run of "[a " or "<a " that is
# never closed would otherwise be rescanned to its end from each opener (quadratic; 17 s at 12 KB).
_CODE = re.compile(r"`+")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
# NOTE: quote marks may open a list item ("> - item", "> > 2. item"): both are markup before the text.
_LEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)*+[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?)")
_FIELD = re.compile(r"(?P<key>[A-Za-z][\w -]{0,40}?):[ \t]+(?=\S)")  # "Reported killed: 45"
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):[ \t]*", re.MULTILINE)
_SOURCE_SECTIONS = re.compile(r"^(?:references|sources|notes|footnotes|bibliography|citations)$", re.IGNORECASE)
_NOT_A_CLAIM = re.compile(r"(?i)^(?:image|img|socialmediaimage|thumbnail|cover|layout|type|level|tags?|slug|"
                          r"permalink|author|lang|draft|weight|url)$")  # fmt: skip
_NAVIGATION = re.compile(r"^(?:see also|external links|further reading)$", re.IGNORECASE)


def read_markdown(path: str, text: str) -> Document:
    # NOTE: markdown-it ends a line at a lone "\r" too (an old Mac file has no other ending); read so as
    # one character for another, the text keeps every offset and its lines are the parser's.
    text = _LONE_CR.sub("\n", text)
    if deep := _TOO_DEEP.search(text):
        line = text.count("\n", 0, deep.start()) + 1
        raise InputError(path, f"line {line}: quotes nested more than {_QUOTES} deep cannot be read")
    lines = _line_starts(text)
    tokens = _PARSER.parse(text)
    readable = list(text)
    b = DocumentBuilder(path, text, "markdown", None)
    b.readable = ""  # set below, once blocks are blanked; sentences are split on it
    front = next((t for t in tokens if t.type == "front_matter"), None)
    if text.startswith("---") and front is None and _unterminated_front_matter(text):
        raise InputError(path, "front matter opened on line 1 is never closed with '---'")
    title = None
    lead = b.section("(lead)", (), None, 1)
    fields: list[tuple[str, Span]] = []
    if front is not None and front.map:
        start, end = lines[front.map[0]], lines[min(front.map[1], len(lines) - 1)]
        fields.extend(_front_fields(text, start, end))
        b.region(RegionKind.CHROME, start, end)
        blank(readable, text, start, end)
        for _, value in fields:  # the keys and fences are markup, the values are claims
            readable[value.start : value.end] = text[value.start : value.end]
        title = next((_unquote(text[s.start : s.end]) for k, s in fields if k.lower() in ("title", "subject")), None)

    blocks: list[tuple[BlockKind, Span, int, str | None]] = []
    section = lead
    path_titles: list[tuple[int, str]] = []
    sources_section = False
    navigation = False
    stack: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "list_item_open", "table_open", "blockquote_open",
                          "footnote_open"):  # fmt: skip
            stack.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "list_item_close", "table_close",
                            "blockquote_close", "footnote_close") and stack:  # fmt: skip
            stack.pop()
        if token.type != "inline" or not token.map or "footnote_open" in stack:
            continue  # a footnote's text is a source, read below, not a claim
        span = _inline_span(text, lines, token.map)
        if span is None:
            continue
        opener = tokens[index - 1].type if index else ""
        if opener == "heading_open":
            level = int(tokens[index - 1].tag[1:])
            heading_text = " ".join(token.content.split())
            if level == 1 and title is None:
                title = heading_text
            while path_titles and path_titles[-1][0] >= level:
                path_titles.pop()
            path_titles.append((level, heading_text))
            line_start = lines[token.map[0]]
            section = b.section(heading_text, tuple(t for _, t in path_titles), Span(line_start, span.end), level)
            sources_section = bool(_SOURCE_SECTIONS.match(heading_text))
            navigation = bool(_NAVIGATION.match(heading_text))
            blank(readable, text, line_start, span.end)
            continue
        if navigation:
            b.region(RegionKind.NAVIGATION, span.start, span.end)
            continue
        in_list = "list_item_open" in stack
        if sources_section and in_list:
            blocks.append((BlockKind.REFERENCE, span, section, _list_number(text, lines, token.map)))
            continue
        kind = BlockKind.TABLE if "table_open" in stack else BlockKind.LIST_ITEM if in_list else BlockKind.PARAGRAPH
        label = None
        if kind is BlockKind.LIST_ITEM and (field := _FIELD.match(text, span.start, span.end)):
            kind, label = BlockKind.INFOBOX_FIELD, field["key"].strip()  # "Reported killed: 45"
            blank(readable, text, span.start, field.end())
            span = Span(field.end(), span.end)
        blocks.append((kind, span, section, label))

    footnotes = _footnote_definitions(text)
    markers: list[tuple[str, Span]] = []
    links: dict[str, tuple[str, str]] = {}  # key -> (link text, url)
    for kind, span, _, _ in blocks:
        if kind is BlockKind.REFERENCE:
            continue
        _mask_inline(readable, text, span, markers, links)
    for _, span in fields:
        _mask_inline(readable, text, span, markers, links)
        _unquote_in_place(readable, text, span)
    footnote_links: dict[Span, list[str]] = {}
    for _, whole, content in footnotes:
        blank(readable, text, whole.start, content.start)  # "[^1]:"
        linked: dict[str, tuple[str, str]] = {}
        footnote_links[whole] = _mask_inline(readable, text, content, [], linked, keep_autolinks=True)
        footnote_links[whole] += [url for _, url in linked.values()]
    b.readable = "".join(readable)

    block_index: list[tuple[int, Span]] = []
    for label, span in fields:
        if not _NOT_A_CLAIM.match(label) and b.readable[span.start : span.end].strip():
            block_index.append((b.block(BlockKind.INFOBOX_FIELD, span.start, span.end, lead, label), span))
    for kind, span, sec, label in blocks:
        if kind is BlockKind.REFERENCE:
            content = _reference_content(text, span)
            body = " ".join(b.readable[content.start : content.end].split())
            b.reference(label or str(len(b.references) + 1), span, content, body, None, sec)
            continue
        if b.readable[span.start : span.end].strip():
            block_index.append((b.block(kind, span.start, span.end, sec, label), span))
    block_at = BlockLocator(block_index)
    for key, span in sorted(markers, key=lambda item: item[1].start):
        b.marker(key, span, block_at(span.start))
    for label, whole, content in footnotes:
        body = " ".join(b.readable[content.start : content.end].split())
        b.reference(f"^{label}", whole, content, body, None, lead, _linked_fields(body, footnote_links[whole]))
    for key, (link_text, url) in links.items():
        b.reference(key, Span(0, 0), Span(0, 0), f"{link_text} {url}".strip(), None, lead, ReferenceFields(url=url))
    numbered = any(kind is BlockKind.REFERENCE for kind, _, _, _ in blocks)
    for kind, span, _, _ in blocks:  # "[1]" markers and "[citation needed]" in prose, as copies write them
        if kind is BlockKind.REFERENCE:
            continue
        for match in INLINE.finditer(text, span.start, span.end):
            if match.group("key") and not numbered:
                continue  # without a numbered list of sources, "[12]" is not a citation
            if match.group("key"):
                b.marker(match.group("key"), Span(match.start(), match.end()), block_at(match.start()))
            else:
                b.tag(tag_name(match.group("tag")), Span(match.start(), match.end()), block_at(match.start()))
    return b.build(title, Provenance())


# --- spans -------------------------------------------------------------------------------------


def _line_starts(text: str) -> list[int]:
    """Where each line starts, and the end of the text: markdown-it maps blocks to line numbers."""
    return [line.start for line in split_lines(text)] + [len(text)]


def _inline_span(text: str, lines: list[int], line_map: list[int]) -> Span | None:
    """The text of a block's lines, after its bullet, number, quote mark or heading hashes."""
    first, last = line_map[0], min(line_map[1], len(lines) - 1)
    start, end = lines[first], lines[last]
    end = start + len(text[start:end].rstrip())
    start = _LEADING.match(text, start, end).end()  # type: ignore[union-attr]
    return Span(start, end) if start < end else None


def _list_number(text: str, lines: list[int], line_map: list[int]) -> str | None:
    match = re.match(r"[ \t]*(\d{1,5})[.)]", text[lines[line_map[0]] : lines[line_map[0]] + 12])
    return match.group(1) if match else None


def _reference_content(text: str, span: Span) -> Span:
    match = re.match(r"\[?\d{1,5}[\].)]?\s*", text[span.start : span.end])
    return Span(span.start + (match.end() if match else 0), span.end)


def _footnote_definitions(text: str) -> list[tuple[str, Span, Span]]:
    """``[^1]: text`` definitions, each running on over indented lines."""
    found = []
    for match in _FOOTNOTE_DEF.finditer(text):
        end = text.find("\n", match.end())
        end = len(text) if end == -1 else end
        while end + 1 < len(text) and text[end + 1 : end + 2] in (" ", "\t") and text[end + 1 :].strip():
            following = text.find("\n", end + 1)
            end = len(text) if following == -1 else following
        found.append((match.group(1), Span(match.start(), end), Span(match.end(), end)))
    return found


def _front_fields(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    """Each top-level key of the front matter and the span of its value (folded lines included)."""
    fields = []
    matches = list(_FRONT_KEY.finditer(text, start, end))
    for position, match in enumerate(matches):
        value_end = matches[position + 1].start() if position + 1 < len(matches) else text.rfind("---", start, end)
        value_end = start + len(text[start:value_end].rstrip()) if value_end > match.end() else match.end()
        if value_end > match.end():
            fields.append((match.group("key"), Span(match.end(), value_end)))
    return fields


def _unterminated_front_matter(text: str) -> bool:
    return text.split("\n", 1)[0].strip() == "---" and "\n---" not in text[3:]


# --- masking ----------------------------------------------------------------------------------


def _linked_fields(body: str, urls: list[str]) -> ReferenceFields | None:
    """A footnote's fields from its text, with the addresses of its links, which its text does not show."""
    if not body:
        return None
    fields = parse_reference_text(body)
    archive = next((u for u in urls if parse_archive_link(u)), fields.archive_url)
    url = next((u for u in urls if not parse_archive_link(u)), fields.url)
    return replace(fields, url=url, archive_url=archive)


def _mask_inline(
    readable: list[str],
    text: str,
    span: Span,
    markers: list[tuple[str, Span]],
    links: dict[str, tuple[str, str]],
    keep_autolinks: bool = False,
) -> list[str]:
    """Blank inline markup in a block, recording footnote markers and links (each link cites its sentence).
    With ``keep_autolinks``, an autolink's address stays readable (in a footnote it is the source's address);
    the addresses of those are returned."""
    start, end = span.start, span.end
    for match in _IMAGE.finditer(text, start, end):
        blank(readable, text, match.start(), match.end())
    for match in _FOOTNOTE_REF.finditer(text, start, end):
        blank(readable, text, match.start(), match.end())
        markers.append((f"^{match.group(1)}", Span(match.start(), match.end())))  # apart from a list's "[1]"
    for match in _LINK.finditer(text, start, end):
        blank(readable, text, match.start(), match.start("text"))
        blank(readable, text, match.end("text"), match.end())
        key = f"link {match['url']}"
        links.setdefault(key, (" ".join(match["text"].split()), match["url"]))
        markers.append((key, Span(match.end("text"), match.end())))
    autolinks = []
    for match in _AUTOLINK.finditer(text, start, end):
        if keep_autolinks:  # the address, even where the text around it was masked before
            blank(readable, text, match.start(), match.end())
            readable[match.start() + 1 : match.end() - 1] = text[match.start() + 1 : match.end() - 1]
            autolinks.append(match.group(0)[1:-1])
        else:
            blank(readable, text, match.start(), match.end())
    for pattern in (_HTML, _CODE, _ESCAPE):
        for match in pattern.finditer(text, start, end):
            blank(readable, text, match.start(), match.end())
    for width, delimited in ((2, strong), (1, emphasis)):
        for opener, closer in delimited(text, start, end):
            blank(readable, text, opener, opener + width)
            blank(readable, text, closer, closer + width)
    return autolinks


def _unquote(value: str) -> str:
    return " ".join(value.strip().strip("\"'").split())


def _unquote_in_place(readable: list[str], text: str, span: Span) -> None:
    value = text[span.start : span.end]
    if len(value) >= 2 and value[0] in "\"'" and value.rstrip()[-1] == value[0]:
        readable[span.start] = " "
        readable[span.start + len(value.rstrip()) - 1] = " "
