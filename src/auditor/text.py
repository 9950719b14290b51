"""Text helpers every floor shares: what a citation marker looks like, and a span as a reader sees it.

Part of the ground floor: it imports nothing of the project above ``document``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document, Span

# The key of a numbered citation marker: "[12]".
FOOTNOTE_KEY = r"\d{1,5}"  # a long list runs past 9999
# An inline tag an editor left: "[citation needed]", "[dubious – discuss]", "[who?]"; a copy may write
# "[citation_needed]", or wrap the line inside it.
TAG = (
    r"(?:[A-Za-z]+[\s_]){0,3}(?:needed|discuss|verification|dubious)"
    r"|(?:when|who|which|according[\s_]to[\s_]whom)\?"
)
# The markers and tags a reader finds in a copy's text.
INLINE = re.compile(rf"\[(?P<key>{FOOTNOTE_KEY})\]|\[(?P<tag>{TAG})\]")
# One marker as sentence splitting sees it: also the lettered and "note 1" markers of a notes list, whose
# keys no reader resolves, and any "[... needed]" tag, however long its words.
MARKER_KEY = rf"(?:{FOOTNOTE_KEY}|[a-z]{{1,3}}|note[ _]\d{{1,3}}|[^\]\[]{{1,40}}?needed)"  # what stands inside
MARKER_RUN = rf"(?:\[{MARKER_KEY}\])"

# A gap that blanked markup leaves: before punctuation or a possessive ("Burnside 's"), after "(".
# NOTE: opening with the space lets the regex engine skip to the next space at once, where a pattern that
# could open with a lookbehind was tried at every position: a third of the time on a claim's excerpt.
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?:(?=[,.;:!?)]|['’]s\b)|(?<=\( ))")


# A surrogate code point: a Python string holds one only unpaired (a JSON "\\ud800" escape, an HTML
# "&#xD800;"), and no UTF-8 output can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATES_NOTE = "lone-surrogates-replaced"


def without_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate read as U+FFFD, one character for one, so offsets hold; and how many."""
    try:  # NOTE: the encoder refuses exactly the surrogates, four times faster than the pattern finds none
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn("\ufffd", text)
    return text, 0


def tag_name(raw: str) -> str:
    """A tag's name as written in a copy ("citation_needed", "Citation needed"), as one spelling."""
    return re.sub(r"[\s_]+", " ", raw).lower()


def folded(text: str) -> str:
    return " ".join(text.split())


def close_up(text: str) -> str:
    """Readable text with whitespace folded and no gap before punctuation or a possessive: a blanked tag
    or link bracket leaves one ("<i>Madhyamam</i>." reads "Madhyamam .", "[[A|B]]'s" reads "B 's")."""
    return _SPACE_BEFORE_PUNCTUATION.sub("", folded(text))


EXCERPT_LIMIT = 1000  # characters a finding quotes: a long sentence whole, never a page


def shortened(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """``text``, or its start and end around "…" when it is longer than ``limit``: hundreds of markers
    after one long run-on sentence would otherwise each quote all of it, and the reports grow with
    markers times length."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half].rstrip()} … {text[-half:].lstrip()}"


def excerpt(doc: Document, span: Span) -> str:
    """The text of ``span`` as a reader sees it; a blanked link's brackets leave no gap before a comma."""
    text = doc.readable[span.start : span.end]
    return close_up(text) if doc.readable_text is not None else folded(text)
