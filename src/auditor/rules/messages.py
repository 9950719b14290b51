"""How rules quote text in their messages, and the text that keys a finding."""

from __future__ import annotations

from ..document import Document, Marker
from ..extract.citing import cited_sentence
from ..text import INLINE, excerpt, folded


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
    """The sentence a marker cites, as an excerpt ("" when it cites none)."""
    sentence = cited_sentence(doc, marker)
    return excerpt(doc, sentence.span) if sentence else ""
