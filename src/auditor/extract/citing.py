"""Which sentence a citation marker cites, the way a reader ties them.

A marker cites the sentence it stands in, or, standing after the full stop
(``claim.<ref>...</ref>``, ``claim.[^1]``, a rendered ``claim.[1]``), the
sentence of its paragraph that ends just before it. Every rule that quotes or
dates what a marker cites asks here, so they all tie a marker to one claim.
"""

from __future__ import annotations

from ..document import Document, Marker, Sentence, Span


def cited_sentence(doc: Document, marker: Marker) -> Sentence | None:
    """The sentence ``marker`` cites; None for a marker that opens its paragraph."""
    return doc.sentence_at(marker.span.start) or doc.sentence_before(marker.span.start, marker.block)


def cited_to_nothing(doc: Document, recovered: frozenset[str] = frozenset()) -> frozenset[Span]:
    """The claim sentences every citation of which points to an empty footnote or to none: cited in form,
    sourced in nothing. A footnote whose text was ``recovered`` from an archived original sources its claim."""
    references = doc.references_by_key
    sourced: dict[Span, bool] = {}
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        if sentence is None:
            continue
        reference = references.get(marker.key)
        real = reference is not None and (not reference.empty or reference.key in recovered)
        sourced[sentence.span] = sourced.get(sentence.span, False) or real
    return frozenset(span for span, real in sourced.items() if not real)
