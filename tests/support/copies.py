"""Plain-text copies of wikitext, made the way a mirror scrapes the rendered page: the prose with ``[n]``
markers numbered by first citation, headings as lines, and a numbered ``^`` reference list; optionally
with the paragraphs reversed and footnotes emptied, as the seed's mirror did."""

from __future__ import annotations

from auditor.document import BlockKind
from auditor.extract.origin import citation_text, rendered_order
from auditor.readers.wikitext import read_wikitext

LICENCE = "Text is available under the Creative Commons Attribution-ShareAlike License."


def mirror_copy(title: str, wikitext: str, reverse: bool = False, emptied: frozenset[int] = frozenset()) -> str:
    """The copy of ``title`` at the revision ``wikitext``; ``emptied`` footnote numbers lose their text."""
    doc = read_wikitext(f"{title}.wikitext", wikitext)
    order = rendered_order(doc)
    number = {key: n for n, key in enumerate(order, 1)}
    by_block = doc.markers_by_block
    chunks: list[list[str]] = []  # one per section: its heading, then its paragraphs
    current = -1
    for index, block in enumerate(doc.blocks):
        if block.kind is not BlockKind.PARAGRAPH or not doc.sections[block.section].prose:
            continue
        if block.section != current:
            current = block.section
            section = doc.sections[current]
            chunks.append([section.title] if section.heading is not None else [])
        pieces, at = [], block.span.start
        for marker in by_block.get(index, ()):
            if marker.key in number:
                pieces += [doc.readable[at : marker.span.start], f"[{number[marker.key]}]"]
                at = marker.span.end
        pieces.append(doc.readable[at : block.span.end])
        text = " ".join("".join(pieces).split())
        if text:
            chunks[-1].append(text)
    if reverse:  # the seed's mirror: each section's paragraphs, and the heading after them
        chunks = [[*reversed(chunk[1:]), chunk[0]] if chunk else [] for chunk in reversed(chunks)]
    body = "\n\n".join(line for chunk in chunks for line in chunk)
    headings = [s.title for s in doc.sections if s.heading is not None and s.prose]
    contents = "\n".join(f"  • {heading} {n}" for n, heading in enumerate(headings, 1))
    references = doc.references_by_key
    entries = [
        f"  {n}. ^ {'' if n in emptied else citation_text(references[key])}".rstrip() for n, key in enumerate(order, 1)
    ]
    head = f"Example Mirror\nEmail this Article\n\n{title}\n\n\n{title}\n\n"
    return head + f"{body}\n\n" + "\n".join(entries) + f"\n\n{contents}\n\n{LICENCE}\n"
