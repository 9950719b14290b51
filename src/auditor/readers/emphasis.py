"""Markdown emphasis (``**strong**``, ``*em*``) found in linear time.

The patterns they replace, ``(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1`` and
``(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])``, rescan the rest of the
line from every opener that is never closed: a line of 25,000 ``**a `` took
over 50 seconds. Here every closer position is listed once, and each opener
takes the first closer after it by bisection; the matches are the ones the
patterns find, in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

_STRONG_DELIMS = re.compile(r"(?=(\*\*|__))")
_EMPHASIS_DELIMS = re.compile(r"[*_]")


def _word_or_star(char: str) -> bool:
    return char == "*" or char == "_" or char.isalnum()


def strong(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans of the opening and closing ``**``/``__`` of each strong emphasis in ``text[start:end]``,
    as (opener start, closer start)."""
    return _pairs(text, start, end, 2, [m.start() for m in _STRONG_DELIMS.finditer(text, start, end)])


def emphasis(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The same for ``*em*`` and ``_em_``, which no word character or star may touch from outside."""
    return _pairs(text, start, end, 1, [m.start() for m in _EMPHASIS_DELIMS.finditer(text, start, end)])


def _pairs(text: str, start: int, end: int, width: int, delims: list[int]) -> Iterator[tuple[int, int]]:
    flanked = width == 1  # emphasis: no word character or star outside either delimiter
    closers: dict[str, list[int]] = {}
    for j in delims:
        if j == 0 or j + width > end or text[j - 1].isspace():
            continue
        if flanked and j + 1 < end and _word_or_star(text[j + 1]):
            continue
        closers.setdefault(text[j : j + width], []).append(j)
    newlines = [m.start() for m in re.finditer("\n", text[start:end])]
    newlines = [start + n for n in newlines]
    resume = start
    for i in delims:
        if i < resume or i + width >= end or text[i + width].isspace():
            continue
        if flanked and i > 0 and _word_or_star(text[i - 1]):
            continue
        delim = text[i : i + width]
        if width == 2 and delim not in ("**", "__"):
            continue
        candidates = closers.get(delim, [])
        at = bisect_left(candidates, i + width + 1)
        if at == len(candidates):
            continue
        close = candidates[at]
        line_end = bisect_left(newlines, i + width)
        if line_end < len(newlines) and newlines[line_end] < close:
            continue  # the pattern's "." stops at a line break
        yield i, close
        resume = close + width
