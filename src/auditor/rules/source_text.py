"""The findings the source-support rules make: on what a claim states, naming what its sources give."""

from __future__ import annotations

from ..document import Document
from ..extract.support import Absent
from ..text import excerpt
from .base import Hit
from .messages import identity, quote


def absent_hit(doc: Document, absent: Absent, what: str) -> Hit:
    """A hit on the figure or date (``what``) of a claim that no source it cites gives."""
    stated = absent.stated
    references = sorted({c.reference for c in absent.comparisons}, key=lambda k: (len(k), k))
    named = f"reference {references[0]}" if len(references) == 1 else "references " + ", ".join(references)
    source = "the source" if len(references) == 1 else "none of the sources"
    message = f"{quote(stated.text)} is not in the archived text of {named}"
    if stated.instead:
        message += f": {source if len(references) == 1 else 'one'} gives {stated.instead}, not {stated.text}"
        message += f" ({quote(stated.instead_quote or '', 120)})"
    else:
        message += f": {source} {'says' if len(references) == 1 else 'say'} nothing of it"
    sentence = absent.comparisons[0].sentence
    claim = excerpt(doc, sentence)
    return Hit(
        span=stated.span,
        message=message,
        excerpt=claim,
        key=f"{what} {stated.text} {' '.join(references)} {identity(claim)}",
        evidence={
            "stated": stated.text,
            "references": references,
            "instead": stated.instead,
            "instead_quote": stated.instead_quote,
            "captures": sorted({c.key for c in absent.comparisons}),
        },
    )
