"""The readable copy's buffer: every edit keeps the length and the offsets, whatever the characters."""

import pytest

from auditor.readers.canvas import Canvas

SOURCES = ["plain\ntext", "café\nau lait", "en – dash", "a 😀 face\nhere", "lone \udc80 surrogate\n", ""]


@pytest.mark.parametrize("source", SOURCES)
def test_blank_keeps_line_breaks_and_restore_brings_back_the_source(source):
    canvas = Canvas(source)
    assert canvas.text() == source
    canvas.blank(0, len(source))
    assert canvas.text() == "".join("\n" if c == "\n" else " " for c in source)
    canvas.restore(0, len(source))
    assert canvas.text() == source


@pytest.mark.parametrize("source", SOURCES[:5])
def test_a_wider_character_written_widens_the_copy_without_moving_anything(source):
    canvas = Canvas(source)
    canvas.blank(0, 2)
    canvas.write(3, "😀")
    canvas.write(4, "–")
    text = canvas.text()
    assert len(text) == len(source)
    assert text == "  " + source[2] + "😀–" + source[5:]
    assert canvas.read(3, 5) == "😀–"


def test_a_narrow_write_into_a_wide_copy_stays_in_place():
    canvas = Canvas("ab😀cd")
    canvas.write(3, "X")
    assert canvas.text() == "ab😀Xd"
