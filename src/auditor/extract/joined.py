"""Sentences' text joined into one string: one search over all of them instead of one a sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from ..document import Sentence


class JoinedSentences:
    """The text of ``sentences`` (each from its start to its content's end, taken from ``text``) joined by
    ``separator``, and the sentence each offset of the joined text lies in."""

    def __init__(self, text: str, sentences: Sequence[Sentence], separator: str) -> None:
        pieces = [text[s.span.start : s.content_end] for s in sentences]
        self.text = separator.join(pieces)
        # Where each sentence starts in the joined text. NOTE: summed in C, not in a loop: a tenth of the cost.
        self.starts: list[int] = list(accumulate(map(len(separator).__add__, map(len, pieces)), initial=0))
        self.starts.pop()  # where a sentence after the last would start

    def sentence_at(self, position: int) -> int:
        """The index of the sentence that ``position`` of the joined text lies in."""
        return bisect_right(self.starts, position) - 1
