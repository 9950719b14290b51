"""Small text helpers rules share for excerpts and quoting."""

from __future__ import annotations

from ..document import Document, Marker, Span
from ..readers.builder import INLINE
from ..readers.masking import close_up


def folded(text: str) -> str:
    return " ".join(text.split())


def excerpt(doc: Document, span: Span) -> str:
    """The text of ``span`` as a reader sees it; a blanked link's brackets leave no gap before a comma."""
    text = doc.readable[span.start : span.end]
    return close_up(text) if doc.readable_text is not None else folded(text)


def quote(text: str, limit: int = 80) -> str:
    """Quote ``text`` for a message, shortened in the middle when long."""
    text = folded(INLINE.sub("", text))
    if len(text) > limit:
        half = (limit - 1) // 2
        text = f"{text[:half].rstrip()}…{text[-half:].lstrip()}"
    return f"“{text}”"


def identity(text: str) -> str:
    """Text reduced to what identifies a claim: no markers, case or spacing."""
    return folded(INLINE.sub(" ", text)).casefold()


def cited_claim(doc: Document, marker: Marker) -> str:
    """The sentence a marker stands in, as an excerpt ("" when it stands in none)."""
    sentence = doc.sentence_at(marker.span.start) or doc.sentence_before(marker.span.start, marker.block)
    return excerpt(doc, sentence.span) if sentence else ""
