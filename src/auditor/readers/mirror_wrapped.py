"""Copies rendered to wrapped text, with ``***** Heading[edit] *****`` headings.

Such a copy wraps lines at a fixed width and separates paragraphs by nothing
but a line break, so a paragraph ends where the next line's first word would
have fitted on the line before: a greedy wrapper would have put it there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from operator import itemgetter

from ..document import BlockKind, Document, RegionKind, Section, Span
from ..text import INLINE
from .builder import DocumentBuilder
from .lines import Line, split_lines
from .mirror_common import add_reference, mirror_provenance
from .sections import NON_PROSE, normalise

# Every heading of a text in one pass; "[^\S\n]*" takes the "\r" of a CRLF line as the line's own "\s*" would.
# NOTE: these patterns open with their first characters and look back for the line start: opened with "^",
# a multi-line pattern is tried at every position of the text, four times slower.
HEADING = re.compile(r"(?P<stars>\*\*(?<=^\*\*)\*{0,4}) (?P<title>.+?)(?:\[edit\])? (?P=stars)[^\S\n]*$", re.M)
_TITLE_HEADING = re.compile(r"\*\*\*\*\*\*(?<=^\*{6}) ", re.M)
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[*o#]|\d{1,3}\.)\s+")
_REF_ENTRY = re.compile(r"^\s*(\d{1,5})\.\s")
_IMAGE = re.compile(r"^\s*\[[^\]\d][^\]]*\]\s*$")
_CHROME_LINE = re.compile(
    r"^(?:From Wikipedia, the free encyclopedia|Jump_to_navigation\b.*|\(Redirected from .*\)"
    r"|Creative_Commons_Attribution-ShareAlike_License|The following text has been accessed from .*"
    r"|This is the latest_accepted_revision, reviewed on .*)$"
)
_FOOTERS = (  # the first line of either starts the footer
    re.compile(r"Retrieved from \"(?<=^Retrieved from \")", re.M),
    re.compile(r"\*\*\*(?<=^\*\*\*)\*{0,3} Navigation menu \*{3,6}\r?$", re.M),
)
_HATNOTE = re.compile(
    r"^(?:For .{1,150}?, see\b|This article is about |Not to be confused with |Main articles?: |See also: "
    r"|Further information: |\S.{0,80} redirects here)"
)
# Maintenance banners ("This article needs additional citations ..."), indented by the converter.
_BANNER = re.compile(r"^ {1,3}(?:This (?:article|section) |Find sources: |\(Learn_how_and_when_to_remove)")
_TABLE_INDENT = 10  # deeper than any list or quotation a converter indents
# A paragraph of prose ends on one of these; a short line without one was cut by a
# converter around a link or a non-breaking span, not by the end of a paragraph.
_PARAGRAPH_ENDINGS = (".", "!", "?", ":", '"', "”", "’", ")", "]")
_REFERENCE_SECTIONS = frozenset({"references", "notes", "footnotes", "citations", "notes and references"})


def _headings(text: str) -> dict[int, re.Match[str]]:
    """The heading on each line that is one, by line index."""
    found: dict[int, re.Match[str]] = {}
    index = position = 0
    for match in HEADING.finditer(text):
        index += text.count("\n", position, match.start())
        position = match.start()
        found[index] = match
    return found


def _list_item(text: str) -> re.Match[str] | None:
    first = text.lstrip()[:1]
    return _LIST_ITEM.match(text) if first and first in "*o#0123456789" else None


def _image(text: str) -> bool:
    return text.lstrip().startswith("[") and bool(_IMAGE.match(text))


def _tabular(text: str) -> bool:
    """A table row or navigation box a converter laid out in columns."""
    if "   " in text.strip():
        return True  # columns: a converter separates cells by runs of spaces
    indent = len(text) - len(text.lstrip())
    return indent >= _TABLE_INDENT and not _list_item(text)


def _opens_other_than_prose(text: str, content: str) -> bool:
    """``_list_item(text) or _image(text) or _tabular(text)`` for a line that is not blank, ``content`` being
    ``text.lstrip()``: the test of every line a paragraph runs on over, in one call."""
    first = content[0]
    if first in "*o#0123456789" and _LIST_ITEM.match(text):
        return True
    if (first == "[" and _IMAGE.match(text)) or ("   " in text and "   " in content.rstrip()):
        return True
    return len(text) - len(content) >= _TABLE_INDENT  # not a list item: that returned above


def looks_wrapped(text: str) -> bool:
    headings = HEADING.finditer(text, 0, 200_000)
    return next(headings, None) is not None and next(headings, None) is not None


def read_wrapped_mirror(path: str, text: str) -> Document:
    lines = split_lines(text)
    b = DocumentBuilder(path, text, "mirror")
    width = _wrap_width(lines)
    headings = _headings(text)
    heading_lines = list(headings)  # in order
    footer = min((match.start() for pattern in _FOOTERS if (match := pattern.search(text))), default=None)
    end = text.count("\n", 0, footer) if footer is not None else len(lines)
    if end < len(lines):
        b.region(RegionKind.NAVIGATION, lines[end].start, len(text))

    title = None
    section = b.section("(lead)", (), None, 1)
    stack: list[tuple[int, str]] = []  # (level, title) of the enclosing headings
    # Site chrome runs until the title heading; a copy without one starts with the article.
    has_title = _TITLE_HEADING.search(text, 0, lines[end].start if end < len(lines) else len(text)) is not None
    mode = "chrome" if has_title else "prose"
    i = 0
    while i < end:
        line = lines[i]
        if match := headings.get(i):
            level = 7 - len(match["stars"])
            heading = " ".join(match["title"].replace("_", " ").split())
            if mode == "chrome" and level == 1:
                title = heading
                b.region(RegionKind.CHROME, 0, line.start)
                b.region(RegionKind.TITLE, line.start, line.end)
                b.sections[section] = Section(title, (), None, 1)  # the lead is the title's
                mode = "prose"
            elif mode != "chrome":
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, heading))
                section = b.section(heading, tuple(t for _, t in stack), Span(line.start, line.end), level)
                name = normalise(heading)
                if name == "contents":
                    mode = "toc"
                elif name in _REFERENCE_SECTIONS:
                    mode = "references"
                elif any(normalise(enclosing) in NON_PROSE for _, enclosing in stack):
                    mode = "links"  # "External links" and every subsection under it
                else:
                    mode = "prose"
            i += 1
            continue
        if mode == "chrome" or line.blank:
            i += 1
            continue
        if mode in ("toc", "links"):
            j = _region_end(heading_lines, i, end)
            kind = RegionKind.TABLE_OF_CONTENTS if mode == "toc" else RegionKind.NAVIGATION
            b.region(kind, line.start, lines[j - 1].end)
            i = j
            continue
        if _tabular(line.text):
            j = i + 1
            while j < end and _tabular(lines[j].text):
                j += 1
            b.block(BlockKind.TABLE, line.start, lines[j - 1].end, section)
            i = j
            continue
        if mode == "prose" and line.text.startswith(" ") and _BANNER.match(line.text):
            j = i + 1
            while j < end and lines[j].text[:1] == " " and not _list_item(lines[j].text):
                j += 1
            b.region(RegionKind.CHROME, line.start, lines[j - 1].end)
            i = j
            continue
        if mode == "prose" and _HATNOTE.match(line.stripped):
            j = _wrapped_end(lines, headings, i, end, width)
            b.region(RegionKind.HATNOTE, line.start, lines[j - 1].end)
            i = j
            continue
        if _image(line.text) or _CHROME_LINE.match(line.stripped):
            b.region(RegionKind.CHROME, line.start, line.end)
            i += 1
            continue
        if mode == "references" and (match := _REF_ENTRY.match(line.text)):
            j = _entry_end(lines, headings, i, end, len(match.group(0)), int(match.group(1)))
            add_reference(b, match.group(1), Span(line.start, lines[j - 1].end), line.start + match.end(), section)
            i = j
            continue
        if mode == "references":
            i += 1
            continue
        if item := _list_item(line.text):
            j = _continuation_end(lines, headings, i, end, len(item.group(0)))
            b.block(BlockKind.LIST_ITEM, line.start + item.end(), lines[j - 1].end, section)
            i = j
            continue
        j = _paragraph_end(lines, headings, i, end, width)
        b.block(BlockKind.PARAGRAPH, line.start + len(line.text) - len(line.text.lstrip()), lines[j - 1].end, section)
        i = j
    b.group_references()
    return b.build(title, mirror_provenance(text, lines, end))


def _wrap_width(lines: list[Line]) -> int:
    """The width the copy was wrapped at: the longest length that many lines reach.

    Tables and banners make a few longer lines; a wrap width is reached by a
    good share of all the long lines.
    """
    counts = Counter(map(len, map(itemgetter(2), lines)))  # the length of each line's text
    busiest = max((count for length, count in counts.items() if 60 <= length <= 200), default=0)
    frequent = [length for length, count in counts.items() if 60 <= length <= 200 and count >= max(5, busiest / 4)]
    return max(frequent, default=79)


def _rendered_length(text: str) -> int:
    """Length of a line as the converter counted it, before a copy garbled its encoding.

    UTF-8 read as Latin-1 turns one character into two or three ("×" into "Ã\x97").
    """
    if text.isascii():
        return len(text)
    try:
        return len(text.encode("latin-1").decode("utf-8"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        return len(text)


def _fits_after(previous: str, text: str, width: int) -> bool:
    """Whether the first word of ``text`` would have fitted on the line before it.

    A greedy wrapper puts a word on the line before whenever it fits, so when it
    would have, the line before ended of itself.
    """
    first_word = text.split(" ", 1)[0]
    return _rendered_length(previous.rstrip()) + 1 + len(first_word) <= width


def _region_end(heading_lines: list[int], i: int, end: int) -> int:
    """A non-prose run ends at the next heading."""
    following = bisect_right(heading_lines, i)
    return min(heading_lines[following], end) if following < len(heading_lines) else end


def _continuation_end(lines: list[Line], headings: dict[int, re.Match[str]], i: int, end: int, indent: int) -> int:
    """Lines indented to the item's text continue it."""
    j = i + 1
    while j < end:
        text = lines[j].text
        if not text.strip() or j in headings or _list_item(text):
            break
        if len(text) - len(text.lstrip()) < indent:
            break
        j += 1
    return j


def _entry_end(lines: list[Line], headings: dict[int, re.Match[str]], i: int, end: int, indent: int, key: int) -> int:
    """A reference entry runs on until the next entry in sequence, a blank line or a heading.

    A wrapped line may begin with a number and a full stop ("322. Hydraulic
    fracturing"); only the next number in sequence starts a new entry.
    """
    j = i + 1
    while j < end:
        text = lines[j].text
        if not text.strip() or j in headings:
            break
        entry = _REF_ENTRY.match(text)
        if entry and int(entry.group(1)) == key + 1:
            break
        if len(text) - len(text.lstrip()) < indent - 1 and not entry:
            break
        j += 1
    return j


def _wrapped_end(lines: list[Line], headings: dict[int, re.Match[str]], i: int, end: int, width: int) -> int:
    """The end of a run of lines the converter wrapped: each is too full for the next word."""
    j = i + 1
    while j < end and lines[j].text.strip() and j not in headings and not _list_item(lines[j].text):
        if _fits_after(lines[j - 1].text, lines[j].text, width):
            break
        j += 1
    return j


def _paragraph_end(lines: list[Line], headings: dict[int, re.Match[str]], i: int, end: int, width: int) -> int:
    indent = len(lines[i].text) - len(lines[i].text.lstrip())
    j = i + 1
    while j < end:
        previous, text = lines[j - 1].text, lines[j].text
        if text.startswith("[") and INLINE.match(text):
            j += 1  # a marker never starts a paragraph: it closes the sentence above
            continue
        content = text.lstrip()
        if not content or j in headings or _opens_other_than_prose(text, content):
            break
        if len(text) - len(content) != indent:
            break  # a quotation indented apart from the prose around it, or its end
        if not indent and previous.rstrip().endswith(_PARAGRAPH_ENDINGS) and _fits_after(previous, text, width):
            break  # the word would have fitted after a full stop: the line before ended a paragraph
        j += 1
    return j
