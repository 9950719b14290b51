"""A lookup's answer kept as one row: read back as it was made, and anything else read as nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from auditor.archive import chosen
from auditor.extract.sources import CaptureFact, SourceLookup, Status

BEFORE = CaptureFact("20140115120000", "http://news.example/a", "200", "https://web.archive.org/web/20140115120000/x")
REVISIT = CaptureFact("20200101000000", "http://news.example/a", None, "https://web.archive.org/web/20200101000000/x")


KEY, URL = "news.example/a", "http://news.example/a"


@pytest.mark.parametrize(
    "found",
    [
        SourceLookup(KEY, URL, Status.ARCHIVED, REVISIT, "after", 3, None, False, (BEFORE, REVISIT)),
        SourceLookup(KEY, URL, Status.ARCHIVED, BEFORE, "before", 9, None, False, (REVISIT,)),  # not among them
        SourceLookup(KEY, URL, Status.MISSING, reason="the archive has no capture of it"),
    ],
)
def test_a_kept_answer_reads_back_as_it_was_made_from_the_cache(found):
    assert chosen.decode(KEY, URL, chosen.encode(found)) == replace(found, from_cache=True)


UNREADABLE = [
    "",
    "[1]",
    '{"status": "archived"}',
    '["lost", null, null, null, null, []]',
    '["archived", 5, "before", 1, null, []]',
    '["archived", null, null, null, null, [[1]]]',
]


@pytest.mark.parametrize("kept", UNREADABLE)
def test_anything_else_is_read_as_nothing_kept(kept):
    assert chosen.decode(KEY, URL, kept) is None
