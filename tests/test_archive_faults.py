"""An archive that misbehaves: 429 with Retry-After, 503, hangs, malformed CDX, recorded refusals.

Every failure must leave a lookup unverified with its reason, never missing and never a crash.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.ratelimit import RateLimiter
from auditor.archive.settings import ArchiveSettings
from auditor.archive.wayback import Wayback
from auditor.extract.sources import Status
from cassettes import CASSETTES, exchanges
from conftest import reply, serving

CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)
GOOD = "com,example)/a 20140420080000 http://example.com/a text/html 200 AAAA 100\n"


class FaultyArchive(ThreadingHTTPServer):
    """Serves the queued answers in turn, then ``GOOD``; records every request's ``url`` parameter."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.queue: list[tuple[int, dict[str, str], bytes, float]] = []  # (status, headers, body, delay)
        self.asked: list[str] = []

    @property
    def cdx(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/cdx/search/cdx"


class _Handler(BaseHTTPRequestHandler):
    server: FaultyArchive

    def do_GET(self) -> None:
        self.server.asked.append(parse_qs(urlsplit(self.path).query).get("url", [""])[0])
        status, headers, body, delay = self.server.queue.pop(0) if self.server.queue else (200, {}, GOOD.encode(), 0)
        time.sleep(delay)
        with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as it should
            reply(self, status, {"Content-Type": "text/plain", **headers}, body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def archive() -> Iterator[FaultyArchive]:
    with serving(FaultyArchive()) as server:
        yield server


def _wayback(archive: FaultyArchive, tmp_path, sleeps: list[float], **http: float) -> Wayback:
    client = HttpClient(HttpSettings(cache_dir=tmp_path, **http), sleep=sleeps.append)  # type: ignore[arg-type]
    return Wayback(client, ArchiveSettings(cdx_url=archive.cdx, requests_per_minute=60_000))


def _lookup(wayback: Wayback, page: str = "a"):
    return wayback.lookup(f"example.com/{page}", f"http://example.com/{page}", CITED, CITED)


def test_a_429_with_retry_after_is_waited_out_and_answered(archive, tmp_path):
    archive.queue.append((429, {"Retry-After": "7"}, b"Too Many Requests", 0))
    sleeps: list[float] = []
    found = _lookup(_wayback(archive, tmp_path, sleeps))
    assert found.status is Status.ARCHIVED
    assert 7 in sleeps and len(archive.asked) == 2


def test_repeated_429s_stop_every_later_request_and_leave_lookups_unverified(archive, tmp_path):
    archive.queue.extend([(429, {}, b"", 0)] * 10)
    wayback = _wayback(archive, tmp_path, [])
    first = _lookup(wayback, "a")
    later = _lookup(wayback, "b")
    assert first.status is Status.UNVERIFIED and later.status is Status.UNVERIFIED
    assert "stopped asking after 4 refusals in a row (HTTP 429 Too Many Requests)" in later.reason
    assert len(archive.asked) == 4  # nothing sent once the archive has said stop
    assert wayback.counts == {"failed": 2}


def test_a_retry_after_longer_than_a_minute_is_not_waited_for(archive, tmp_path):
    archive.queue.append((429, {"Retry-After": "3600"}, b"", 0))
    sleeps: list[float] = []
    found = _lookup(_wayback(archive, tmp_path, sleeps))
    assert found.status is Status.UNVERIFIED and "asks to wait 3600 s" in found.reason
    assert sleeps == []


def test_503s_are_retried_with_backoff_then_unverified(archive, tmp_path):
    archive.queue.extend([(503, {}, b"Service Unavailable", 0)] * 5)
    sleeps: list[float] = []
    found = _lookup(_wayback(archive, tmp_path, sleeps))
    assert found.status is Status.UNVERIFIED and "HTTP 503 Service Unavailable after 5 tries" in found.reason
    assert sleeps == [1, 2, 4, 8]


def test_a_hang_times_out_and_a_second_one_ends_asking_that_host(archive, tmp_path):
    archive.queue.extend([(200, {}, GOOD.encode(), 3), (200, {}, GOOD.encode(), 3)])
    wayback = _wayback(archive, tmp_path, [], read_timeout=0.3)
    results = [_lookup(wayback, page) for page in ("a", "b", "c")]
    assert len(archive.asked) == 2  # the third lookup is not sent, so not waited on
    assert [r.status for r in results] == [Status.UNVERIFIED] * 3
    assert "no answer within 0.3 s" in results[0].reason
    assert "not asked again in this run" in results[2].reason


def test_a_refused_connection_is_unverified_and_ends_asking(tmp_path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    wayback = Wayback(client, ArchiveSettings(cdx_url="http://127.0.0.1:9/cdx/search/cdx", requests_per_minute=60_000))
    first, second = _lookup(wayback, "a"), _lookup(wayback, "b")
    assert first.status is Status.UNVERIFIED and "cannot connect (connection refused)" in first.reason
    assert second.reason == first.reason and client.counts["fetched"] == 0


def test_malformed_lines_are_skipped_and_the_good_ones_used(archive, tmp_path):
    body = "not a cdx line\n" + GOOD + "com,example)/a 2014 http://example.com/a text/html 200\n"
    archive.queue.append((200, {}, body.encode(), 0))
    assert _lookup(_wayback(archive, tmp_path, [])).status is Status.ARCHIVED


def test_an_unreadable_answer_is_unverified_and_not_cached(archive, tmp_path):
    archive.queue.append((200, {"Content-Type": "text/html"}, b"<html><body>Maintenance</body></html>", 0))
    first = _lookup(_wayback(archive, tmp_path, []))
    assert (first.status, first.reason) == (Status.UNVERIFIED, "the archive's answer could not be read")
    again = _lookup(_wayback(archive, tmp_path, []))  # a new run, the same cache
    assert again.status is Status.ARCHIVED and len(archive.asked) == 2


def test_no_capture_is_remembered_for_a_day_and_a_capture_for_a_month(archive, tmp_path):
    archive.queue.append((200, {"Content-Type": "application/json"}, b"[]", 0))  # the Internet Archive's "none"
    wayback = _wayback(archive, tmp_path, [])
    assert _lookup(wayback, "a").status is Status.MISSING
    assert _lookup(wayback, "b").status is Status.ARCHIVED
    expiries = {
        parse_qs(urlsplit(r.url).query)["url"][0]: r.expires for r in wayback.client.session.cache.responses.values()
    }
    now = datetime.now(UTC)
    assert expiries["http://example.com/a"] - now < timedelta(days=1, minutes=1)
    assert expiries["http://example.com/b"] - now > timedelta(days=29)
    with wayback.client.session.cache.responses.connection() as connection:  # what was read of each: as long
        kept = "SELECT count(*) FROM responses AS r JOIN auditor_read AS k USING (key) WHERE k.expires = r.expires"
        assert connection.execute(kept).fetchone() == (2,)


def _chosen_kept(wayback: Wayback) -> int:
    with wayback.client.session.cache.responses.connection() as connection:
        try:
            return connection.execute("SELECT count(*) FROM auditor_derived").fetchone()[0]
        except sqlite3.OperationalError:  # no table: nothing was ever kept
            return 0


def test_the_answer_chosen_is_kept_only_when_one_answer_the_cache_keeps_made_it(archive, tmp_path):
    line = "com,example)/a 201404{:02d}{:02d}0000 http://example.com/a text/html 404 AAAA 100\n"
    unusable = "".join(line.format(1 + n // 24, n % 24) for n in range(100))
    archive.queue += [
        (200, {"Content-Type": "text/html"}, b"<html><body>Maintenance</body></html>", 0),  # unreadable
        (503, {}, b"", 0),  # an error, five times: unverified
        (503, {}, b"", 0),
        (503, {}, b"", 0),
        (503, {}, b"", 0),
        (503, {}, b"", 0),
        (200, {}, unusable.encode(), 0),  # 100 unusable captures: a second answer with a usable one (GOOD)
    ]
    wayback = _wayback(archive, tmp_path, [])
    assert _lookup(wayback, "a").status is Status.UNVERIFIED
    assert _lookup(wayback, "b").status is Status.UNVERIFIED
    assert _lookup(wayback, "c").status is Status.ARCHIVED
    assert _chosen_kept(wayback) == 0
    assert _lookup(wayback, "d").status is Status.ARCHIVED  # one answer, kept: its choice is kept beside it
    assert _chosen_kept(wayback) == 1


def test_the_rate_limiter_spaces_requests_and_cache_hits_cost_nothing(archive, tmp_path):
    clock = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    limiter = RateLimiter(24, clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    assert waits == [2.5, 2.5]
    client = HttpClient(HttpSettings(cache_dir=tmp_path), sleep=sleep)
    wayback = Wayback(client, ArchiveSettings(cdx_url=archive.cdx, requests_per_minute=24))
    wayback.limiter = limiter  # the fake clock's
    client.limit(archive.cdx, limiter)
    waits.clear()
    _lookup(wayback, "a")
    Wayback(HttpClient(HttpSettings(cache_dir=tmp_path)), ArchiveSettings(cdx_url=archive.cdx)).lookup(
        "example.com/a", "http://example.com/a", CITED, CITED
    )
    assert len(waits) == 1 and len(archive.asked) == 1  # the second run answered from the cache


# --- recorded Internet Archive answers, served as they were recorded ---------------------------------


def _recorded(name: str) -> list[tuple[int, dict[str, str], bytes, float]]:
    path = CASSETTES / f"{name}.yaml"
    if not path.exists():
        pytest.skip("recorded archive traffic not available")
    return [
        (e.status, {"Content-Type": e.headers.get("content-type", "text/plain")}, e.body, 0) for e in exchanges(path)
    ]


def test_a_recorded_blocked_site_is_unverified_because_withheld(archive, tmp_path):
    archive.queue.extend(_recorded("test_search_raises_for_blocked_urls"))
    found = _lookup(_wayback(archive, tmp_path, []))
    assert found.status is Status.UNVERIFIED
    assert found.reason == "the archive withholds this site's captures, so whether it has one is unknown"


def test_a_recorded_search_answer_is_read_and_a_capture_chosen(archive, tmp_path):
    archive.queue.extend(_recorded("test_search")[:1])
    wayback = _wayback(archive, tmp_path, [])
    found = wayback.lookup("nasa.gov", "http://nasa.gov/", datetime(1997, 1, 1, tzinfo=UTC), CITED)
    assert found.status is Status.ARCHIVED and found.capture.original.startswith("http://www.nasa.gov")
    assert found.capture.timestamp <= "19970101000000"


def test_a_recorded_rate_limit_page_is_retried_not_read_as_no_captures(archive, tmp_path):
    recorded = _recorded("test_get_memento_works_on_archived_rate_limit_responses")
    assert recorded[0][0] == 429
    archive.queue.extend(recorded * 2)
    found = _lookup(_wayback(archive, tmp_path, []))
    assert found.status is Status.ARCHIVED  # after two 429s with IA's HTML page, the third try is answered
