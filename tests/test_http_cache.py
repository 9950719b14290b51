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
    assert again.get_json(CDX, params, timedelta(days=1)) == [["timestamp"], ["20140115120000"]]
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
        client.get_json(CDX, params, timedelta(days=1))
    assert client.counts == {"failed": 1}
