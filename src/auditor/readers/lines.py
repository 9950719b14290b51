"""Lines of a text with their offsets, so readers never lose their place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
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
    lines = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(Line(offset, offset + len(content), content))
        offset += len(raw)
    return lines


def blank_run_before(lines: list[Line], index: int) -> int:
    """How many blank lines directly precede ``lines[index]``."""
    count = 0
    while index - count - 1 >= 0 and lines[index - count - 1].blank:
        count += 1
    return count
