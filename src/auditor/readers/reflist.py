"""Entries of a rendered reference list: ``12. ^ a b c Title Publisher, date``.

MediaWiki renders one backlink per citing place: a bare ``^`` for one, and
``^ a b c`` for several. A text copy may glue the last letter to the text
(``^ a b c d eStevens``), so letters are read as the sequence they must be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_lowercase

# The stylesheet MediaWiki inlines before the first CS1 citation; copies keep it as text.
_STYLESHEET = re.compile(r"\.mw-parser-output\b.*\}", re.S)
_HYPHEN_BREAK = re.compile(r"-\n[ \t\xa0]*")


def _labels() -> list[str]:
    singles = list(ascii_lowercase)
    return singles + [a + b for a in ascii_lowercase for b in ascii_lowercase]


BACKLINK_LABELS = _labels()


@dataclass(frozen=True, slots=True)
class EntryText:
    """Where a reference entry's backlinks end and its content starts."""

    backlinks: int | None  # None when the entry shows no caret at all
    content_offset: int  # offset of the content within the text given


def split_backlinks(text: str) -> EntryText:
    """Read the caret and backlink letters at the start of an entry's text."""
    stripped = text.lstrip()
    pos = len(text) - len(stripped)
    if not stripped.startswith("^"):
        return EntryText(None, pos)
    pos += 1
    count = 0
    while True:
        rest = text[pos:]
        lead = len(rest) - len(rest.lstrip(" \t\xa0\n"))
        label = BACKLINK_LABELS[count] if count < len(BACKLINK_LABELS) else None
        candidate = pos + lead
        if label is None or not text.startswith(label, candidate):
            break
        after = candidate + len(label)
        if after >= len(text) or text[after] in " \t\xa0\n":
            count += 1
            pos = after
            continue
        # A label glued to the text: only the last of two or more can be, and
        # never before a lowercase letter, which would be a word.
        if count >= 1 and not text[after].islower():
            count += 1
            pos = after
        break
    if count == 1:
        # A lone "a" is a word, not a backlink: MediaWiki writes a single backlink as a bare caret.
        count, pos = 0, text.index("^") + 1
    return EntryText(max(count, 1), pos)


def strip_stylesheet(text: str) -> str:
    """Drop the stylesheet (from its first rule to its last brace); fold first."""
    return _STYLESHEET.sub(" ", text)


def fold(text: str) -> str:
    """Collapse whitespace, including non-breaking spaces; rejoin words wrapped at a hyphen."""
    return " ".join((_HYPHEN_BREAK.sub("-", text) if "-\n" in text else text).split())
