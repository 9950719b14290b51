"""The finding a source rule makes: on the reference that cites a source, quoting its text."""

from __future__ import annotations

from typing import Any

from ..document import Document, Reference, Span
from ..extract.sources import CitedSource
from ..text import excerpt
from .base import Hit


def reference_hit(doc: Document, source: CitedSource, message: str, what: str, **evidence: Any) -> Hit:
    """A hit on the reference citing ``source``; ``what`` tells it from other hits on that reference."""
    return on_reference(doc, doc.references_by_key[source.reference], message, what, url=source.url, **evidence)


def on_reference(
    doc: Document, reference: Reference, message: str, what: str, span: Span | None = None, **evidence: Any
) -> Hit:
    """A hit on ``reference`` (at ``span`` within it, when given); ``what`` tells it from other hits on it.
    A link in the text, which is its own reference, is reported where it is cited."""
    inline = reference.span.end == 0
    if span is None and inline:
        span = next((m.span for m in doc.markers if m.key == reference.key), reference.span)
    return Hit(
        span=span or reference.span,
        message=message,
        excerpt=reference.text if inline else excerpt(doc, reference.content) or reference.text,
        key=f"{reference.key} {what}",
        evidence={"reference": reference.key, **evidence},
    )


def reference_name(reference: Reference) -> str:
    """How a message names a reference: "Reference 12", "Reference #1", or, for a link in the text, "The link"."""
    return "The link" if reference.span.end == 0 else f"Reference {reference.key}"
