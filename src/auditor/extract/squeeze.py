"""A unit of text with the gaps that blanked markup leaves squeezed out, mapped back to the source.

Readers blank markup to spaces so that offsets stay offsets into the file: a
``<ref>`` between a number and its words ("19,000<ref>…</ref> killed"), a
``{{efn}}`` between a range's halves, a ``[35]`` marker in a copy. Figures are
read by how close words stand ("the parts listed right after a cue"), so they
are read from a squeezed copy, where every run of spaces is one space, and
each position found there is mapped back to its offset in the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_GAP = re.compile(r"[ \t]{2,}")


@dataclass(frozen=True, slots=True)
class Squeezed:
    """A stretch of text with runs of spaces folded, and the way back to source offsets."""

    text: str
    start: int  # the source offset of text[0]
    origin: tuple[int, ...] | None  # source offset of each character and of the end; None when nothing moved

    def offset(self, index: int) -> int:
        """The source offset of ``text[index]`` (or of the end, for ``len(text)``)."""
        return self.start + index if self.origin is None else self.origin[index]

    def end_offset(self, index: int) -> int:
        """The source offset just after ``text[index - 1]``: where a span ending at ``index`` ends."""
        return self.start + index if self.origin is None else self.origin[index - 1] + 1

    def index(self, offset: int) -> int:
        """Where the source offset ``offset`` (or the gap it lies in) stands in ``text``."""
        return offset - self.start if self.origin is None else bisect_left(self.origin, offset)


def squeeze(source: str, start: int, end: int) -> Squeezed:
    text = source[start:end]
    if "  " not in text and "\t" not in text:
        return Squeezed(text, start, None)
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for gap in _GAP.finditer(text):
        pieces.append(text[position : gap.start()] + " ")
        origin.extend(range(start + position, start + gap.start() + 1))
        position = gap.end()
    pieces.append(text[position:])
    origin.extend(range(start + position, end + 1))
    return Squeezed("".join(pieces), start, tuple(origin))
