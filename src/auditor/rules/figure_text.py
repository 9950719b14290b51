"""How figure rules name a figure, its place and its claim in messages."""

from __future__ import annotations

from ..document import Document, Span
from ..extract.figure_model import Figure, Figures
from ..extract.vocabulary import CASUALTIES
from ..text import close_up, folded


def source(doc: Document, figures: Figures, figure: Figure) -> str:
    """The text a figure was read from, markers blanked: the document's, or for a note its own."""
    if figures.units[figure.unit].note and figures.notes_text and figures.notes_text[figure.start : figure.end].strip():
        return figures.notes_text
    return doc.masked


def _readable(doc: Document, figures: Figures, span: Span, figure: Figure) -> str:
    """The text of ``span`` as a reader sees it; a note's from the notes' own text."""
    text = source(doc, figures, figure)
    return text[span.start : span.end] if text is figures.notes_text else doc.readable[span.start : span.end]


def written(doc: Document, figures: Figures, figure: Figure) -> str:
    return folded(_readable(doc, figures, Span(figure.start, figure.end), figure))


def counted(figure: Figure) -> str:
    """What a figure counts, in words: "dead", "dead or missing", "casualties"."""
    if figure.category == CASUALTIES:
        return "casualties"
    return " or ".join(sorted(figure.category))


def phrase(doc: Document, figures: Figures, figure: Figure) -> str:
    """ "“up to 50 prisoners” (executed)"."""
    group = f" {figure.group}" if figure.group else ""
    return f"“{written(doc, figures, figure)}{group}” ({counted(figure)})"


def claim(doc: Document, figures: Figures, figure: Figure) -> str:
    """The sentence a figure is stated in; for an infobox field, the line; for a note, its sentence."""
    text = _readable(doc, figures, figures.units[figure.unit].span, figure)
    return close_up(text) if doc.readable_text is not None else folded(text)


def place(doc: Document, figures: Figures, figure: Figure) -> str:
    """ "the infobox (line 89)", "a note (line 120)" or "line 427"."""
    line = doc.line_col(figure.start)[0]
    if figure.infobox:
        return f"the infobox (line {line})"
    return f"a note (line {line})" if figures.units[figure.unit].note else f"line {line}"
