"""How rules quote text in their messages, and the text that keys a finding."""

from __future__ import annotations

from functools import lru_cache

from ..document import Document, Marker, Sentence
from ..extract.citing import cited_sentence
from ..findings import sha256
from ..text import INLINE, close_up, excerpt, folded

# NOTE: a finding's key is hashed, and many findings can quote one long sentence (a run of thousands of
# markers after it): past this length a key keeps its start and a digest of the whole, so building keys
# stays linear in the document. No claim in the corpus comes near it.
_KEY_LIMIT = 2000


# Cached: the rules quote the same sentence once for each marker, tag or figure in it.
@lru_cache(maxsize=1024)
def quote(text: str, limit: int = 80) -> str:
    """Quote ``text`` for a message, shortened in the middle when long, read as its excerpt is: with no gap
    that a tag left before punctuation ("HTML, SVG, and MathML.", not "SVG , and MathML .")."""
    text = close_up(INLINE.sub("", text))
    if len(text) > limit:
        half = (limit - 1) // 2
        text = f"{text[:half].rstrip()}…{text[-half:].lstrip()}"
    return f"“{text}”"


@lru_cache(maxsize=1024)
def identity(text: str) -> str:
    """Text reduced to what identifies a claim: no markers, case or spacing."""
    key = folded(INLINE.sub(" ", text)).casefold()
    if len(key) <= _KEY_LIMIT:
        return key
    return f"{key[:_KEY_LIMIT]} #{sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


class CitedClaims:
    """The sentence each marker cites, as an excerpt ("" when it cites none), read once per sentence:
    a run of markers after one long sentence would otherwise copy it again for every marker."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._read: dict[Sentence | None, str] = {}

    def __call__(self, marker: Marker) -> str:
        sentence = cited_sentence(self._doc, marker)
        claim = self._read.get(sentence)
        if claim is None:
            claim = self._read[sentence] = excerpt(self._doc, sentence.span) if sentence else ""
        return claim
