"""Canonical keys of cited URLs, and Wayback links taken apart."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from auditor.urls import ArchiveLink, clean, parse_archive_link, parse_timestamp, timestamp_of


@pytest.mark.parametrize(
    "variant",
    [
        "http://news.example/story",
        "https://news.example/story",
        "http://www.news.example/story",
        "http://NEWS.example:80/story/",
        "https://news.example:443/story#comments",
        "http://news.example/story?utm_source=twitter&utm_medium=social",
        "http://news.example/story?fbclid=IwAR0",
        "news.example/story",
        "//www.news.example/story",
        "http://news.example//story",
        "http://news.example/Story",
    ],
)
def test_spellings_of_one_page_share_a_key(variant):
    assert clean(variant).key == "news.example/story"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("http://news.example/story?id=1", "http://news.example/story?id=2"),
        ("http://news.example/story", "http://news.example/story/2"),
        ("http://news.example/story", "http://news.example:8080/story"),
        ("http://news.example/story", "http://other.example/story"),
    ],
)
def test_different_pages_keep_different_keys(one, other):
    assert clean(one).key != clean(other).key


def test_parameter_order_does_not_matter_and_real_parameters_stay():
    assert clean("http://a.example/p?b=2&a=1").key == clean("http://a.example/p?a=1&b=2&utm_campaign=x").key
    assert clean("http://a.example/p?b=2&a=1&gclid=z").url == "http://a.example/p?b=2&a=1"


def test_query_url_keeps_the_cited_spelling_without_fragment_or_tracking():
    assert clean("https://www.News.example/Story/?utm_source=x#top").url == "https://www.news.example/Story/"


def test_an_ipv6_host_keeps_its_brackets():
    assert clean("http://[2001:DB8::1]:8080/Report?id=1") == (
        "[2001:db8::1]:8080/report?id=1",
        "http://[2001:db8::1]:8080/Report?id=1",
    )
    assert clean("https://[::ffff:192.0.2.1]/a").url == "https://[::ffff:192.0.2.1]/a"


@pytest.mark.parametrize("text", ["mailto:someone@news.example", "ftp://files.example/a", "not a url", "http://localhost/x",
                                  "http://news.example:99999/"])  # fmt: skip
def test_what_is_not_a_web_address_has_no_key(text):
    assert clean(text) is None


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://web.archive.org/web/20140505101500/http://news.example/fall", ("20140505101500", "http://news.example/fall")),
        ("http://web.archive.org/web/20140505id_/https://news.example/a?b=1", ("20140505", "https://news.example/a?b=1")),
        ("https://wayback.archive.org/web/2014/http://news.example/", ("2014", "http://news.example/")),
        ("https://web.archive.org/web/20140505101500/http:/news.example/fall", ("20140505101500", "http://news.example/fall")),
        ("https://web.archive.org/20140505101500/news.example/fall", ("20140505101500", "news.example/fall")),
    ],
)  # fmt: skip
def test_wayback_links_are_taken_apart(link, expected):
    assert parse_archive_link(link) == ArchiveLink(*expected)


def test_links_under_a_configured_replay_prefix_are_taken_apart():
    link = "http://127.0.0.1:8080/web/20140505101500/http://news.example/fall"
    assert parse_archive_link(link) is None
    assert parse_archive_link(link, "http://127.0.0.1:8080/web/") == ArchiveLink(
        "20140505101500", "http://news.example/fall"
    )


def test_other_archives_are_not_wayback_links():
    assert parse_archive_link("https://archive.ph/20140505/http://news.example/fall") is None


def test_timestamps_round_trip_and_short_ones_count_from_their_start():
    moment = datetime(2014, 5, 5, 10, 15, tzinfo=UTC)
    assert parse_timestamp(timestamp_of(moment)) == moment
    assert parse_timestamp("2014") == datetime(2014, 1, 1, tzinfo=UTC)
    assert parse_timestamp("201405") == datetime(2014, 5, 1, tzinfo=UTC)
    assert parse_timestamp("20000012170449") is None
    assert parse_timestamp("abc") is None
