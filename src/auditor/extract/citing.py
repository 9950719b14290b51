"""Which sentence a citation marker cites, the way a reader ties them.

A marker cites the sentence it stands in, or, standing after the full stop
(``claim.<ref>...</ref>``, ``claim.[^1]``, a rendered ``claim.[1]``), the
sentence of its paragraph that ends just before it. Every rule that quotes or
dates what a marker cites asks here, so they all tie a marker to one claim.
"""

from __future__ import annotations

from ..document import Document, Marker, Sentence


def cited_sentence(doc: Document, marker: Marker) -> Sentence | None:
    """The sentence ``marker`` cites; None for a marker that opens its paragraph."""
    return doc.sentence_at(marker.span.start) or doc.sentence_before(marker.span.start, marker.block)
