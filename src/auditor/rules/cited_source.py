"""The finding an archive rule makes: on the reference that cites a source, quoting its text."""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..extract.sources import CitedSource
from ..text import excerpt
from .base import Hit


def reference_hit(doc: Document, source: CitedSource, message: str, what: str, **evidence: Any) -> Hit:
    """A hit on the reference citing ``source``; ``what`` tells it from other hits on that reference."""
    reference = doc.references_by_key[source.reference]
    return Hit(
        span=reference.span,
        message=message,
        excerpt=excerpt(doc, reference.content),
        key=f"{source.reference} {what}",
        evidence={"reference": source.reference, "url": source.url, **evidence},
    )
