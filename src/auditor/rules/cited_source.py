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
    """A hit on ``reference`` (at ``span`` within it, when given); ``what`` tells it from other hits on it."""
    return Hit(
        span=span or reference.span,
        message=message,
        excerpt=excerpt(doc, reference.content),
        key=f"{reference.key} {what}",
        evidence={"reference": reference.key, **evidence},
    )
