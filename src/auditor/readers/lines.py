"""Lines of a text with their offsets, so readers never lose their place."""

from __future__ import annotations

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
    lines = []
    append = lines.append
    offset = 0
    for raw in text.split("\n"):
        length = len(raw) - 1 if raw.endswith("\r") else len(raw)
        append(Line(offset, offset + length, raw[:length]))
        offset += len(raw) + 1
    return lines


def blank_run_before(lines: list[Line], index: int) -> int:
    """How many blank lines directly precede ``lines[index]``."""
    count = 0
    while index - count - 1 >= 0 and lines[index - count - 1].blank:
        count += 1
    return count
