"""Assembles a Document from the spans a reader finds, so readers share one model."""

from __future__ import annotations

from dataclasses import replace

from ..document import (
    Block,
    BlockKind,
    Document,
    Marker,
    Provenance,
    Reference,
    ReferenceFields,
    ReferenceProblem,
    Region,
    RegionKind,
    Section,
    Sentence,
    Span,
    Tag,
)
from ..text import INLINE, tag_name
from .citetext import parse_reference_text
from .sections import prose_section
from .segment import content_end, split_sentences

# NOTE: a named tuple built by its class calls a Python ``__new__``; ``tuple.__new__`` builds the same record
# in C, and a copy builds some thousands of them.
_new = tuple.__new__


class DocumentBuilder:
    """Collects sections, regions, blocks and references in text order."""

    def __init__(self, path: str, text: str, format: str, readable: str | None = None) -> None:
        """``readable``: the text with markup blanked, for a format whose reader finds its own
        markers (wikitext); without it, ``[n]`` markers and tags are found in the text."""
        self.path = path
        self.text = text
        self.format = format
        self.readable = readable
        self.sections: list[Section] = []
        self.regions: list[Region] = []
        self.blocks: list[Block] = []
        self.sentences: list[Sentence] = []
        self.markers: list[Marker] = []
        self.tags: list[Tag] = []
        self.references: list[Reference] = []
        self._reference_blocks: list[int] = []  # the block of each reference, in step with references

    def section(self, title: str, path: tuple[str, ...], heading: Span | None, level: int) -> int:
        self.sections.append(Section(title, path, heading, level, prose_section(path)))
        return len(self.sections) - 1

    def region(self, kind: RegionKind, start: int, end: int) -> None:
        if start < end:
            self.regions.append(Region(kind, Span(start, end)))

    def block(
        self, kind: BlockKind, start: int, end: int, section: int, label: str | None = None, column: int = 0
    ) -> int:
        """Add a claim-bearing block, with its inline markers, tags and sentences."""
        index = len(self.blocks)
        self.blocks.append(_new(Block, (kind, _new(Span, (start, end)), section, label, column)))
        text = self.text
        if self.readable is not None or text.find("[", start, end) == -1:
            # A reader's own copy (its markers are the reader's), or no marker and no tag in the text: each
            # sentence's words run to its end.
            searched = text if self.readable is None else self.readable
            self.sentences += [
                _new(Sentence, (_new(Span, piece), index, piece[1])) for piece in split_sentences(searched, start, end)
            ]
            return index
        for match in INLINE.finditer(text, start, end):
            span = _new(Span, match.span())
            if key := match.group("key"):
                self.markers.append(_new(Marker, (key, span, index)))
            else:
                self.tags.append(_new(Tag, (tag_name(match.group("tag")), span, index)))
        # A piece is trimmed: unless it ends on "]", its words run to its end.
        self.sentences += [
            _new(
                Sentence,
                (_new(Span, piece), index, content_end(text, *piece) if text[piece[1] - 1] == "]" else piece[1]),
            )
            for piece in split_sentences(text, start, end)
        ]
        return index

    def marker(self, key: str, span: Span, block: int) -> None:
        self.markers.append(Marker(key, span, block))

    def tag(self, name: str, span: Span, block: int) -> None:
        self.tags.append(Tag(name, span, block))

    def reference(
        self,
        key: str,
        span: Span,
        content: Span,
        text: str,
        backlinks: int | None,
        section: int,
        fields: ReferenceFields | None = None,
        group: str | None = None,
        readable: str | None = None,
    ) -> None:
        """Add a reference-list entry; without ``fields`` (a template's), they are parsed from ``text``.
        ``readable``: the content as a reader sees it, when the document's readable text blanks it."""
        self._reference_blocks.append(len(self.blocks))
        self.blocks.append(Block(BlockKind.REFERENCE, span, section, key))
        fields = parse_reference_text(text) if fields is None else fields
        self.references.append(Reference(key, span, content, text, backlinks, fields, group, readable))

    def group_references(self) -> None:
        """Keep plain numbers for the longest reference list; qualify the keys of any other.

        A copy numbers each list from 1, so a second list ("Notes") would
        collide with the first, and plain ``[n]`` markers cite the main one.
        """
        lists: dict[int, list[int]] = {}  # section -> positions in self.references
        for position, block in enumerate(self._reference_blocks):
            lists.setdefault(self.blocks[block].section, []).append(position)
        if len(lists) < 2:
            return
        main = max(lists, key=lambda section: len(lists[section]))
        for section, positions in lists.items():
            if section == main:
                continue
            group = self.sections[section].title
            for position in positions:
                reference = self.references[position]
                key = f"{group} {reference.key}"
                self.references[position] = replace(reference, key=key, group=group)
                block = self._reference_blocks[position]
                self.blocks[block] = self.blocks[block]._replace(label=key)

    def build(
        self,
        title: str | None,
        provenance: Provenance,
        notes: tuple[str, ...] = (),
        problems: tuple[ReferenceProblem, ...] = (),
    ) -> Document:
        return Document(
            path=self.path,
            text=self.text,
            format=self.format,
            title=title,
            sections=tuple(self.sections),
            blocks=tuple(self.blocks),
            sentences=tuple(sorted(self.sentences, key=lambda s: s.span.start)),
            markers=tuple(self.markers),
            tags=tuple(self.tags),
            references=tuple(self.references),
            regions=tuple(sorted(self.regions, key=lambda r: r.span.start)),
            provenance=provenance,
            notes=notes,
            readable_text=self.readable,
            reference_problems=problems,
        )
