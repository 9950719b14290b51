"""--check-live requests each cited page as it is now; --save-missing asks the archive for a capture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from auditor.archive.gather import ArchiveOptions, gather
from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.save import Saver
from auditor.archive.settings import ArchiveSettings
from auditor.extract.facts import Facts
from auditor.extract.sources import Status
from auditor.readers import read_html
from conftest import reply, serving, wikitext
from rules_helper import run_rule


class Site(ThreadingHTTPServer):
    """A cited site and an archive in one: pages, a CDX endpoint with no captures, and Save Page Now."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.saves: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            reply(self, 405, {})
        else:
            self.do_GET()

    def do_GET(self) -> None:
        if self.path.startswith("/cdx/"):
            reply(self, 200, {"Content-Type": "application/json"}, b"[]")  # the archive has nothing
        elif self.path.startswith("/save/"):
            self.server.saves.append(self.path.removeprefix("/save/"))
            reply(self, 200, {"Content-Location": f"/web/20261123101500/{self.path.removeprefix('/save/')}"})
        elif self.path in ("/ok", "/no-head"):
            reply(self, 200, {"Content-Type": "text/html"}, b"<p>here</p>")
        elif self.path == "/moved":
            reply(self, 301, {"Location": "/ok"})
        else:
            reply(self, 404, {})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    with serving(Site()) as server:
        yield server


def _article(site: Site) -> str:
    return "".join(
        f"Claim {page}.<ref>{{{{cite web |url={site.base}/{page} |title=Page {page}}}}}</ref>\n"
        for page in ("ok", "gone", "no-head", "moved")
    )


def _options(site: Site, **flags: bool) -> ArchiveOptions:
    settings = ArchiveSettings(
        cdx_url=f"{site.base}/cdx/search/cdx",
        replay_url="https://web.archive.org/web/",
        save_url=f"{site.base}/save/",
        requests_per_minute=60_000,
        saves_per_minute=60_000,
        allow_private_addresses=True,  # the cited pages are on loopback
    )
    return ArchiveOptions(settings, recover=False, **flags)


def test_live_checks_say_what_failed_and_the_rule_says_one_failure_is_not_proof(site, tmp_path):
    doc = Facts(wikitext(_article(site)))
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    facts = gather([doc], client, _options(site, check_live=True), date.today(), read_html)
    live = {key.rsplit("/", 1)[1]: check for key, check in facts.facts[0].live.items()}
    assert {page: (c.ok, c.detail) for page, c in live.items()} == {
        "ok": (True, "HTTP 200"),
        "gone": (False, "HTTP 404 Not Found"),
        "no-head": (True, "HTTP 200"),  # refused HEAD, served GET
        "moved": (True, "HTTP 200"),  # followed to where it went
    }
    findings = run_rule("unreachable-source", doc.with_archive(facts.facts[0]))
    assert [f.message.split(" failed")[0] for f in findings] == [f"{site.base}/gone"]
    assert "one failure does not prove it is gone" in findings[0].message


def test_live_checks_are_off_by_default(site, tmp_path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    facts = gather([Facts(wikitext(_article(site)))], client, _options(site), date.today(), read_html)
    assert facts.facts[0].live == {}


def test_missing_sources_are_saved_once_and_the_capture_recorded(site, tmp_path):
    docs = [Facts(wikitext(_article(site), "one.wikitext")), Facts(wikitext(_article(site), "two.wikitext"))]
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    facts = gather(docs, client, _options(site, save_missing=True), date.today(), read_html)
    assert all(lookup.status is Status.MISSING for lookup in facts.facts[0].lookups.values())
    assert len(site.saves) == 4  # four pages, each saved once though two files cite them
    saved = facts.facts[1].saved
    assert saved[f"127.0.0.1:{site.server_address[1]}/gone"] == (
        f"https://web.archive.org/web/20261123101500/{site.base}/gone"
    )


def test_a_refused_save_is_reported_not_raised(tmp_path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    saver = Saver(client, ArchiveSettings(save_url="http://127.0.0.1:9/save/", saves_per_minute=60_000))
    capture, reason = saver.save("http://news.example/gone")
    assert capture is None and "cannot connect (connection refused)" in reason
