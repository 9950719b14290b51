"""Live articles by title or URL, against a local MediaWiki API that serves answers the tests build."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from auditor.archive.articles import ArticleSpec, parse_article_spec
from auditor.archive.http import HttpClient, HttpSettings, NetworkError
from auditor.archive.mediawiki import ArticleError, fetch_revision
from auditor.archive.revisions import list_revisions
from conftest import reply, serving

TITLE = "Battle of Example"
REVISIONS = [  # (id, timestamp, wikitext), oldest first
    (101, "2015-03-01T12:00:00Z", "The battle began on 3 January 2014.<ref>Example News, 5 January 2014.</ref>\n"),
    (102, "2016-01-21T10:00:00Z", "The battle began on 3 January 2014.<ref></ref> About 1,500 people died.\n"),
]


class FakeWiki(ThreadingHTTPServer):
    """``/w/api.php`` answering ``action=query&prop=revisions`` as MediaWiki does (formatversion 2)."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[dict[str, str], str]] = []  # (query, User-Agent)
        self.faults: list[tuple[int, dict[str, str], bytes]] = []  # served first, one per request

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/w/api.php"

    def answer(self, query: dict[str, str]) -> dict[str, object]:
        if "revids" in query:
            found = [r for r in REVISIONS if str(r[0]) == query["revids"]]
            if not found:
                return {"query": {"badrevids": {query["revids"]: {"revid": int(query["revids"]), "missing": True}}}}
        elif query.get("titles") != TITLE:
            return {"query": {"pages": [{"ns": 0, "title": query.get("titles"), "missing": True}]}}
        else:
            until = query.get("rvstart", "9999")
            found = [r for r in REVISIONS if r[1] <= until][-1:]
        revisions = [
            {"revid": r, "timestamp": t, "slots": {"main": {"contentmodel": "wikitext", "content": text}}}
            for r, t, text in found
        ]
        return {"query": {"pages": [{"pageid": 7, "ns": 0, "title": TITLE, "revisions": revisions}]}}


class _Handler(BaseHTTPRequestHandler):
    server: FakeWiki

    def do_GET(self) -> None:
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        self.server.requests.append((query, self.headers.get("User-Agent", "")))
        if self.server.faults:
            status, headers, body = self.server.faults.pop(0)
            if status == 0:  # hang past the client's timeout
                time.sleep(float(headers["seconds"]))
                return
        else:
            status, headers, body = 200, {}, json.dumps(self.server.answer(query)).encode()
        reply(self, status, {"Content-Type": "application/json", **headers}, body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def wiki() -> Iterator[FakeWiki]:
    with serving(FakeWiki()) as server:
        yield server


def auditor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", "check", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_article_names():
    assert parse_article_spec("en:Battle_of_Example") == ArticleSpec("en.wikipedia.org", TITLE)
    assert parse_article_spec("https://en.wikipedia.org/wiki/Battle_of_Example") == ArticleSpec(
        "en.wikipedia.org", TITLE
    )
    assert parse_article_spec("https://de.m.wikipedia.org/wiki/Schlacht_um_Aleppo_%282012%29") == ArticleSpec(
        "de.wikipedia.org", "Schlacht um Aleppo (2012)"
    )
    assert parse_article_spec("https://en.wikipedia.org/w/index.php?title=Battle_of_Example&oldid=101") == (
        ArticleSpec("en.wikipedia.org", TITLE, 101)
    )
    assert parse_article_spec("seeds/article.txt") is None
    assert parse_article_spec("https://example.org/report.html") is None


def test_latest_revision_is_pinned_and_reported(wiki: FakeWiki, tmp_path: Path):
    result = auditor("en:Battle_of_Example", "--api-url", wiki.api, "--cache-dir", "cache", "--format", "json",
                     cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr == "auditor: en:Battle_of_Example: revision 102 of 2016-01-21T10:00:00Z\n"
    report = json.loads(result.stdout)
    (file,) = report["files"]
    assert file["path"] == "en:Battle_of_Example" and file["format"] == "wikitext"
    assert file["provenance"]["revision"] == 102
    assert file["provenance"]["source_url"] == "https://en.wikipedia.org/w/index.php?oldid=102"
    assert "empty-footnote" in {f["rule"] for f in report["findings"]}
    (query, agent), *_ = wiki.requests
    assert agent.startswith("auditor/") and "https://" in agent  # identifies itself with a contact
    assert query["titles"] == TITLE and query["rvslots"] == "main"


def test_revision_and_as_of_choose_older_text(wiki: FakeWiki, tmp_path: Path):
    by_id = auditor("en:Battle_of_Example", "--revision", "101", "--api-url", wiki.api, "--cache-dir", "c",
                    cwd=tmp_path)  # fmt: skip
    assert by_id.returncode == 0, by_id.stdout + by_id.stderr
    assert "revision 101 of 2015-03-01T12:00:00Z" in by_id.stderr
    as_of = auditor("https://en.wikipedia.org/wiki/Battle_of_Example", "--as-of", "2015-12-31", "--api-url",
                    wiki.api, "--cache-dir", "c", cwd=tmp_path)  # fmt: skip
    assert "revision 101" in as_of.stderr
    assert wiki.requests[-1][0]["rvstart"] == "2015-12-31T23:59:59Z"
    assert wiki.requests[-1][0]["rvdir"] == "older"


def test_second_run_is_served_from_the_cache_and_offline_works(wiki: FakeWiki, tmp_path: Path):
    first = auditor("en:Battle_of_Example", "--api-url", wiki.api, "--cache-dir", "cache", cwd=tmp_path)
    asked = len(wiki.requests)
    second = auditor("en:Battle_of_Example", "--api-url", wiki.api, "--cache-dir", "cache", cwd=tmp_path)
    offline = auditor("en:Battle_of_Example", "--api-url", wiki.api, "--cache-dir", "cache", "--offline",
                      cwd=tmp_path)  # fmt: skip
    assert asked == 1 and len(wiki.requests) == 1
    assert first.stdout == second.stdout == offline.stdout


def test_offline_without_a_cached_answer_is_one_clear_error(wiki: FakeWiki, tmp_path: Path):
    result = auditor("en:Battle_of_Example", "--api-url", wiki.api, "--cache-dir", "empty", "--offline", cwd=tmp_path)
    assert result.returncode == 2 and not wiki.requests
    assert result.stderr.splitlines() == [
        "auditor: error: en:Battle_of_Example: cannot fetch the article:"
        f" 127.0.0.1:{wiki.server_address[1]}: not in the cache, and --offline forbids fetching it"
    ]


def test_missing_article_and_revision(wiki: FakeWiki, tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Nothing here states a fact.\n", encoding="utf-8")
    result = auditor("en:No_such_page", "good.txt", "--api-url", wiki.api, "--cache-dir", "c", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "auditor: error: en:No_such_page: no article 'No such page' on en.wikipedia.org"
    ]
    assert "in 1 file" in result.stdout  # the file after it was still checked
    client = HttpClient(HttpSettings(cache_dir=tmp_path / "c"))
    with pytest.raises(ArticleError, match="no revision 999"):
        fetch_revision(client, ArticleSpec("en.wikipedia.org", TITLE), revision=999, api_url=wiki.api)
    with pytest.raises(ArticleError, match="has no revision on or before 2014-01-01"):
        fetch_revision(client, ArticleSpec("en.wikipedia.org", TITLE), as_of=date(2014, 1, 1), api_url=wiki.api)


def test_429_waits_as_asked_then_succeeds(wiki: FakeWiki, tmp_path: Path):
    waits: list[float] = []
    client = HttpClient(HttpSettings(cache_dir=tmp_path), sleep=waits.append)
    wiki.faults = [(429, {"Retry-After": "7"}, b"slow down"), (503, {}, b"busy")]
    found = fetch_revision(client, ArticleSpec("en.wikipedia.org", TITLE), api_url=wiki.api)
    assert found.revision == 102
    assert waits == [7.0, 2.0]  # Retry-After first, then backoff doubling from 1 s
    assert len(wiki.requests) == 3 and client.counts["fetched"] == 3


def test_repeated_429_stops_and_a_long_retry_after_is_not_waited_for(wiki: FakeWiki, tmp_path: Path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path, retries=2), sleep=lambda _: None)
    wiki.faults = [(429, {}, b"")] * 3
    with pytest.raises(NetworkError, match="HTTP 429 Too Many Requests after 3 tries"):
        fetch_revision(client, ArticleSpec("en.wikipedia.org", TITLE), api_url=wiki.api)
    wiki.faults = [(429, {"Retry-After": "3600"}, b"")]
    with pytest.raises(NetworkError, match="asks to wait 3600 s"):
        fetch_revision(client, ArticleSpec("en.wikipedia.org", TITLE), api_url=wiki.api)
    assert len(wiki.requests) == 4


def test_hang_malformed_reply_and_closed_port(wiki: FakeWiki, tmp_path: Path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path, read_timeout=0.3), sleep=lambda _: None)
    spec = ArticleSpec("en.wikipedia.org", TITLE)
    wiki.faults = [(0, {"seconds": "1"}, b"")]
    with pytest.raises(NetworkError, match=r"no answer within 0\.3 s"):
        fetch_revision(client, spec, api_url=wiki.api)
    wiki.faults = [(200, {}, b"{not json")]
    with pytest.raises(NetworkError, match="not JSON"):
        fetch_revision(client, spec, api_url=wiki.api)
    assert fetch_revision(client, spec, api_url=wiki.api).revision == 102  # the bad answer was not kept
    closed = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = closed.server_address[1]
    closed.server_close()
    with pytest.raises(NetworkError, match="cannot connect"):
        fetch_revision(client, spec, api_url=f"http://127.0.0.1:{port}/w/api.php")


_PAGE = {"pageid": 7, "ns": 0, "title": TITLE}


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ([], "JSON that is not an API reply"),
        ({"query": ["pages"]}, "JSON that is not an API reply"),
        ({"query": {"pages": {"7": _PAGE}}}, "without the page asked for"),  # formatversion 1's shape
        ({"query": {"pages": ["7"]}}, "without the page asked for"),
        ({"query": {"pages": [{**_PAGE, "revisions": [{"timestamp": "2016-01-21T10:00:00Z"}]}]}}, "without its id"),
        ({"query": {"pages": [{**_PAGE, "revisions": [{"revid": "102", "timestamp": "2016"}]}]}}, "without its id"),
        ({"query": {"pages": [{**_PAGE, "revisions": ["102"]}]}}, "without its id"),
    ],
)
def test_a_reply_of_the_wrong_shape_is_one_error_and_not_kept(wiki: FakeWiki, tmp_path: Path, reply, message):
    client = HttpClient(HttpSettings(cache_dir=tmp_path), sleep=lambda _: None)
    spec = ArticleSpec("en.wikipedia.org", TITLE)
    wiki.faults = [(200, {}, json.dumps(reply).encode())]
    with pytest.raises(NetworkError, match=message):
        fetch_revision(client, spec, api_url=wiki.api)
    found = fetch_revision(client, spec, api_url=wiki.api)
    assert (found.revision, found.title) == (102, TITLE)
    assert len(wiki.requests) == 2  # asked again: the bad reply was not kept


def test_a_revision_listing_of_the_wrong_shape_is_one_error_and_not_kept(wiki: FakeWiki, tmp_path: Path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path), sleep=lambda _: None)
    spec = ArticleSpec("en.wikipedia.org", TITLE)
    wiki.faults = [(200, {}, b'{"query": {"pages": {"7": {}}}}')]
    with pytest.raises(NetworkError, match="without the page asked for"):
        list_revisions(client, spec, None, True, 10, api_url=wiki.api)
    title, found = list_revisions(client, spec, None, True, 10, api_url=wiki.api)
    assert title == TITLE and [stamp.revision for stamp in found] == [102]
    assert len(wiki.requests) == 2
