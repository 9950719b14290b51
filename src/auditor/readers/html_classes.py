"""One walk over a parsed HTML page that sorts its elements into what the HTML reader looks for.

The reader used to run a CSS ``select`` per kind of element, each a walk of the
whole tree; this walks it once. Each test below is the selector it replaces,
matched as soupsieve matches it on an HTML document: tag names as the parser
lowercased them, classes and attribute values case-sensitively, and a
descendant combinator (``sup a``, ``section.footnotes ol``) against every
ancestor on the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

from ..document import RegionKind

_HIDDEN_NAMES = frozenset({"script", "style", "noscript", "template", "link", "meta"})
_HIDDEN_CLASSES = frozenset(
    {
        "mw-editsection",
        "mw-empty-elt",
        "shortdescription",
        "metadata",
        "ambox",
        "mbox-small",
        "sistersitebox",
        "thumb",
        "gallery",
        "mw-cite-backlink",
        "citation-comment",
        "catlinks",
        "printfooter",
        "mw-ext-cite-error",
        "geo-default",
        "geo-nondefault",
        "geo-multi-punct",
    }
)
# The regions, in the order the reader records them: the classes, ids and tag names of each.
_REGIONS: tuple[tuple[RegionKind, frozenset[str], frozenset[str], frozenset[str]], ...] = (
    (
        RegionKind.TABLE_OF_CONTENTS,
        frozenset({"toc", "toclimit-2", "toclimit-3", "toclimit-4"}),
        frozenset({"toc"}),
        frozenset(),
    ),
    (RegionKind.HATNOTE, frozenset({"hatnote", "dablink", "rellink"}), frozenset(), frozenset()),
    (
        RegionKind.NAVIGATION,
        frozenset({"navbox", "vertical-navbox", "sidebar", "navbox-styles"}),
        frozenset(),
        frozenset({"nav"}),
    ),
)
# Tag names some test matches without any attribute (``sup a`` and ``section.footnotes ol`` need their
# ancestors' attributes, not their own).
_NAMED = _HIDDEN_NAMES | {"nav", "ol", "sup", "article", "main", "body", "h1"}
_NOT_SHOWN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# Classes looked for inside a reference or above a marker, answered from the walk rather than a search;
# with "#id" (elements with an id) and "a[href]" (links).
_LOOKED_UP = ("mw-ext-cite-error", "reference-text", "mw-cite-backlink", "citation-comment")


class PageElements:
    """What the reader needs from a page, each list in document order.

    Lists of the page's content (``hidden``, ``regions``, ``markers`` ...) hold only the
    elements inside ``root``, as a ``select`` from it would; ``root`` itself excluded.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        self.ids: dict[str, Tag] = {}
        self.firsts: dict[str, tuple[int, Tag]] = {}  # the first of each kind the page-wide lookups want
        found: dict[str, list[tuple[int, Tag]]] = {
            key: [] for key in ("hidden", "markers", "cite_errors", "reference_lists", "tag_sups", "not_shown")
        }
        regions: list[list[tuple[int, Tag]]] = [[] for _ in _REGIONS]
        ends: dict[int, int] = {}  # element -> index of its last descendant
        indexes: dict[int, int] = {}
        self._classed: dict[str, list[tuple[int, Tag]]] = {name: [] for name in (*_LOOKED_UP, "#id", "a[href]")}
        self._in_backlink: set[int] = set()  # elements inside a .mw-cite-backlink
        backlinks = 0
        stack: list[tuple[Tag, bool, bool, bool]] = []  # element, is a <sup>, opens footnotes, is a backlink
        sups = footnotes = 0
        index = -1
        for element in soup.descendants:
            if not isinstance(element, Tag):
                continue
            parent = element.parent
            while stack and stack[-1][0] is not parent:
                closed, was_sup, was_footnotes, was_backlink = stack.pop()
                ends[id(closed)] = index
                sups -= was_sup
                footnotes -= was_footnotes
                backlinks -= was_backlink
            index += 1
            name = element.name
            attrs = element.attrs
            indexes[id(element)] = index
            if backlinks:
                self._in_backlink.add(id(element))
            if not attrs and name not in _NAMED:  # most elements: nothing to match but by attributes
                stack.append((element, False, False, False))
                continue
            classes = attrs.get("class") or ()
            element_id = attrs.get("id")
            if element_id is not None:
                self.ids[str(element_id)] = element
                self._classed["#id"].append((index, element))
                self.firsts.setdefault("#" + str(element_id), (index, element))
            if name == "a" and "href" in attrs:
                self._classed["a[href]"].append((index, element))
            if "mw-parser-output" in classes:
                self.firsts.setdefault(".mw-parser-output", (index, element))
            if name in ("article", "main", "body", "h1"):
                self.firsts.setdefault("<" + name, (index, element))
            elif name == "link" and _canonical(attrs.get("rel")):
                self.firsts.setdefault("<link rel=canonical", (index, element))
            if (
                name in _HIDDEN_NAMES
                or not _HIDDEN_CLASSES.isdisjoint(classes)
                or (name == "sup" and "reference" in classes)
                or (name == "a" and ("footnote-back" in classes or attrs.get("role") == "doc-backlink"))
                or element_id == "coordinates"
            ):
                found["hidden"].append((index, element))
            if "mw-ext-cite-error" in classes:
                found["cite_errors"].append((index, element))
            for name_looked_up in _LOOKED_UP:
                if name_looked_up in classes:
                    self._classed[name_looked_up].append((index, element))
            if "style" in attrs and _NOT_SHOWN.search(str(attrs["style"])):
                found["not_shown"].append((index, element))
            for group, (_, region_classes, region_ids, region_names) in enumerate(_REGIONS):
                if not region_classes.isdisjoint(classes) or element_id in region_ids or name in region_names:
                    regions[group].append((index, element))
            if (
                (name == "sup" and "reference" in classes)
                or (name == "a" and ("footnote-ref" in classes or attrs.get("role") == "doc-noteref"))
                or (name == "a" and sups and (href := attrs.get("href")) is not None and "#" in str(href))
            ):
                found["markers"].append((index, element))
            if name == "ol" and (footnotes or "references" in classes or "footnotes" in classes):
                found["reference_lists"].append((index, element))
            if name == "sup" and ("Inline-Template" in classes or "Template-Fact" in classes):
                found["tag_sups"].append((index, element))
            is_sup = name == "sup"
            opens_footnotes = (name in ("section", "div") and "footnotes" in classes) or attrs.get(
                "role"
            ) == "doc-endnotes"
            is_backlink = "mw-cite-backlink" in classes
            stack.append((element, is_sup, opens_footnotes, is_backlink))
            sups += is_sup
            footnotes += opens_footnotes
            backlinks += is_backlink
        for closed, *_ in stack:
            ends[id(closed)] = index
        self._indexes, self._ends = indexes, ends
        self._classed_at = {name: [i for i, _ in found_] for name, found_ in self._classed.items()}

        self.root: Tag = soup  # type: ignore[assignment]
        for key in (".mw-parser-output", "#mw-content-text", "<article", "<main", "<body"):
            if key in self.firsts:
                self.root = self.firsts[key][1]
                break
        inside = _inside(indexes, ends, self.root)
        self.hidden = [e for i, e in found["hidden"] if inside(i)]
        self.not_shown = [e for i, e in found["not_shown"] if inside(i)]
        self.regions = [
            (kind, [e for i, e in regions[group] if inside(i)]) for group, (kind, *_) in enumerate(_REGIONS)
        ]
        self.markers = [e for i, e in found["markers"] if inside(i)]
        self.cite_errors = [e for i, e in found["cite_errors"] if inside(i)]
        self.reference_lists = [e for i, e in found["reference_lists"] if inside(i)]
        self.tag_sups = [e for i, e in found["tag_sups"] if inside(i)]

    def first(self, *keys: str) -> Tag | None:
        """The first of these on the page in document order, as ``select_one`` finds it: ``.class``, ``#id``,
        ``<tag`` or ``<link rel=canonical``."""
        found = [self.firsts[key] for key in keys if key in self.firsts]
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def find(self, element: Tag, class_: str) -> Tag | None:
        """``element.find(class_=...)`` for the classes in ``_LOOKED_UP``: the first inside it."""
        return next(iter(self.find_all(element, class_)), None)

    def find_all(self, element: Tag, kind: str) -> list[Tag]:
        """The elements of a kind (a class in ``_LOOKED_UP``, "#id" or "a[href]") inside ``element``."""
        indexes = self._classed_at[kind]
        start = bisect_right(indexes, self._indexes[id(element)])
        end = bisect_right(indexes, self._ends[id(element)], start)
        return [found for _, found in self._classed[kind][start:end]]

    def in_backlink(self, element: Tag) -> bool:
        """``element.find_parent(class_="mw-cite-backlink") is not None``."""
        return id(element) in self._in_backlink


def is_footnote_marker(element: Tag) -> bool:
    """``sup.reference, a.footnote-ref, a[role=doc-noteref]``: a marker by the name its page gives it."""
    classes = element.get("class") or ()
    if element.name == "sup":
        return "reference" in classes
    return element.name == "a" and ("footnote-ref" in classes or element.get("role") == "doc-noteref")


def _canonical(rel: object) -> bool:
    """``find("link", rel="canonical")``: one of the values, or all of them as written."""
    if isinstance(rel, list):
        return "canonical" in rel or " ".join(rel) == "canonical"
    return rel == "canonical"


def _inside(indexes: dict[int, int], ends: dict[int, int], root: Tag) -> Callable[[int], bool]:
    if isinstance(root, BeautifulSoup):
        return lambda index: True
    start, end = indexes[id(root)], ends[id(root)]
    return lambda index: start < index <= end
