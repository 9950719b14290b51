"""An archive whose answers are hostile or broken: each costs one lookup, never a crash, a hang or the phase.

A real HTTP server on loopback plays each answer byte for byte: malformed CDX rows, JSON nested past
reason, a redirect to an address that cannot be parsed, a gzip bomb, an answer over the size cap, one
cut short, bad chunking, a server that drips a byte at a time, persistent server errors, and 200s that
are not answers (an empty body, a "Blocked Site Error" page, a TimeMap that is an HTML page).
"""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import suppress
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.settings import ArchiveSettings
from auditor.archive.wayback import Wayback
from auditor.cli import main
from auditor.extract.sources import Status
from conftest import serving
from support.export_xml import ExportPage, write_dump

CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)
HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
GOOD_ROW = ["com,example)/a", "20140420080000", "http://example.com/a", "text/html", "200", "AAAA", "100"]
GOOD = json.dumps([HEADER, GOOD_ROW]).encode()
MiB = 2**20

Answer = Callable[[BaseHTTPRequestHandler], None]


def answer(status: int, body: bytes, **headers: str) -> Answer:
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        for name, value in {
            "Content-Type": "application/json",
            **{k.replace("_", "-"): v for k, v in headers.items()},
        }.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return send


def raw(data: bytes, delay: float = 0.0, step: int = 0) -> Answer:
    """Bytes as they are, with no framing added; ``step`` bytes at a time, ``delay`` seconds apart."""

    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        for start in range(0, len(data), step or len(data)):
            handler.wfile.write(data[start : start + (step or len(data))])
            handler.wfile.flush()
            time.sleep(delay)

    return send


class HostileArchive(ThreadingHTTPServer):
    """Plays the queued answers in turn, then ``GOOD``; counts the requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.queue: list[Answer] = []
        self.asked = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: HostileArchive
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.asked += 1
        play = self.server.queue.pop(0) if self.server.queue else answer(200, GOOD)
        with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            play(self)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def archive() -> Iterator[HostileArchive]:
    with serving(HostileArchive()) as server:
        yield server


def _wayback(archive: HostileArchive, cache: Path, timemap: bool = False, **http: float) -> Wayback:
    client = HttpClient(HttpSettings(cache_dir=cache, **http), sleep=lambda _: None)  # type: ignore[arg-type]
    if timemap:
        return Wayback(client, ArchiveSettings(timemap_url=f"{archive.base}/timemap/", requests_per_minute=6e4))
    return Wayback(client, ArchiveSettings(cdx_url=f"{archive.base}/cdx/search/cdx", requests_per_minute=6e4))


def _lookup(wayback: Wayback, page: str = "a"):
    return wayback.lookup(f"example.com/{page}", f"http://example.com/{page}", CITED, CITED)


def _rows(*rows: list[object]) -> bytes:
    return json.dumps([HEADER, *rows]).encode()


@pytest.mark.parametrize(
    "body",
    [
        _rows([*GOOD_ROW[:1], 20140420080000, *GOOD_ROW[2:]]),  # a timestamp sent as a number
        _rows([*GOOD_ROW[:4], 200, *GOOD_ROW[5:]]),  # a status code sent as a number
        _rows([*GOOD_ROW[:2], {"url": "http://example.com/a"}, *GOOD_ROW[3:]]),
        json.dumps([[1, 2, 3], GOOD_ROW]).encode(),  # a header row that names nothing
        json.dumps({"captures": [GOOD_ROW]}).encode(),
        b"[" * 200_000 + b"]" * 200_000,  # nested deeper than the JSON decoder goes
        b"{" * 100_000,
    ],
    ids=["numeric-timestamp", "numeric-status", "object-url", "bad-header", "object", "deep-array", "deep-object"],
)
def test_a_malformed_answer_leaves_the_lookup_unverified(archive, tmp_path, body):
    archive.queue.append(answer(200, body))
    found = _lookup(_wayback(archive, tmp_path))
    assert (found.status, found.reason) == (Status.UNVERIFIED, "the archive's answer could not be read")


def test_a_malformed_row_beside_good_ones_is_set_aside(archive, tmp_path):
    archive.queue.append(answer(200, _rows([*GOOD_ROW[:1], 20140420080000, *GOOD_ROW[2:]], GOOD_ROW)))
    assert _lookup(_wayback(archive, tmp_path)).status is Status.ARCHIVED


def test_a_redirect_to_an_address_that_cannot_be_parsed_is_unverified(archive, tmp_path):
    archive.queue.append(answer(302, b"", Location="http://[::1"))
    wayback = _wayback(archive, tmp_path)
    found = _lookup(wayback, "a")
    assert found.status is Status.UNVERIFIED and "not a valid URL" in found.reason
    assert _lookup(wayback, "b").status is Status.ARCHIVED  # the archive is still asked


def test_a_gzip_bomb_is_refused_before_it_is_held(archive, tmp_path):
    bomb = gzip.compress(b"[" + b" " * (256 * MiB) + b"]", compresslevel=9)
    assert len(bomb) < 300_000
    archive.queue.append(answer(200, bomb, Content_Encoding="gzip"))
    wayback = _wayback(archive, tmp_path, max_answer_bytes=MiB)
    tracemalloc.start()
    try:
        found = _lookup(wayback, "a")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found.status is Status.UNVERIFIED and "larger than 1 MiB once decompressed" in found.reason
    assert peak < 8 * MiB
    assert _lookup(wayback, "b").status is Status.ARCHIVED


def test_a_gzipped_answer_within_the_cap_is_read(archive, tmp_path):
    archive.queue.append(answer(200, gzip.compress(GOOD), Content_Encoding="gzip"))
    assert _lookup(_wayback(archive, tmp_path)).status is Status.ARCHIVED


def test_an_answer_over_the_size_cap_is_refused(archive, tmp_path):
    archive.queue.append(answer(200, b"[" + b" " * (2 * MiB) + b"]"))
    found = _lookup(_wayback(archive, tmp_path, max_answer_bytes=MiB))
    assert found.status is Status.UNVERIFIED and found.reason.endswith("the answer is larger than 1 MiB")


@pytest.mark.parametrize(
    "broken",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n" + GOOD[:50],
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[[\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n" + b"\x1f\x8b\x08" + b"\0" * 17,
    ],
    ids=["cut-short", "bad-chunking", "corrupt-gzip"],
)
def test_a_broken_answer_costs_one_lookup_and_is_not_cached(archive, tmp_path, broken):
    archive.queue.append(raw(broken))
    wayback = _wayback(archive, tmp_path)
    found = _lookup(wayback, "a")
    assert found.status is Status.UNVERIFIED and "could not be asked" in found.reason
    assert _lookup(wayback, "b").status is Status.ARCHIVED
    assert _lookup(_wayback(archive, tmp_path), "a").status is Status.ARCHIVED  # asked again in a new run
    assert archive.asked == 3


def test_a_broken_answer_does_not_cost_the_other_documents_their_archive(archive, tmp_path):
    archive.queue.append(raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
    for name in ("a", "b"):
        (tmp_path / f"{name}.wikitext").write_text(
            f"Claim.<ref>{{{{cite web |url=http://example.com/{name} |title=T |access-date=4 May 2014}}}}</ref>\n"
        )
    args = ["check", str(tmp_path / "a.wikitext"), str(tmp_path / "b.wikitext"), "--archive", "--format", "json"]
    archive_args = ["--cdx-url", f"{archive.base}/cdx/search/cdx", "--archive-rate", "6000"]
    result = CliRunner().invoke(main, [*args, *archive_args, "--cache-dir", str(tmp_path / "cache"), "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    assert "cannot use the HTTP cache" not in result.output
    assert "archive: 2 lookups: 0 cached, 1 fetched, 1 failed" in result.stderr


def test_scan_keeps_the_archive_for_the_pages_after_a_broken_answer(archive, tmp_path):
    archive.queue.append(raw(b"HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n[["))
    pages = [
        ExportPage(f"Page {n}", f"Claim.<ref>{{{{cite web |url=http://example.com/{n} |title=T}}}}</ref>\n", n)
        for n in range(1, 4)
    ]
    dump = write_dump(tmp_path / "pages.xml", pages)
    archive_args = ["--archive", "--cdx-url", f"{archive.base}/cdx/search/cdx", "--archive-rate", "6000"]
    args = ["scan", str(dump), "-o", str(tmp_path / "out"), "--batch-pages", "1", *archive_args]
    result = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "cache")])
    assert "cannot use the HTTP cache" not in result.output
    assert "auditor: archive: 3 lookups: 0 cached, 2 fetched, 1 failed" in result.stderr, result.output
    assert archive.asked == 3


def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(archive, tmp_path):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(GOOD)
    archive.queue.append(raw(head + GOOD, delay=0.2, step=1))  # each byte well within the read timeout
    wayback = _wayback(archive, tmp_path, read_timeout=2.0, deadline=1.0)
    found = _lookup(wayback, "a")
    # Read to its end, the answer is a good one: only the deadline makes the lookup unverified.
    assert found.status is Status.UNVERIFIED and found.reason.endswith("no complete answer within 1 s")


def test_persistent_server_errors_stop_the_asking(archive, tmp_path):
    archive.queue.extend([answer(503, b"Service Unavailable", Content_Type="text/plain")] * 30)
    wayback = _wayback(archive, tmp_path)
    first, second, third = (_lookup(wayback, page) for page in ("a", "b", "c"))
    assert first.status is second.status is third.status is Status.UNVERIFIED
    assert "stopped asking after 10 server errors in a row (HTTP 503)" in third.reason
    assert archive.asked == 10  # two lookups' tries, then nothing more


@pytest.mark.parametrize(
    "reply",
    [
        answer(200, b"", Content_Type="text/plain"),
        answer(200, b""),
        answer(200, b"<html><title>Blocked Site Error</title>...</html>", Content_Type="text/html"),
        answer(200, b"<html><body>Please log in</body></html>", Content_Type="text/html"),
    ],
    ids=["empty-text", "empty-json", "blocked-site", "login-page"],
)
def test_a_200_that_is_not_a_list_of_captures_is_unverified_and_not_cached(archive, tmp_path, reply):
    archive.queue.append(reply)
    found = _lookup(_wayback(archive, tmp_path))
    assert found.status is Status.UNVERIFIED
    assert _lookup(_wayback(archive, tmp_path)).status is Status.ARCHIVED  # a new run asks again
    assert archive.asked == 2


@pytest.mark.parametrize(
    "reply",
    [answer(200, b"[]"), answer(200, json.dumps([HEADER]).encode()), answer(200, b"", Content_Type="text/x-ndjson")],
    ids=["internet-archive", "header-only", "pywb"],
)
def test_an_empty_list_of_captures_is_missing(archive, tmp_path, reply):
    archive.queue.append(reply)
    found = _lookup(_wayback(archive, tmp_path))
    assert (found.status, found.reason) == (Status.MISSING, "the archive has no capture of it")


def test_a_timemap_that_is_an_html_page_is_unverified_and_not_cached(archive, tmp_path):
    archive.queue.append(answer(200, b"<html><body>Maintenance</body></html>", Content_Type="text/html"))
    archive.queue.append(answer(200, b"", Content_Type="application/link-format"))
    found = _lookup(_wayback(archive, tmp_path, timemap=True))
    assert found.status is Status.UNVERIFIED and "not a TimeMap" in found.reason
    empty = _lookup(_wayback(archive, tmp_path, timemap=True))
    assert empty.status is Status.UNVERIFIED and archive.asked == 2


def test_a_timemap_with_dates_out_of_range_sets_them_aside(archive, tmp_path):
    timemap = (
        b'<http://example.com/a>; rel="original",\n'
        b'<http://a.example/1>; rel="memento"; datetime="Mon, 01 Jan 0001 00:00:00 +0100",\n'
        b'<http://a.example/2>; rel="memento"; datetime="Fri, 01 Jan 0999 00:00:00 GMT",\n'
        b'<http://a.example/3>; rel="memento"; datetime="Sun, 20 Apr 2014 10:00:00 +0200"\n'
    )
    archive.queue.append(answer(200, timemap, Content_Type="application/link-format"))
    found = _lookup(_wayback(archive, tmp_path, timemap=True))
    assert found.status is Status.ARCHIVED and found.capture.timestamp == "20140420080000"  # in UTC


def test_a_captured_page_the_reader_cannot_read_costs_only_its_recovery(archive, tmp_path):
    from auditor.archive.recover import recover_lost
    from auditor.extract.sources import OriginalCopy
    from conftest import wikitext

    memento = f"{archive.base}/web/20160101000000/https://en.wikipedia.org/wiki/Siege"
    archive.queue.append(
        answer(
            200,
            f'<{memento}>; rel="memento"; datetime="Fri, 01 Jan 2016 00:00:00 GMT"\n'.encode(),
            Content_Type="application/link-format",
        )
    )
    archive.queue.append(answer(200, b"<html>" + b"<div>" * 100_000, Content_Type="text/html"))

    def unreadable(address: str, html: str):
        raise RecursionError("maximum recursion depth exceeded")

    original = OriginalCopy("https://en.wikipedia.org/wiki/Siege", datetime(2016, 1, 21).date(), "infobox")
    wayback = _wayback(archive, tmp_path, timemap=True)
    found, recovered = recover_lost(wikitext("Claim.<ref></ref>\n"), original, wayback, CITED.date(), unreadable)
    assert recovered == () and found.reason == "the capture could not be read (RecursionError)"
