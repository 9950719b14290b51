"""A reference entry's folded text and fields, where the reader skips a pattern pass the text cannot need."""

from __future__ import annotations

import re

import pytest

from auditor.document import ReferenceFields
from auditor.readers.citetext import parse_reference_text
from auditor.readers.reflist import fold


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain words",
        "wrapped at a hyph-\n   en",
        "wrapped at a hyph-\n\xa0\ten and again-\nhere",
        "a dash - \n not at the line's end",
        "no break after-\r\nthe hyphen but a CR",
        "-\n",
        "ends with a hyphen-",
    ],
)
def test_fold_reads_as_the_pattern_over_every_text(text: str) -> None:
    assert fold(text) == " ".join(re.sub(r"-\n[ \t\xa0]*", "-", text).split())


def test_an_empty_entry_has_no_fields() -> None:
    assert parse_reference_text("") == ReferenceFields()


@pytest.mark.parametrize(
    ("text", "url", "archive_url", "title"),
    [
        ('"The http protocol". Example Press. 2014.', None, None, "The http protocol"),
        ('"Title". Example. https://example.org/a', "https://example.org/a", None, "Title"),
        (
            '"Title". https://web.archive.org/web/2014/https://example.org/a http://example.org/b',
            "http://example.org/b",
            "https://web.archive.org/web/2014/https://example.org/a",
            "Title",
        ),
        ("https://web.archive.org/web/2014/x", None, "https://web.archive.org/web/2014/x", None),
    ],
)
def test_urls_are_read_only_where_the_text_names_one(
    text: str, url: str | None, archive_url: str | None, title: str | None
) -> None:
    fields = parse_reference_text(text)
    assert (fields.url, fields.archive_url, fields.title) == (url, archive_url, title)
