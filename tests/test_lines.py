"""Lines and sentences of a copy map back to its text exactly, on odd input too."""

from __future__ import annotations

import pytest

from auditor.document import BlockKind, Sentence, Span
from auditor.readers import read_mirror
from auditor.readers.builder import DocumentBuilder
from auditor.readers.lines import Line, split_lines
from auditor.readers.segment import content_end, split_sentences

ODD_TEXTS = [
    "",
    "\n",
    "\n\n\n",
    "one line, no ending",
    "ends with a newline\n",
    "crlf\r\nlines\r\n",
    "a lone \r inside\nand one at the end\r",
    "\r",
    "line separator\u2028and paragraph separator\u2029stay inside a line\n\x0bvertical tab\x0cform feed\n",
    "  indented\n\t\ttabs\n   \n",
    "é accents, 中文 and 🙂 wide characters\nsecond",
]


def _lines_one_by_one(text: str) -> list[Line]:
    """What ``split_lines`` returns, by a loop over the lines."""
    lines, start = [], 0
    for raw in text.split("\n"):
        content = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(start, start + len(content), content))
        start += len(raw) + 1
    return lines


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_lines_map_back_to_the_text(text: str) -> None:
    lines = split_lines(text)
    assert lines == _lines_one_by_one(text)
    assert all(type(line) is Line for line in lines)
    assert all(text[line.start : line.end] == line.text for line in lines)
    assert (
        "\n".join(
            text[line.start : len(text) if i == len(lines) - 1 else lines[i + 1].start - 1]
            for i, line in enumerate(lines)
        )
        == text
    )


SENTENCE_TEXTS = [
    "The town fell.[1] Rebels fled.[2][3]",
    "It fell.[citation needed]   \n  Then it burned. ",
    "No markers at all. Just words.",
    "  [4] A marker first. Then [who?] a tag.[5]",
    "Ends on a bracket that is no marker [sic]",
    "Ends on ] alone]",
    "Dr. Smith went.[a] He met J. R. R. Tolkien.[note 1] Fine.",
]


@pytest.mark.parametrize("text", SENTENCE_TEXTS)
@pytest.mark.parametrize("offset", [0, 3])
def test_sentences_of_a_block_match_their_one_by_one_reading(text: str, offset: int) -> None:
    """A block's sentences are the segmenter's pieces, each with its words' end as ``content_end`` reads it."""
    padded = "x" * offset + text + "\ntail."
    builder = DocumentBuilder("t.txt", padded, "mirror")
    builder.block(BlockKind.PARAGRAPH, offset, offset + len(text), 0)
    expected = [
        Sentence(Span(start, end), 0, content_end(padded, start, end))
        for start, end in split_sentences(padded, offset, offset + len(text))
    ]
    assert builder.sentences == expected
    assert all(type(s) is Sentence and type(s.span) is Span for s in builder.sentences)
    assert all(padded[s.span.start : s.span.end] == padded[s.span.start : s.span.end].strip() for s in expected)


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_line_and_column_count_line_breaks_only(text: str) -> None:
    doc = read_mirror("odd.txt", text)
    lines = split_lines(text)
    for number, line in enumerate(lines, start=1):
        assert doc.line_col(line.start) == (number, 1)
        assert doc.line_col(line.end) == (number, line.end - line.start + 1)
