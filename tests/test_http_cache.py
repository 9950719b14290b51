"""The HTTP cache's answer path: a cached answer is found by the key of the URL as requests sends it,
without building a request, and read straight from the cache's table."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
import urllib3
from requests.structures import CaseInsensitiveDict

from auditor.archive.http import HttpClient, HttpSettings, NetworkError, _cache_key, sent_url

CDX = "https://web.archive.org/cdx/search/cdx"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (CDX, {"url": "news.example/story/1?id=2&x=é", "output": "json", "limit": "-5"}),
        (CDX, {"url": "http://www.example.org/a b/c~d", "fl": "timestamp,original,statuscode", "from": "2014"}),
        ("http://127.0.0.1:8080/cdx", {"url": "site.example/ü/%20", "matchType": "exact"}),
        ("https://web.archive.org/web/20140101000000id_/http://news.example/story", {}),
        ("https://web.archive.org/web/timemap/link/http://news.example/a%20b", {}),  # quoted: built by requests
        ("https://en.wikipedia.org/w/api.php", {"action": "query", "titles": "Battle of Aleppo (2012–2016)"}),
        ("https://example.org/a/../b/./c", {"q": "1"}),  # dot segments: requests removes them
        ("https://EXAMPLE.org/Path", {"q": "x y"}),  # an upper-case host: requests lowers it
        ("https://example.org", {"q": "1"}),  # no path: requests adds "/"
        ("https://example.org/p?a=1", {"b": "2"}),  # a query of its own: requests joins the two
        ("https://example.org/p", {"a": None, "b": "~-._ !*'()"}),  # None is left out
    ],
)
def test_the_url_as_sent_is_the_one_requests_prepares(url, params):
    assert sent_url(url, params) == requests.Request("GET", url, params=params).prepare().url


def _store(client: HttpClient, url: str, params: dict[str, str], body: bytes, expires: datetime) -> None:
    prepared = requests.Request("GET", url, params=params).prepare()
    response = requests.Response()
    response.status_code, response._content, response.reason, response.encoding = 200, body, "OK", "utf-8"
    response.url, response.request = prepared.url or "", prepared
    response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
    response.raw = urllib3.HTTPResponse(io.BytesIO(b""), status=200, preload_content=False, request_url=response.url)
    client.session.cache.save_response(response, _cache_key(prepared), expires=expires)


def test_a_cached_answer_is_served_without_building_a_request(tmp_path: Path, monkeypatch):
    client = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))
    params = {"url": "news.example/story/1", "output": "json"}
    _store(client, CDX, params, b'[["timestamp"],["20140115120000"]]', datetime.now(UTC) + timedelta(days=1))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request was built for a cached answer")

    monkeypatch.setattr(requests.PreparedRequest, "prepare", refuse)
    monkeypatch.setattr(requests.PreparedRequest, "prepare_url", refuse)
    again = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))  # a new run over the same cache
    assert again.get_json(CDX, params, timedelta(days=1), list) == [["timestamp"], ["20140115120000"]]
    response = again.get(CDX, params, timedelta(days=1))
    assert (response.status_code, response.headers["content-type"], response.from_cache) == (
        200,
        "application/json",
        True,
    )
    assert again.counts == {"cached": 2}


def test_an_expired_answer_is_not_served(tmp_path: Path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))
    params = {"url": "news.example/old"}
    _store(client, CDX, params, b"[]", datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(NetworkError, match="not in the cache, and --offline forbids fetching it"):
        client.get_json(CDX, params, timedelta(days=1), list)
    assert client.counts == {"failed": 1}


def _kept(tmp_path: Path, expires: datetime) -> HttpClient:
    """A client over a cache holding an answer, and what a caller read of it, fresh until ``expires``."""
    client = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))
    _store(client, CDX, {"url": "news.example/1"}, b"[]", expires)
    client.keep(client.get(CDX, {"url": "news.example/1"}, timedelta(days=1)), "what was read")
    return HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))  # a new run over the same cache


def test_what_was_read_of_an_answer_is_recalled_without_the_answer(tmp_path: Path, monkeypatch):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(days=1))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the answer was read")

    monkeypatch.setattr(again.session.cache, "get_response", refuse)
    monkeypatch.setattr("auditor.archive.http._response", refuse)
    assert again.recall(CDX, {"url": "news.example/1"}, str.upper) == "WHAT WAS READ"
    assert again.counts == {"cached": 1}
    assert again.recall(CDX, {"url": "news.example/2"}, str.upper) is None  # another request: nothing kept
    assert again.recall(CDX, {"url": "news.example/1"}, lambda kept: None) is None  # unreadable: ask as usual
    assert again.counts == {"cached": 1}


def test_what_was_read_expires_with_the_answer(tmp_path: Path):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(seconds=2))
    assert again.recall(CDX, {"url": "news.example/1"}, str) == "what was read"
    with again.session.cache.responses.connection(commit=True) as connection:  # two seconds later
        connection.execute("UPDATE responses SET expires = expires - 3")
        connection.execute("UPDATE auditor_read SET expires = expires - 3")
    assert again.recall(CDX, {"url": "news.example/1"}, str) is None


def test_nothing_is_kept_of_an_answer_the_cache_does_not_hold_or_has_forgotten(tmp_path: Path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))
    assert client.recall(CDX, {"url": "news.example/1"}, str) is None  # no table yet
    _store(client, CDX, {"url": "news.example/1"}, b"[]", datetime.now(UTC) + timedelta(days=1))
    answer = client.get(CDX, {"url": "news.example/1"}, timedelta(days=1))
    client.keep(answer, "read")
    client.forget(answer)
    assert client.recall(CDX, {"url": "news.example/1"}, str) is None
    client.keep(answer, "read")  # the answer is gone from the cache: nothing to keep it beside
    assert client.recall(CDX, {"url": "news.example/1"}, str) is None


def test_nothing_is_recalled_once_the_server_has_said_stop(tmp_path: Path):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(days=1))
    again.halted = "stopped asking after 4 refusals in a row (HTTP 429 Too Many Requests)"
    assert again.recall(CDX, {"url": "news.example/1"}, str) is None


def test_nothing_is_recalled_from_a_host_no_longer_asked(tmp_path: Path):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(days=1))
    again.unreachable["web.archive.org"] = "cannot connect (connection refused)"
    assert again.recall(CDX, {"url": "news.example/1"}, str) is None
    again.unreachable = {"other.example": "cannot connect (connection refused)"}
    assert again.recall(CDX, {"url": "news.example/1"}, str) == "what was read"


def _made(name: str, made: str) -> str:
    return f"{name}: {made}"


def test_what_was_made_of_kept_answers_is_recalled_by_name_in_one_go(tmp_path: Path):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(days=1))
    assert again.recall_derived(CDX, ["chosen for 4 May"], _made) == {}  # nothing made of it yet
    again.keep_derived("chosen for 4 May", CDX, {"url": "news.example/1"}, "made")
    again.keep_derived("chosen for 5 May", CDX, {"url": "news.example/1"}, "made too")
    again.keep_derived("chosen for 6 May", CDX, {"url": "news.example/2"}, "made")  # of nothing kept: not kept
    fresh = HttpClient(HttpSettings(cache_dir=tmp_path, offline=True))
    names = ["chosen for 4 May", "chosen for 5 May", "chosen for 6 May", "chosen for 7 May"]
    assert fresh.recall_derived(CDX, names, _made) == {
        "chosen for 4 May": "chosen for 4 May: made",
        "chosen for 5 May": "chosen for 5 May: made too",
    }
    assert fresh.counts == {"cached": 2}
    assert fresh.recall_derived(CDX, names, lambda name, made: None) == {}  # unreadable: ask as usual
    fresh.halted = "stopped asking after 4 refusals in a row (HTTP 429 Too Many Requests)"
    assert fresh.recall_derived(CDX, names, _made) == {}
    assert fresh.counts == {"cached": 2}


def test_what_was_made_of_an_answer_goes_with_it_when_it_expires_is_replaced_or_forgotten(tmp_path: Path):
    again = _kept(tmp_path, datetime.now(UTC) + timedelta(days=1))
    again.keep_derived("chosen", CDX, {"url": "news.example/1"}, "made")
    with again.session.cache.responses.connection(commit=True) as connection:  # what was read, expired
        connection.execute("UPDATE auditor_read SET expires = expires - 86401")
        connection.execute("UPDATE auditor_derived SET expires = expires - 86401")
    assert again.recall_derived(CDX, ["chosen"], _made) == {}
    answer = again.get(CDX, {"url": "news.example/1"}, timedelta(days=1))
    again.keep(answer, "what was read of a newer answer")  # the answer it was made from, replaced
    assert again.recall_derived(CDX, ["chosen"], _made) == {}
    again.keep_derived("chosen", CDX, {"url": "news.example/1"}, "made again")
    assert again.recall_derived(CDX, ["chosen"], _made) == {"chosen": "chosen: made again"}
    again.forget(answer)
    assert again.recall_derived(CDX, ["chosen"], _made) == {}
