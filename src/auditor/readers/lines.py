"""Lines of a text with their offsets, so readers never lose their place."""

from __future__ import annotations

from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple


class Line(NamedTuple):
    start: int
    end: int  # end of the content, before any line ending
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(text: str) -> list[Line]:
    """Lines split at ``\n`` only, as line numbers count them; a trailing ``\r`` is not content."""
    raws = text.split("\n")
    if "\r" not in text:  # the usual case: every line is its own content, each Line built in C
        lengths = list(map(len, raws))
        starts = list(accumulate(map((1).__add__, lengths), initial=0))  # one more than raws: zip stops at raws
        return list(map(tuple.__new__, repeat(Line), zip(starts, map(add, starts, lengths), raws, strict=False)))
    starts = accumulate((len(raw) + 1 for raw in raws), initial=0)
    lines = []
    for start, raw in zip(starts, raws, strict=False):
        content = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(start, start + len(content), content))
    return lines


def blank_run_before(lines: list[Line], index: int) -> int:
    """How many blank lines directly precede ``lines[index]``."""
    count = 0
    while index - count - 1 >= 0 and lines[index - count - 1].blank:
        count += 1
    return count
