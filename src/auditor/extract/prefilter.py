"""Quick tests that spare a text a pattern's search: the words one of which every match of the pattern holds.

``re`` tries a pattern that opens with a word boundary, or ignores case, at
every position of the text; most of the text that figures are read from holds
no match of most such patterns, and looking for a few words with ``in`` first
is many times quicker. The words are looked for in a folded copy of the text
(``folded``), so that a word a pattern matches whatever its case is found too;
folding keeps offsets, so a slice of the copy is the copy of the slice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# The letters outside ASCII that re.IGNORECASE takes for an ASCII letter and str.lower() does not lower to one.
_TO_ASCII = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))


def folded(text: str) -> str:
    """``text`` in lower case, letters that re.IGNORECASE compares with ASCII ones written as those, offset for
    offset ("İ" is the one letter that str.lower() writes as two).

    NOTE: str.replace, which returns its string at once when the letter is absent, is many times quicker here
    than str.translate."""
    if not text.isascii():
        for letter, ascii_letter in _TO_ASCII:
            text = text.replace(letter, ascii_letter)
    return text.lower()


# The letters outside ASCII that fold (``folded``) to an ASCII letter; "\u212a" (Kelvin) is lowered to "k".
FOLDS_TO_ASCII = (*(letter for letter, _ in _TO_ASCII), "\u212a")


def narrowed(text: str) -> bytes:
    """``text`` one byte a character, ASCII letters in lower case: Latin-1, every other character "?".

    Where ``text`` holds none of ``FOLDS_TO_ASCII``, an ASCII word stands in this copy exactly where it stands in
    ``folded(text)``, and each character of a class below U+0100 (a digit, a space) stands where it stands in
    ``text``. NOTE: encoding and ``bytes.lower`` cost a third of ``str.lower`` on text outside ASCII, and a
    search of bytes is no slower than one of the string."""
    return text.encode("latin-1", "replace").lower()


def fewest(words: Iterable[str]) -> tuple[str, ...]:
    """Those of ``words`` that hold none of the others: a text holds one of ``words`` only if it holds one of
    these."""
    unique = set(words)
    return tuple(sorted(w for w in unique if not any(other != w and other in w for other in unique)))


class Gated:
    """A pattern, and the lower-case words one of which every match of it holds."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        self.words = fewest(words)

    def possible(self, lowered: str) -> bool:
        """Whether a text whose folded copy (``folded``) is ``lowered`` may hold a match."""
        # NOTE: a loop, not any() over a generator (SIM110): half the cost on the short texts most are
        for word in self.words:  # noqa: SIM110
            if word in lowered:
                return True
        return False

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(lowered) else None

    def finditer(self, text: str, lowered: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """The matches in ``text[start:end]``, whose folded copy is ``lowered``."""
        if not self.possible(lowered):
            return iter(())
        return self.pattern.finditer(text, start, len(text) if end is None else end)
