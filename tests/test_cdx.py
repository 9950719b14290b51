"""CDX answers in every dialect, recorded and on disk, read into captures; the capture a citation should use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from auditor.archive.cdx import Capture, choose, parse_cdx
from cassettes import CASSETTES, all_exchanges
from conftest import CORPUS, corpus_file

CDX_TEXT = CORPUS / "wayback" / "edgi_wayback" / "cdx_text"
SAMPLE = CORPUS / "wayback" / "pywb_sample_archive"


def _recorded_searches():
    if not CASSETTES.is_dir():
        pytest.skip("recorded archive traffic not available")
    return [e for e in all_exchanges() if "/cdx/search/cdx" in e.uri]


def test_every_recorded_search_is_read_whole():
    searches = _recorded_searches()
    assert len(searches) == 38
    for search in searches:
        answer = parse_cdx(search.body.decode("utf-8"))
        if search.status == 403:
            assert answer.blocked, search.cassette
            continue
        lines = [line for line in search.body.decode().splitlines() if line.strip()]
        resumed = 1 if answer.resume_key else 0
        assert answer.malformed == (), (search.cassette, answer.malformed[:2])
        assert len(answer.captures) + resumed == len(lines), search.cassette


def test_a_paged_search_gives_its_resume_key():
    pages = [e for e in _recorded_searches() if e.cassette == "test_search_multipage"]
    keys = [parse_cdx(page.body.decode()).resume_key for page in pages]
    assert all(keys[:-1]) and keys[-1] is None  # the last page has nothing more to give
    first = parse_cdx(pages[0].body.decode())
    assert first.captures[0] == Capture(
        "20010410213930", "http://www.cnn.com:80/", "200", "text/html", first.captures[0].digest
    )


def test_revisits_have_no_status_of_their_own():
    dated = next(e for e in _recorded_searches() if e.cassette == "test_search_with_date")
    captures = parse_cdx(dated.body.decode()).captures
    revisits = [c for c in captures if c.mimetype == "warc/revisit"]
    assert revisits and all(c.status is None and not c.usable for c in revisits)


def test_malformed_lines_are_set_aside_and_the_rest_kept():
    answer = parse_cdx(corpus_file("wayback/edgi_wayback/cdx_text/malformed_cdx.txt").read_text())
    assert [number for number, _ in answer.malformed] == [5]  # "some/not/even/url/thing" is no URL
    assert len(answer.captures) == 4
    assert answer.captures[3].status == "404"  # a 2,000-character data: URL is odd, not malformed


def test_impossible_timestamps_are_set_aside():
    answer = parse_cdx(corpus_file("wayback/edgi_wayback/cdx_text/bad_timestamp_cdx.txt").read_text())
    assert [line.split()[1] for _, line in answer.malformed] == ["20000012170449", "20000800241623"]
    assert len(answer.captures) == 3


def test_a_body_cut_off_into_html_keeps_its_whole_lines():
    answer = parse_cdx(corpus_file("wayback/edgi_wayback/cdx_text/zero_length_cdx.txt").read_text())
    assert len(answer.captures) == 5 and answer.malformed == ()
    page = parse_cdx(corpus_file("wayback/edgi_wayback/cdx_text/fws-gov-birds.txt").read_text())
    assert page.captures == () and page.malformed  # an HTML page is no answer at all


@pytest.mark.parametrize("name", ["example", "iana", "dupes", "post-test", "example-extra"])
def test_cdx_files_and_their_cdxj_twins_agree(name):
    cdx = parse_cdx(corpus_file(f"wayback/pywb_sample_archive/cdx/{name}.cdx").read_text())
    assert cdx.malformed == () and cdx.captures
    twin = SAMPLE / "cdxj" / f"{name}.cdxj"
    if twin.exists():
        cdxj = parse_cdx(twin.read_text())
        # the two indexes sort POST requests' keys differently, and the CDXJ leaves out some statuses
        assert sorted((c.timestamp, c.original) for c in cdxj.captures) == sorted(
            (c.timestamp, c.original) for c in cdx.captures
        )


def test_ia_json_and_pywb_json_read_alike():
    ia = parse_cdx(
        '[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
        '["com,example)/","20200101120000","http://example.com/","text/html","200","AAA","359"],'
        '["com,example)/","20210101120000","http://example.com/","warc/revisit","-","AAA","359"]]'
    )
    pywb = parse_cdx(
        '{"urlkey": "com,example)/", "timestamp": "20200101120000", "url": "http://example.com/", '
        '"mime": "text/html", "status": "200", "digest": "AAA"}\n'
        '{"urlkey": "com,example)/", "timestamp": "20210101120000", "url": "http://example.com/", '
        '"mime": "warc/revisit", "digest": "AAA"}\n'
    )
    assert ia.captures == pywb.captures
    assert [c.status for c in ia.captures] == ["200", None]


def test_an_empty_answer_is_no_captures():
    assert parse_cdx("").captures == ()
    assert parse_cdx("[]").captures == ()


def _at(timestamp: str, status: str = "200") -> Capture:
    return Capture(timestamp, "http://news.example/", status)


CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)


def test_the_closest_capture_before_the_citation_wins_even_when_one_after_is_closer():
    captures = (_at("20140101000000"), _at("20140420000000"), _at("20140505000000"))
    choice = choose(captures, CITED)
    assert (choice.capture.timestamp, choice.direction, choice.days) == ("20140420000000", "before", 14)


def test_only_readable_captures_count():
    captures = (_at("20140503000000", "404"), _at("20140502000000", "301"), _at("20140501000000", "206"))
    assert choose(captures, CITED).capture.timestamp == "20140501000000"


def test_without_one_before_the_closest_after_is_taken():
    captures = (_at("20140601000000"), _at("20140510000000"), _at("20140420000000", "503"))
    choice = choose(captures, CITED)
    assert (choice.capture.timestamp, choice.direction, choice.days) == ("20140510000000", "after", 5)


def test_nothing_readable_is_no_choice():
    assert choose((_at("20140503000000", "404"), _at("20140501000000", "-")), CITED) is None


def test_a_lower_bound_date_prefers_the_closest_capture_after_it():
    captures = (_at("20140420000000"), _at("20140510000000"), _at("20140601000000"))
    choice = choose(captures, CITED, prefer="after")
    assert (choice.capture.timestamp, choice.direction) == ("20140510000000", "after")
    assert choose(captures[:1], CITED, prefer="after").direction == "before"


@pytest.mark.parametrize(
    ("cited", "chosen"),
    [
        (datetime(2014, 5, 4, 12, 0, 0, tzinfo=UTC), ("20140504120000", "before", 0)),  # at its very second
        (datetime(2014, 5, 4, 12, 0, 0, 999999, tzinfo=UTC), ("20140504120000", "before", 0)),  # within it
        (datetime(2014, 5, 4, 11, 59, 59, 999999, tzinfo=UTC), ("09990101000000", "before", 370844)),  # just before
        (datetime(2014, 5, 4, 14, 0, 0, tzinfo=timezone(timedelta(hours=2))), ("20140504120000", "before", 0)),
        (datetime(2014, 5, 4, 13, 59, 59, tzinfo=timezone(timedelta(hours=2))), ("09990101000000", "before", 370844)),
        (datetime(998, 1, 1, tzinfo=UTC), ("09990101000000", "after", 365)),  # a year of three digits
    ],
)
def test_timestamps_compare_as_the_moments_they_name(cited, chosen):
    captures = (_at("09990101000000"), _at("20140504120000"), _at("20140504120001", "404"))
    choice = choose(captures, cited)
    assert (choice.capture.timestamp, choice.direction, choice.days) == chosen
