"""The document model every reader produces and every rule reads: plain data.

All positions are character offsets into the verbatim source text; line and
column are derived from them on demand, never stored. What is computed from a
document (its dates, figures, cited sources) is not kept here but in the facts
the engine builds once per document (``extract.facts``).

NOTE: the many small records (spans, blocks, sentences, markers) are named
tuples: a frozen dataclass sets each field through object.__setattr__, which
made building them a fifth of the time it takes to read a document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from .text import INLINE

_NEWLINE = re.compile("\n")


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of character offsets."""

    start: int
    end: int

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    INFOBOX_FIELD = "infobox-field"
    REFERENCE = "reference"
    TABLE = "table"  # rows a copy flattened to text: their markers count, their cells are not claims


class RegionKind(StrEnum):
    """Text that is part of the file but not of the article's claims."""

    CHROME = "chrome"
    LICENCE = "licence"
    TITLE = "title"
    TABLE_OF_CONTENTS = "table-of-contents"
    NAVIGATION = "navigation"
    HATNOTE = "hatnote"  # "For other uses, see ...": a pointer, not a claim


CLAIM_BLOCKS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.INFOBOX_FIELD})


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the document: its heading, its place among the headings and its extent."""

    title: str
    path: tuple[str, ...]
    heading: Span | None  # None for the lead and for headings a copy has lost
    level: int
    prose: bool = True  # False for a section of sources or links ("Bibliography", "Further reading")


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the file that is not part of the article's claims, by kind."""

    kind: RegionKind
    span: Span


class Block(NamedTuple):
    kind: BlockKind
    span: Span
    section: int  # index into Document.sections
    label: str | None = None  # the field name of an infobox field
    column: int = 0  # an infobox field's column, one per side ("casualties2" belongs to "combatant2"); 0: none


class Marker(NamedTuple):
    """An inline citation marker such as ``[12]``."""

    key: str
    span: Span
    block: int


class Tag(NamedTuple):
    """An inline maintenance tag an editor left, such as ``[citation needed]``."""

    name: str
    span: Span
    block: int


class Sentence(NamedTuple):
    span: Span
    block: int
    content_end: int  # end of the words, before any trailing markers or tags


@dataclass(frozen=True, slots=True)
class ReferenceFields:
    """What a reference's text says it cites: title, publisher, date, URL and the rest."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    archive_url: str | None = None
    access_date: str | None = None
    archive_date: str | None = None  # when an archived copy was made ("Archived from the original on ...")
    identifiers: tuple[tuple[str, str], ...] = ()  # a template's (parameter, value): ("isbn", "978-0-..."), ...


@dataclass(frozen=True, slots=True)
class Reference:
    """One entry of the references: its key, where it is, its text and its fields."""

    key: str
    span: Span  # the whole entry
    content: Span  # the entry's text after its number and backlinks
    text: str  # the content with whitespace folded; empty for an empty footnote
    backlinks: int | None  # citing places the source listed; None when not shown
    fields: ReferenceFields = ReferenceFields()  # as a template gives them, or as the reader parsed the text
    group: str | None = None  # a second list ("Notes"), whose markers a copy cannot tell apart
    # The content as a reader sees it, offset for offset with ``content``, when ``readable`` blanks it: a
    # wikitext note or footnote sits inside the sentence it annotates. Set for notes that say more than a
    # citation template does.
    readable: str | None = None

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(frozen=True, slots=True)
class ReferenceProblem:
    """A fault in how a source marks up a reference, as MediaWiki's cite errors report them."""

    kind: str  # "redefined": a name defined again with other content; "unclosed": <ref> without </ref>
    key: str
    span: Span  # the faulty definition
    first: Span | None = None  # for "redefined", the definition that counts


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a copy says it came from."""

    source_url: str | None = None
    retrieved: str | None = None
    publisher: str | None = None
    licence: str | None = None
    revision: int | None = None  # the wiki revision a fetched article was read at

    @classmethod
    def of_revision(cls, host: str | None, revision: int | None, timestamp: str | None) -> Provenance:
        """A wiki revision's: its permanent link, when the wiki's host is known, and Wikipedia's licence."""
        return cls(
            source_url=f"https://{host}/w/index.php?oldid={revision}" if host and revision else None,
            retrieved=timestamp,
            publisher=host,
            licence="CC BY-SA" if host and host.endswith("wikipedia.org") else None,
            revision=revision,
        )


@dataclass(frozen=True)
class Document:
    """A document as a reader made it: the verbatim text and the spans found in it."""

    path: str
    text: str
    format: str
    title: str | None = None
    sections: tuple[Section, ...] = ()
    blocks: tuple[Block, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    markers: tuple[Marker, ...] = ()
    tags: tuple[Tag, ...] = ()
    references: tuple[Reference, ...] = ()
    regions: tuple[Region, ...] = ()
    provenance: Provenance = Provenance()
    notes: tuple[str, ...] = field(default=())  # reader observations, e.g. reversed order
    readable_text: str | None = None  # ``text`` with markup blanked, when the format has markup
    reference_problems: tuple[ReferenceProblem, ...] = ()

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @cached_property
    def readable(self) -> str:
        """What a reader sees, offset for offset: markup (wikitext's templates, tags, link brackets)
        is blanked to spaces, so every offset into it is an offset into ``text`` (a wikilink's trail
        moves up over its blanked brackets: "[[pig]]s" reads "pigs" and two spaces)."""
        return self.text if self.readable_text is None else self.readable_text

    @cached_property
    def masked(self) -> str:
        """``readable`` with citation markers and inline tags blanked too: the text analyses read."""
        text = self.readable
        return INLINE.sub(lambda m: " " * len(m.group(0)), text) if "[" in text else text

    @cached_property
    def _line_starts(self) -> list[int]:
        """0, and one past each line break: the matches' ends read in C, not by a loop over the lines."""
        return [0, *map(re.Match.end, _NEWLINE.finditer(self.text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        """One-based line and column of ``offset`` (columns count characters)."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def references_by_key(self) -> dict[str, Reference]:
        return {ref.key: ref for ref in self.references}

    @cached_property
    def markers_by_block(self) -> dict[int, list[Marker]]:
        grouped: dict[int, list[Marker]] = {}
        for marker in self.markers:
            grouped.setdefault(marker.block, []).append(marker)
        return grouped

    @cached_property
    def last_citation_end(self) -> dict[int, int]:
        """For each block with citations, the offset where its last marker ends."""
        ends: dict[int, int] = {}
        for marker in self.markers:
            ends[marker.block] = max(ends.get(marker.block, -1), marker.span.end)
        return ends

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.span.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int | None:
        """The index of the sentence that contains ``offset`` (sentences are in text order)."""
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and self.sentences[index].span.contains(offset):
            return index
        return None

    def sentence_before(self, offset: int, block: int) -> Sentence | None:
        """The sentence of ``block`` that ends last at or before ``offset``: the one a marker just after
        it cites, when markup the reader blanked keeps the marker out of the sentence's span."""
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and self.sentences[index].block == block and self.sentences[index].span.start <= offset:
            return self.sentences[index]
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        index = self.sentence_index(offset)
        return None if index is None else self.sentences[index]

    @cached_property
    def claim_sentences(self) -> tuple[Sentence, ...]:
        """Sentences of paragraphs, list items and infobox fields, outside sections of sources and links."""
        blocks, sections = self.blocks, self.sections
        return tuple(
            s
            for s in self.sentences
            if blocks[s.block].kind in CLAIM_BLOCKS and sections[blocks[s.block].section].prose
        )
