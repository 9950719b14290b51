"""How figure rules name a figure, its place and its claim in messages."""

from __future__ import annotations

from ..document import BlockKind, Document, Span
from ..extract.figures import CASUALTIES, Figure
from ..text import excerpt, folded


def written(doc: Document, figure: Figure) -> str:
    return folded(doc.readable[figure.start : figure.end])


def counted(figure: Figure) -> str:
    """What a figure counts, in words: "dead", "dead or missing", "casualties"."""
    if figure.category == CASUALTIES:
        return "casualties"
    return " or ".join(sorted(figure.category))


def phrase(doc: Document, figure: Figure) -> str:
    """ "“up to 50 prisoners” (executed)"."""
    group = f" {figure.group}" if figure.group else ""
    return f"“{written(doc, figure)}{group}” ({counted(figure)})"


def claim_span(doc: Document, figure: Figure) -> Span:
    """The sentence a figure is stated in; for an infobox field, the line."""
    block = doc.blocks[figure.block]
    if block.kind is BlockKind.INFOBOX_FIELD:
        start = doc.text.rfind("\n", block.span.start, figure.start) + 1 or block.span.start
        end = doc.text.find("\n", figure.end, block.span.end)
        return Span(max(start, block.span.start), block.span.end if end == -1 else end)
    sentence = doc.sentence_at(figure.start)
    return Span(sentence.span.start, sentence.content_end) if sentence else block.span


def claim(doc: Document, figure: Figure) -> str:
    return excerpt(doc, claim_span(doc, figure))


def place(doc: Document, figure: Figure) -> str:
    """ "the infobox (line 89)" or "line 427"."""
    line = doc.line_col(figure.start)[0]
    return f"the infobox (line {line})" if figure.infobox else f"line {line}"
