"""How date rules quote a date and the claim it belongs to."""

from __future__ import annotations

from ..document import Document, Span
from ..extract.dates import DateMention, Duration, show
from ..text import excerpt


def written(doc: Document, mention: DateMention) -> str:
    return " ".join(doc.readable[mention.span.start : mention.span.end].split())


def described(doc: Document, mention: DateMention) -> str:
    """ "“9 October” (9 October 2015, year 2015 from line 316)"; explicit dates need no gloss."""
    text = f"“{written(doc, mention)}”"
    resolved = show(mention)
    if mention.explicit and resolved == written(doc, mention).removeprefix("On ").strip():
        return text
    if mention.explicit:
        return f"{text} ({resolved})"
    return f"{text} ({resolved}, {mention.resolved})"


def claim(doc: Document, said: DateMention | Duration) -> str:
    """The sentence a date or duration stands in, as an excerpt."""
    sentence = doc.sentence_at(said.span.start)
    return excerpt(doc, Span(sentence.span.start, sentence.content_end) if sentence else said.span)


def line(doc: Document, mention: DateMention) -> int:
    return doc.line_col(mention.span.start)[0]
