"""Rendered Wikipedia pages and other HTML with footnotes, read with BeautifulSoup.

BeautifulSoup gives the structure; ``SourceMap`` gives where each element lies
and a readable copy, so every span is an offset into the HTML source.

- Markers: ``sup.reference`` (Wikipedia), ``a.footnote-ref`` and
  ``a[role=doc-noteref]`` (pandoc, markdown-it), and any footnote anchor in a
  ``<sup>``. Each points at an id; the list item holding it is the reference.
  A marker whose id names no list item points nowhere.
- References: ``ol.references`` items (with their ``^ a b`` backlinks), the
  lists of ``.footnotes`` and ``doc-endnotes``, and any list holding a marker's
  target. MediaWiki's own cite errors are read as such: an entry that is only
  "Cite error: ... never defined" is a reference that does not exist, and the
  inline error for ``<ref></ref>`` is an empty footnote.
- Tags: the citation-needed superscript and the other inline maintenance
  templates (``sup.Inline-Template``: dead link, failed verification, ...).
- The infobox: one field per row, labelled by its header cell.
- On pages other than Wikipedia's, an external link in prose cites its
  sentence, as in Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain
from urllib.parse import unquote

from bs4 import BeautifulSoup, PageElement, Tag

from ..document import BlockKind, Document, Provenance, ReferenceFields, RegionKind, Span
from ..errors import InputError
from ..text import close_up
from ..urls import clean, parse_archive_link
from .builder import DocumentBuilder
from .citetext import parse_reference_text
from .collector import collector_paused
from .html_classes import PageElements, is_footnote_marker
from .html_source import SourceMap, parse
from .labels import states_no_fact
from .masking import BlockLocator
from .sections import NON_PROSE
from .templates import CITATION_NEEDED, DEAD_LINK, OTHER_TAGS

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTAINERS = frozenset(
    {"div", "section", "article", "main", "ul", "ol", "dl", "blockquote", "center", "figure", "body", "html", "span"}
)
_PROSE = frozenset({"p", "dd", "dt", "figcaption", "pre"})
_LISTS = frozenset({"ul", "ol", "dl"})
_ARCHIVES = re.compile(r"^https?://(?:web\.archive\.org|archive\.(?:today|is|ph|org)|www\.webcitation\.org)/", re.I)
_IDENTIFIERS = re.compile(
    r"^https?://(?:dx\.)?(?:doi\.org|hdl\.handle\.net|www\.worldcat\.org/(?:issn|oclc)|api\.semanticscholar\.org"
    r"|pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pmc|ui\.adsabs\.harvard\.edu|zbmath\.org"
    r"|www\.ams\.org/mathscinet-getitem|arxiv\.org/abs|www\.osti\.gov|www\.jstor\.org/stable)/",
    re.I,
)
_TEXT = re.compile(r"\S")
_ABSOLUTE = re.compile(r"^(?:https?:)?//")
_WITHOUT_CONTENT = re.compile(r"without content|must have content|no content", re.I)
_LAST_EDITED = re.compile(r"last (?:edited|modified) on (?P<when>\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4})")


def read_html(path: str, text: str) -> Document:
    with collector_paused():  # the tree is tens of thousands of objects, none of them garbage until the end
        try:
            soup, source = parse(text)
        except (AssertionError, ValueError) as error:  # the tokenizer's own complaints about broken markup
            raise InputError(path, f"HTML the parser cannot read: {error}") from None
        try:
            return _HtmlReader(path, text, source, soup).read()
        finally:
            _free(soup)


def _free(soup: BeautifulSoup) -> None:
    """Take the tree apart, so that reference counting frees it now.

    NOTE: every element points at its parent and its neighbours, so a dropped tree is cyclic garbage:
    the collector then had to walk its tens of thousands of objects (a quarter of a parse), and with
    it paused while reading, all at once at the end. Taking it apart costs a third of that.
    """
    for child in list(soup.contents):
        child.decompose()


class _HtmlReader:
    def __init__(self, path: str, text: str, source: SourceMap, soup: BeautifulSoup) -> None:
        self.text = text
        self.source = source
        self.soup = soup
        self.readable = source.readable
        self._blank: list[tuple[int, int]] = []  # spans to blank in ``readable``, all at once
        self.page = PageElements(soup)
        self.wikipedia = self.page.first(".mw-parser-output", "#mw-content-text") is not None
        self.root = self.page.root
        self.b = DocumentBuilder(path, text, "html", "")
        self.blocks: list[tuple[BlockKind, Span, int, str | None, int]] = []  # kind, span, section, label, column
        self.references: list[tuple[Tag, int]] = []  # list items, with their section
        self.section = self.b.section(self._title() or "(lead)", (), None, 1)
        self._path: list[tuple[int, str]] = []
        self._navigation = False
        self._holders: set[int] = set()  # elements that hold a list of references
        self._headings_end = 0  # where the headings blanked so far end, at the furthest
        self.ids = self.page.ids

    def read(self) -> Document:
        root_span = self._span(self.root) if self.root is not self.soup else Span(0, len(self.text))
        self._blank += [(0, root_span.start), (root_span.end, len(self.text))]
        self.b.region(RegionKind.CHROME, 0, root_span.start)
        self.b.region(RegionKind.CHROME, root_span.end, len(self.text))
        for element in self.page.hidden + self.page.not_shown:
            span = self._span(element)
            self._blank.append((span.start, span.end))
        for kind, elements in self.page.regions:
            for element in elements:
                span = self._span(element)
                self.b.region(kind, span.start, span.end)
                self._blank.append((span.start, span.end))
        markers = self._markers()
        tags = self._tags()
        reference_lists = self._reference_lists(markers)
        self._holders = {id(parent) for found in reference_lists for parent in found.parents}
        self.readable = self._blanked()
        self._visit(self.root, {id(found) for found in reference_lists})
        self.b.readable = self._blanked()
        return self._assemble(markers, tags)

    def _blanked(self) -> str:
        """``readable`` with the spans listed so far blanked to spaces (line breaks kept, so line numbers
        hold), their union at once rather than one by one into a list of characters."""
        out: list[str] = []
        position = 0
        for start, end in sorted(self._blank):
            start = max(start, position)
            if start < end:
                out.append(self.readable[position:start])
                out.append(self.source.blanked[start:end])
                position = end
        out.append(self.readable[position:])
        self._blank = []
        return "".join(out)

    def _span(self, element: Tag) -> Span:
        return self.source.span(element)

    def _title(self) -> str | None:
        heading = self.page.first("<h1")
        if heading is not None and (words := " ".join(heading.get_text(" ").split())):
            return words
        title = self.soup.title.get_text() if self.soup.title else ""
        return " ".join(re.sub(r"\s+[-–—|]\s+Wikipedia\s*$", "", title).split()) or None

    # --- structure ---

    def _visit(self, root: Tag, lists: set[int]) -> None:
        """Walk the content in document order, with a stack rather than recursion: pages nest deeply."""
        pending: list[Iterator[PageElement]] = [iter(root.children)]
        while pending:
            child = next(pending[-1], None)
            if child is None:
                pending.pop()
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            span = self._span(child)
            if not self._has_text(span):
                continue  # hidden, or holds no text
            if name in _HEADINGS:
                self._heading(child, span)
            elif id(child) in lists:
                self.references.extend((item, self.section) for item in child.find_all("li", recursive=False))
            elif id(child) in self._holders:
                pending.append(iter(child.children))
            elif name == "table":
                self._table(child, span)
            elif self._navigation:
                self.b.region(RegionKind.NAVIGATION, span.start, span.end)
            elif name in _PROSE:
                self.blocks.append((BlockKind.PARAGRAPH, span, self.section, None, 0))
            elif name == "li":
                nested = child.find_all(_LISTS, recursive=False)
                end = self.source.start(nested[0]) if nested else span.end
                if self._has_text(Span(span.start, end)):
                    self.blocks.append((BlockKind.LIST_ITEM, Span(span.start, end), self.section, None, 0))
                pending.append(chain.from_iterable(n.children for n in nested))  # a nested list: items of its own
            elif name in _CONTAINERS and any(isinstance(c, Tag) and not _is_inline(c) for c in child.children):
                pending.append(iter(child.children))
            elif name in _CONTAINERS and name not in _LISTS:
                self.blocks.append((BlockKind.PARAGRAPH, span, self.section, None, 0))  # text straight in a <div>

    def _has_text(self, span: Span) -> bool:
        """Whether any readable text lies in ``span``, in the copy as it was before the walk (``readable``
        with no heading blanked yet).

        NOTE: a search stops at the first character of text, and the walk descends only into elements
        that have some, so blank stretches are scanned a few times at most; listing every run of text
        beforehand (one match object a word) cost more than all these searches.
        """
        return _TEXT.search(self.readable, span.start, span.end) is not None

    def _heading(self, element: Tag, span: Span) -> None:
        level = int(element.name[1])
        blanked = min(max(self._headings_end, span.start), span.end)  # a heading before it overlapping it
        written = self.source.blanked[span.start : blanked] + self.readable[blanked : span.end]
        words = " ".join(written.split())
        while self._path and self._path[-1][0] >= level:
            self._path.pop()
        self._path.append((level, words))
        self.section = self.b.section(words, tuple(t for _, t in self._path), span, level)
        self._navigation = words.lower() in NON_PROSE
        self._blank.append((span.start, span.end))
        self._headings_end = max(self._headings_end, span.end)

    def _table(self, element: Tag, span: Span) -> None:
        classes = element.get("class") or []
        if "infobox" in classes or any(c.startswith("infobox") for c in classes):
            self._infobox(element)
        else:
            self.blocks.append((BlockKind.TABLE, span, self.section, None, 0))

    def _infobox(self, table: Tag) -> None:
        header = None
        for row in table.find_all("tr"):
            label_cell = row.find("th", recursive=False)
            cells = [c for c in row.find_all("td", recursive=False) if c.find("table") is None]
            label = " ".join(label_cell.get_text(" ").split()) if isinstance(label_cell, Tag) else None
            if label and not cells:
                header = label
                continue
            if label and states_no_fact(label):
                continue
            for column, cell in enumerate(cells, start=1):
                span = self._span(cell)
                if self._has_text(span):  # side by side, cells are the belligerents' columns
                    side = column if len(cells) > 1 else 0
                    self.blocks.append((BlockKind.INFOBOX_FIELD, span, self.section, label or header, side))

    # --- citations ---

    def _markers(self) -> list[tuple[Tag, str]]:
        """Each citation marker, with the id it points at, in text order."""
        found: dict[int, tuple[Tag, str]] = {}
        for element in self.page.markers:
            anchor = element if element.name == "a" else _link_within(element)
            if not isinstance(anchor, Tag) or self.page.in_backlink(element):
                continue  # a page number ({{rp}}) has no anchor; a backlink is not a citation
            marker = (
                element.parent if element.name == "a" and element.parent and element.parent.name == "sup" else element
            )
            target = unquote(str(anchor.get("href", "")).partition("#")[2])
            known = is_footnote_marker(marker) or is_footnote_marker(anchor)
            in_page = str(anchor.get("href", "")).startswith("#")
            if target and (known or in_page or target in self.ids):  # a link elsewhere must lead somewhere here
                found.setdefault(id(marker), (marker, target))
        for error in self.page.cite_errors:
            if error.find_parent(class_="references") is None and _WITHOUT_CONTENT.search(error.get_text(" ")):
                found.setdefault(id(error), (error, ""))  # "<ref></ref>": a footnote with nothing in it
        return sorted(found.values(), key=lambda item: self.source.start(item[0]))

    def _reference_lists(self, markers: list[tuple[Tag, str]]) -> list[Tag]:
        lists = {id(element): element for element in self.page.reference_lists}
        for _, target in markers:
            item = self.ids.get(target)
            if isinstance(item, Tag) and item.name != "li":
                item = item.find_parent("li")
            if isinstance(item, Tag) and item.parent is not None and item.parent.name in ("ol", "ul"):
                lists[id(item.parent)] = item.parent
        return list(lists.values())

    def _tags(self) -> list[tuple[Tag, str]]:
        found = []
        for element in self.page.tag_sups:
            words = _label(element).lower()
            name = words.rstrip("?")
            if "Template-Fact" in (element.get("class") or []) or name in CITATION_NEEDED:
                found.append((element, "citation needed"))
            elif name in DEAD_LINK or name.startswith("dead link"):
                found.append((element, "dead link"))
            elif words:
                found.append((element, OTHER_TAGS.get(name, words)))
            span = self._span(element)
            self._blank.append((span.start, span.end))
        return found

    # --- assembling ---

    def _assemble(self, markers: list[tuple[Tag, str]], tags: list[tuple[Tag, str]]) -> Document:
        b = self.b
        block_index = []
        for kind, span, section, label, column in sorted(self.blocks, key=lambda item: item[1].start):
            if kind is BlockKind.PARAGRAPH and section and self.b.sections[section].title.lower() in NON_PROSE:
                continue
            block_index.append((b.block(kind, span.start, span.end, section, label, column), span))
        block_at = BlockLocator(block_index)

        targets: dict[str, Tag] = {}
        for item, _ in self.references:
            for element in [item, *self.page.find_all(item, "#id")]:
                targets.setdefault(str(element.get("id")), item)
        keys: dict[int, str] = {}  # reference list item -> key
        used: set[str] = set()
        empty = 0
        for marker, target in markers:
            span = self._span(marker)
            item = targets.get(target)
            if not target:  # MediaWiki's error for a footnote with no content
                empty += 1
                key = f"empty {empty}"
                b.reference(key, span, Span(span.end, span.end), "", None, self.section)
            elif item is None or self._only_cite_error(item):
                key = _label(marker) or target
            elif id(item) in keys:
                key = keys[id(item)]
            else:
                key = _label(marker) or target
                key = target if key in used else key
                keys[id(item)] = key
            used.add(key)
            b.marker(key, span, block_at(span.start))
        for item, section in self.references:
            if self._only_cite_error(item):
                continue
            key = keys.get(id(item)) or str(item.get("id") or len(b.references) + 1)
            self._reference(item, key, section)
        if not self.wikipedia:
            self._links(block_at)
        for element, name in tags:
            span = self._span(element)
            b.tag(name, span, block_at(span.start))
        return b.build(self.b.sections[0].title, self._provenance())

    def _reference(self, item: Tag, key: str, section: int) -> None:
        span = self._span(item)
        body = self.page.find(item, "reference-text")
        content = self._span(body) if isinstance(body, Tag) else span
        words = close_up(self.b.readable[content.start : content.end])
        backlink = self.page.find(item, "mw-cite-backlink")
        backlinks = _count_anchors(backlink) if isinstance(backlink, Tag) else _count_backlinks(item)
        self.b.reference(
            key, span, content, words, backlinks or None, section, self._fields(words, item) if words else None
        )

    def _links(self, block_at: BlockLocator) -> None:
        """On pages other than Wikipedia's, an external link in prose cites its sentence."""
        seen: set[str] = set()
        for anchor in self.root.find_all("a", href=re.compile(r"^https?://")):
            span = self._span(anchor)
            block = block_at(span.start)
            if block == -1 or self.b.blocks[block].kind is BlockKind.REFERENCE:
                continue
            url = str(anchor["href"])
            key = f"link {url}"
            self.b.marker(key, span, block)
            if key not in seen:
                seen.add(key)
                words = " ".join(anchor.get_text(" ").split())
                self.b.reference(
                    key, Span(0, 0), Span(0, 0), f"{words} {url}".strip(), None, 0, ReferenceFields(url=url)
                )

    def _fields(self, words: str, item: Tag) -> ReferenceFields:
        anchors = [a for a in self.page.find_all(item, "a[href]") if _ABSOLUTE.match(str(a["href"]))]
        return _fields(words, self.page.find_all(item, "citation-comment"), anchors)

    def _only_cite_error(self, item: Tag) -> bool:
        """A list entry MediaWiki wrote only to say the reference was never defined."""
        error = self.page.find(item, "mw-ext-cite-error")
        if error is None:
            return False
        body = self.page.find(item, "reference-text") or item
        return " ".join(body.get_text(" ").split()) == " ".join(error.get_text(" ").split())

    def _provenance(self) -> Provenance:
        canonical = self.page.first("<link rel=canonical")
        source_url = str(canonical["href"]) if isinstance(canonical, Tag) and canonical.get("href") else None
        footer = self.page.first("#footer-info-lastmod", "#footer-info")
        edited = _LAST_EDITED.search(" ".join(footer.get_text(" ").split())) if isinstance(footer, Tag) else None
        copyright_ = self.page.first("#footer-info-copyright")
        licence = "CC BY-SA" if copyright_ is not None and "ShareAlike" in copyright_.get_text() else None
        return Provenance(
            source_url=source_url,
            retrieved=edited["when"] if edited else None,
            publisher="Wikipedia" if self.wikipedia else None,
            licence=licence,
        )


def _is_inline(element: Tag) -> bool:
    return element.name in ("a", "b", "i", "em", "strong", "span", "sup", "sub", "small", "abbr", "code", "br", "img")


def _link_within(element: Tag) -> Tag | None:
    """``element.find("a", href=re.compile("#"))`` without building a search: the first link inside
    ``element`` to an anchor."""
    for found in element.descendants:
        if isinstance(found, Tag) and found.name == "a" and "#" in str(found.attrs.get("href", "")):
            return found
    return None


def _count_anchors(element: Tag) -> int:
    """``len(element.find_all("a"))``."""
    return sum(1 for found in element.descendants if isinstance(found, Tag) and found.name == "a")


def _count_backlinks(item: Tag) -> int:
    """``len(item.find_all("a", class_="footnote-back") + item.find_all("a", role="doc-backlink"))``."""
    count = 0
    for found in item.descendants:
        if isinstance(found, Tag) and found.name == "a":
            count += ("footnote-back" in (found.attrs.get("class") or ())) + (found.attrs.get("role") == "doc-backlink")
    return count


def _label(marker: Tag) -> str:
    return " ".join(marker.get_text(" ").replace("[", " ").replace("]", " ").split())


def _fields(words: str, comments: list[Tag], anchors: list[Tag]) -> ReferenceFields:
    """The citation's fields from its text, with its URLs from its links (``anchors``: those with an
    absolute address) rather than its words; ``comments``: the reference's ``.citation-comment``s."""
    fields = parse_reference_text(words)
    # A wiki's own links (to the article on an author or a work, to another language's: "extiw") are not the
    # source, even made absolute; a Wikipedia article given as a citation's address is an external link.
    hrefs = [str(a["href"]) for a in anchors if not _wiki_link(a)]
    hrefs = ["https:" + h if h.startswith("//") else h for h in hrefs]
    archive = next((h for h in hrefs if _ARCHIVES.match(h)), fields.archive_url)
    link = parse_archive_link(archive) if archive else None
    archived = None if link is None else link.original if "://" in link.original else "http://" + link.original
    links = [h for h in hrefs if not _ARCHIVES.match(h)]
    # The title's link is the source; a DOI or ISSN link beside it names the same work by identifier.
    linked = [h for h in links if _same_page(h, archived)] or [h for h in links if not _IDENTIFIERS.match(h)] or links
    url = next(iter(linked), fields.url)
    if url is None and not _archive_without_url(comments):  # the archive link stands for the original it copies
        url = archived
    return replace(fields, url=url, archive_url=archive)


def _wiki_link(anchor: Tag) -> bool:
    classes = anchor.get("class") or ()
    return "wikipedia.org/wiki/" in str(anchor["href"]) and ("external" not in classes or "extiw" in classes)


def _archive_without_url(comments: list[Tag]) -> bool:
    """MediaWiki's citation templates said so: "|archive-url= requires |url=" (hidden, but on the page)."""
    return any(_NO_URL.search(comment.get_text(" ")) for comment in comments)


_NO_URL = re.compile(r"\|\s*archive-?url\s*=\s*requires\s*\|\s*url\s*=", re.I)


def _same_page(href: str, archived: str | None) -> bool:
    if archived is None:
        return False
    one, other = clean(href), clean(archived)
    return one is not None and other is not None and one.key == other.key
