"""Copies that keep one paragraph per line, like the bundled seed.

Layout, top to bottom: site chrome, the title (repeated), an infobox of short
``Label value`` lines, the lead, the numbered reference list, the body (in the
seed, paragraphs in reverse order), a bulleted table of contents with section
numbers, and licence boilerplate.
"""

from __future__ import annotations

import re

from ..document import BlockKind, Document, RegionKind, Span
from .builder import DocumentBuilder
from .lines import Line, blank_run_before, split_lines
from .mirror_common import add_reference, licence_start, mirror_provenance
from .sections import Item, TocEntry, normalise, plan_sections

_REF_ENTRY = re.compile(r"^\s*(\d{1,5})\.\s+(?=\^)")
_TOC_ENTRY = re.compile(r"^\s*[•*·]\s+(?P<title>.+?)\s+(?P<number>\d{1,2}(?:\.\d{1,2})*)\s*$")
_BULLET = re.compile(r"^\s*[•*·]\s+")
_INLINE_LABEL = re.compile(r"^(?P<label>Part of|Date|Location|Result|Status|Territorial changes)\b\s*")
_HEADER_LABELS = frozenset(
    {"belligerents", "commanders and leaders", "units involved", "strength", "casualties and losses", "result"}
)
_PROSE_LINE = 100  # an infobox line is short; the lead's first line is not


def read_flat_mirror(path: str, text: str) -> Document:
    lines = split_lines(text)
    b = DocumentBuilder(path, text, "mirror")
    end = licence_start(lines)
    if end < len(lines):
        b.region(RegionKind.LICENCE, lines[end].start, len(text))

    title, cursor = _read_header(lines, end, b)
    lead = b.section(title or "(lead)", (), None, 1)
    cursor = _read_infobox(lines, cursor, end, b, lead)

    toc = _table_of_contents(lines, cursor, end)
    toc_titles = {normalise(entry.title) for entry in toc}
    items: list[Item] = []
    item_kinds: list[BlockKind] = []
    references_section: int | None = None
    in_lead = True
    i = cursor
    while i < end:
        line = lines[i]
        if line.blank:
            i += 1
            continue
        if _REF_ENTRY.match(line.text):
            in_lead = False
            if references_section is None:
                references_section = b.section("References", ("References",), None, 2)
            i = _read_references(lines, i, end, b, references_section)
            continue
        if _TOC_ENTRY.match(line.text) and normalise(_TOC_ENTRY.match(line.text)["title"]) in toc_titles:
            in_lead = False
            start = i
            while i < end and (lines[i].blank or _TOC_ENTRY.match(lines[i].text)):
                i += 1
            b.region(RegionKind.TABLE_OF_CONTENTS, lines[start].start, lines[i - 1].end)
            continue
        kind = BlockKind.LIST_ITEM if _BULLET.match(line.text) else BlockKind.PARAGRAPH
        last = i
        if kind is BlockKind.PARAGRAPH:  # a paragraph runs on over lines until a blank or a list
            while last + 1 < end and not lines[last + 1].blank and not _starts_block(lines[last + 1].text):
                last += 1
        heading = line.stripped if last == i and normalise(line.stripped) in toc_titles else None
        if heading:
            in_lead = False
        span = Span(line.start + _content_start(line.text), lines[last].end)
        if in_lead:
            b.block(kind, span.start, span.end, lead)
        else:
            items.append(Item(heading, span, blank_run_before(lines, i) >= 2))
            item_kinds.append(kind)
        i = last + 1

    plans, owners, reversed_order = plan_sections(items, toc)
    section_of_plan = [b.section(p.title, p.path, p.heading, p.level) for p in plans]
    for item, kind, owner in zip(items, item_kinds, owners, strict=True):
        if item.heading is None:
            b.block(kind, item.span.start, item.span.end, lead if owner is None else section_of_plan[owner])

    notes = ("reversed-paragraph-order",) if reversed_order else ()
    chrome = next((r for r in b.regions if r.kind is RegionKind.CHROME), None)
    chrome_text = text[chrome.span.start : chrome.span.end].strip() if chrome else ""
    site = chrome_text.splitlines()[0].strip() if chrome_text else None  # blank lines above the title name no site
    return b.build(title, mirror_provenance(text, lines, end, publisher=site or None), notes)


def _starts_block(text: str) -> bool:
    return bool(_BULLET.match(text) or _REF_ENTRY.match(text) or _TOC_ENTRY.match(text))


def _content_start(text: str) -> int:
    """Where a line's content starts, after indentation and any bullet."""
    bullet = _BULLET.match(text)
    return bullet.end() if bullet else len(text) - len(text.lstrip())


def _read_header(lines: list[Line], end: int, b: DocumentBuilder) -> tuple[str | None, int]:
    """Find the title (the first line the page repeats) and mark what precedes it as chrome."""
    head = [i for i in range(min(end, 40)) if not lines[i].blank][:20]
    texts = [lines[i].stripped for i in head]
    for position, i in enumerate(head):
        candidate = texts[position]
        if _looks_like_title(candidate) and texts.count(candidate) >= 2:
            title = candidate
            b.region(RegionKind.CHROME, 0, lines[i].start)
            last = i
            for j in head[position:]:
                if lines[j].stripped != title:
                    break
                b.region(RegionKind.TITLE, lines[j].start, lines[j].end)
                last = j
            return title, last + 1
    return None, 0


def _looks_like_title(text: str) -> bool:
    return len(text) <= 120 and not text.endswith((".", "!", "?", "]")) and "[" not in text


def _read_infobox(lines: list[Line], start: int, end: int, b: DocumentBuilder, section: int) -> int:
    """Read ``Label value`` lines until the first line of prose; return where prose starts."""
    i = start
    while i < end and lines[i].blank:
        i += 1
    if i >= end or not _INLINE_LABEL.match(lines[i].stripped):
        return start
    label: str | None = None
    field: tuple[int, int, str | None] | None = None  # start, end, label of the field being read

    def flush() -> None:
        if field:
            b.block(BlockKind.INFOBOX_FIELD, field[0], field[1], section, field[2])

    while i < end:
        line = lines[i]
        text = line.stripped
        if not text:
            i += 1
            continue
        if (len(text) >= _PROSE_LINE and not _BULLET.match(line.text)) or _REF_ENTRY.match(line.text):
            break
        start_offset = line.start + _content_start(line.text)
        if text.startswith("(") and field:
            field = (field[0], line.end, field[2])  # a parenthesised note continues its field
        elif text.casefold().rstrip(":") in _HEADER_LABELS:
            flush()
            field = None
            label = text.rstrip(":")
        else:
            flush()
            if match := _INLINE_LABEL.match(text):
                label = match["label"]
            elif _BULLET.match(line.text):
                if label in (None, "Part of", "Date", "Location"):
                    label = "Result"
            elif label == "Result":
                label = "Belligerents"  # the copy dropped this header; the sides follow the result
            field = (start_offset, line.end, label)
        i += 1
    flush()
    return i


def _table_of_contents(lines: list[Line], start: int, end: int) -> list[TocEntry]:
    """The longest run of numbered bullet lines (blank lines allowed inside)."""
    best: list[TocEntry] = []
    run: list[TocEntry] = []
    for line in lines[start:end]:
        if line.blank:
            continue
        if match := _TOC_ENTRY.match(line.text):
            run.append(TocEntry(match["title"].strip(), match["number"]))
        else:
            if len(run) > len(best):
                best = run
            run = []
    if len(run) > len(best):
        best = run
    return best if len(best) >= 2 else []


def _read_references(lines: list[Line], i: int, end: int, b: DocumentBuilder, section: int) -> int:
    while i < end and (match := _REF_ENTRY.match(lines[i].text)):
        line = lines[i]
        add_reference(b, match.group(1), Span(line.start, line.end), line.start + match.end(), section)
        i += 1
    return i
