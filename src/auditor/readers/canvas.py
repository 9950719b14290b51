"""A same-length copy of a text that a reader blanks and writes over in place, at a few bytes a character.

A list of one-character strings costs 8 bytes a character (a pointer each); this copy keeps the text
encoded at a fixed width, 1, 2 or 4 bytes a character as its characters need, so an offset into the
text is an offset into the copy times the width, and an edit is one move of bytes.
"""

from __future__ import annotations

from .masking import spaces

# Fixed-width encodings, narrowest first: (codec, bytes a character, error handler).
# NOTE: UTF-16 is fixed-width only without surrogates: a character beyond U+FFFF takes two units
# (the length check below catches it) and a lone surrogate does not encode (strict errors catch it).
_WIDTHS = (("latin-1", 1, "strict"), ("utf-16-le", 2, "strict"), ("utf-32-le", 4, "surrogatepass"))


class Canvas:
    """``source`` made editable: :meth:`blank`, :meth:`write` and :meth:`restore` keep every offset."""

    __slots__ = ("_buffer", "_codec", "_errors", "_level", "_space", "_width", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._level = 0
        self._buffer = bytearray(self._fit(source))

    def _fit(self, text: str) -> bytes:
        """``text`` at the current width, the width raised first until every character of it fits."""
        while (data := _encoded(text, self._level)) is None:
            self._level += 1
        self._codec, self._width, self._errors = _WIDTHS[self._level]
        self._space = " ".encode(self._codec)
        return data

    def _widen_for(self, text: str) -> bytes:
        """``text`` encoded, the copy widened first if a character of it needs more bytes than the copy has."""
        if (data := _encoded(text, self._level)) is not None:
            return data
        written = self.text()
        data = self._fit(text)
        self._buffer = bytearray(written.encode(self._codec, self._errors))
        return data

    def blank(self, start: int, end: int) -> None:
        """Blank ``source[start:end]`` to spaces, keeping line breaks so line numbers hold."""
        if start < end:
            width = self._width
            if self.source.find("\n", start, end) == -1:  # most markup: no line to keep
                self._buffer[start * width : end * width] = self._space * (end - start)
            else:
                self._buffer[start * width : end * width] = spaces(self.source[start:end]).encode(self._codec)

    def write(self, start: int, text: str) -> None:
        """Put ``text`` at ``start`` over what is there."""
        data = text.encode(self._codec, self._errors) if text.isascii() else self._widen_for(text)
        self._buffer[start * self._width : start * self._width + len(data)] = data

    def restore(self, start: int, end: int) -> None:
        """Put back the source's own ``source[start:end]``."""
        self.write(start, self.source[start:end])

    def read(self, start: int, end: int) -> str:
        width = self._width
        return self._buffer[start * width : end * width].decode(self._codec, self._errors)

    def text(self) -> str:
        return self._buffer.decode(self._codec, self._errors)


def _encoded(text: str, level: int) -> bytes | None:
    """``text`` at the width of ``_WIDTHS[level]``, or None if a character of it does not fit."""
    codec, width, errors = _WIDTHS[level]
    try:
        data = text.encode(codec, errors)
    except UnicodeEncodeError:
        return None
    return data if len(data) == width * len(text) else None
