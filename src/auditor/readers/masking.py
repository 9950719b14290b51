"""Shared by the readers of formats with markup: a same-length readable copy, and blocks by offset."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from ..document import Span


def blank(readable: list[str], source: str, start: int, end: int) -> None:
    """Blank ``source[start:end]`` to spaces in ``readable``, keeping line breaks so line numbers hold."""
    if start < end:
        if source.find("\n", start, end) == -1:  # most markup: no line to keep
            readable[start:end] = " " * (end - start)
        else:
            readable[start:end] = spaces(source[start:end])


def spaces(text: str) -> str:
    """``text`` with every character but a line break made a space (a regex substitution costs 10 times more)."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


class BlockLocator:
    """Which block holds an offset, from the (block index, span) pairs a reader added."""

    def __init__(self, blocks: Iterable[tuple[int, Span]]) -> None:
        self._blocks = sorted(blocks, key=lambda item: item[1].start)
        self._starts = [span.start for _, span in self._blocks]

    def __call__(self, offset: int) -> int:
        """The block holding ``offset``, or -1 when it lies outside every block."""
        position = bisect_right(self._starts, offset) - 1
        if position >= 0 and self._blocks[position][1].contains(offset):
            return self._blocks[position][0]
        return -1
