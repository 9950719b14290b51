"""Sentences' text joined into one string: one search over all of them instead of one a sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..document import Sentence


class JoinedSentences:
    """The text of ``sentences`` (each from its start to its content's end, taken from ``text``) joined by
    ``separator``, and the sentence each offset of the joined text lies in."""

    def __init__(self, text: str, sentences: Sequence[Sentence], separator: str) -> None:
        self.text = separator.join([text[s.span.start : s.content_end] for s in sentences])
        self.starts: list[int] = []  # where each sentence starts in ``text``
        at = 0
        for sentence in sentences:
            self.starts.append(at)
            at += sentence.content_end - sentence.span.start + len(separator)

    def sentence_at(self, position: int) -> int:
        """The index of the sentence that ``position`` of the joined text lies in."""
        return bisect_right(self.starts, position) - 1
