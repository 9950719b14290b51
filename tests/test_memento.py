"""Looking up cited URLs in an archive through Memento (RFC 7089): pywb's TimeMaps and TimeGate, and a
local server for what pywb does not do (paged TimeMaps, TimeGates that name neighbours, broken answers)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.archive.cdx import Capture
from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.memento import read_links
from auditor.archive.settings import ArchiveSettings, archive_settings
from auditor.archive.wayback import Wayback
from auditor.cli import main
from auditor.errors import ConfigError
from auditor.extract.sources import Status
from auditor.urls import raw_address
from conftest import reply, serving
from wayback_fixture import Page, Pywb, start_pywb

PAGES = [
    Page("http://news.example/fall", "20140420080000"),
    Page("http://news.example/fall", "20140505101500"),
    Page("http://news.example/fall", "20150101000000"),
    Page("http://news.example/later", "20160101000000"),
]
CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)


@pytest.fixture(scope="module")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pywb]:
    server = start_pywb(tmp_path_factory.mktemp("memento"), PAGES)
    yield server
    server.stop()


def _wayback(cache: Path, **settings: str) -> Wayback:
    return Wayback(HttpClient(HttpSettings(cache_dir=cache)), ArchiveSettings(requests_per_minute=60_000, **settings))


def test_a_timemap_gives_every_memento_and_the_one_before_the_citation_is_chosen(pywb, tmp_path):
    wayback = _wayback(tmp_path, timemap_url=pywb.base + "/web/timemap/link/")
    found = wayback.lookup("news.example/fall", "http://news.example/fall", CITED, CITED)
    assert found.status is Status.ARCHIVED
    assert (found.capture.timestamp, found.direction, found.days) == ("20140420080000", "before", 14)
    assert found.capture.replay_url == f"{pywb.base}/web/20140420080000/http://news.example/fall"
    assert found.capture.status is None  # Memento does not say
    assert [c.timestamp for c in found.nearby] == ["20140420080000", "20140505101500", "20150101000000"]


def test_a_timegate_names_the_closest_memento(pywb, tmp_path):
    wayback = _wayback(tmp_path, timegate_url=pywb.base + "/web/")
    found = wayback.lookup("news.example/later", "http://news.example/later", CITED, CITED)
    assert (found.status, found.capture.timestamp, found.direction) == (Status.ARCHIVED, "20160101000000", "after")
    assert found.capture.replay_url == f"{pywb.base}/web/20160101000000/http://news.example/later"


@pytest.mark.parametrize("kind", ["timemap", "timegate"])
def test_a_page_the_archive_never_captured_is_missing(pywb, tmp_path, kind):
    prefix = pywb.base + ("/web/timemap/link/" if kind == "timemap" else "/web/")
    found = _wayback(tmp_path, **{f"{kind}_url": prefix}).lookup("a.example/x", "http://a.example/x", CITED, CITED)
    assert (found.status, found.reason) == (Status.MISSING, "the archive has no capture of it")


@pytest.mark.parametrize("kind", ["timemap", "timegate"])
def test_a_second_run_asks_nothing(pywb, tmp_path, kind):
    prefix = pywb.base + ("/web/timemap/link/" if kind == "timemap" else "/web/")
    for url in ("http://news.example/fall", "http://a.example/x"):
        cold = _wayback(tmp_path, **{f"{kind}_url": prefix})
        first = cold.lookup(url, url, CITED, CITED)
        warm = _wayback(tmp_path, **{f"{kind}_url": prefix})
        second = warm.lookup(url, url, CITED, CITED)
        assert (cold.client.counts["fetched"], warm.client.counts["fetched"]) == (1, 0)
        assert (first.status, first.capture) == (second.status, second.capture) and second.from_cache


def test_a_timegate_is_asked_again_for_another_date(pywb, tmp_path):
    wayback = _wayback(tmp_path, timegate_url=pywb.base + "/web/")
    early = wayback.lookup("one", "http://news.example/fall", CITED, CITED)
    late = wayback.lookup("two", "http://news.example/fall", datetime(2015, 6, 1, tzinfo=UTC), CITED)
    assert (early.capture.timestamp, late.capture.timestamp) == ("20140505101500", "20150101000000")
    assert wayback.client.counts["fetched"] == 2


TIMEMAP = """<http://arch.example/timemap/http://x.example/a>; rel="self"; type="application/link-format",
<http://x.example/a>; rel="original",
<http://arch.example/20100101000000/http://x.example/a>; rel="first memento";
   datetime="Fri, 01 Jan 2010 00:00:00 GMT",
<http://arch.example/20120101000000/http://x.example/a>; rel="memento"; datetime="not a date",
<http://arch.example/20130101000000/http://x.example/a>; rel="last memento"; datetime="Tue, 01 Jan 2013 00:00:00 GMT",
<http://arch.example/timemap/2/http://x.example/a>; rel="timemap"; type="application/link-format"
"""


def test_link_format_is_read_across_lines_and_bad_dates_are_set_aside():
    answer, pages = read_links(TIMEMAP, "http://ignored.example/")
    assert [(c.timestamp, c.original, c.memento) for c in answer.captures] == [
        ("20100101000000", "http://x.example/a", "http://arch.example/20100101000000/http://x.example/a"),
        ("20130101000000", "http://x.example/a", "http://arch.example/20130101000000/http://x.example/a"),
    ]
    assert len(answer.malformed) == 1 and "not a date" in answer.malformed[0][1]
    assert pages == ["http://arch.example/timemap/2/http://x.example/a"]


def test_a_memento_is_readable_but_a_revisit_is_not():
    assert Capture("20100101000000", "http://x.example/", None, memento="http://arch.example/m").usable
    assert not Capture("20100101000000", "http://x.example/", None).usable


class MementoArchive(ThreadingHTTPServer):
    """A Memento archive that pages its TimeMaps, names neighbours at its TimeGate, and breaks on request."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.asked: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    server: MementoArchive

    def do_GET(self) -> None:
        self.server.asked.append(self.path)
        base = self.server.base

        def memento(ts: str, rel: str = "memento") -> str:
            moment = datetime.strptime(ts, "%Y%m%d").strftime("%a, %d %b %Y 00:00:00 GMT")
            return f'<{base}/m/{ts}/http://x.example/a>; rel="{rel}"; datetime="{moment}"'

        if self.path == "/tm/http://x.example/a":
            body = f'<http://x.example/a>; rel="original",\n{memento("20100101")},\n'
            body += f'<{base}/tm2/http://x.example/a>; rel="timemap"'
            reply(self, 200, {"Content-Type": "application/link-format"}, body.encode())
        elif self.path == "/tm2/http://x.example/a":
            body = f'{memento("20140401")},\n<{base}/tm/http://x.example/a>; rel="timemap"'  # loops back
            reply(self, 200, {"Content-Type": "application/link-format"}, body.encode())
        elif self.path == "/tm/http://x.example/garbled":
            reply(self, 200, {"Content-Type": "application/link-format"}, b"<nothing useful>; rel=memento")
        elif self.path == "/tg/http://x.example/a":
            links = f"{memento('20140601')}, {memento('20140401', 'prev memento')}"
            reply(self, 302, {"Location": f"{base}/m/20140601/http://x.example/a", "Link": links})
        elif self.path == "/tg/http://x.example/dateless":
            reply(self, 302, {"Location": f"{base}/m/20140601/http://x.example/dateless"})
        else:
            reply(self, 404, {})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def archive() -> Iterator[MementoArchive]:
    with serving(MementoArchive()) as server:
        yield server


def test_paged_timemaps_are_followed_once_each(archive, tmp_path):
    found = _wayback(tmp_path, timemap_url=archive.base + "/tm/").lookup("a", "http://x.example/a", CITED, CITED)
    assert (found.capture.timestamp, found.direction) == ("20140401000000", "before")
    assert archive.asked == ["/tm/http://x.example/a", "/tm2/http://x.example/a"]


def test_the_neighbours_a_timegate_names_are_chosen_among(archive, tmp_path):
    found = _wayback(tmp_path, timegate_url=archive.base + "/tg/").lookup("a", "http://x.example/a", CITED, CITED)
    assert (found.capture.timestamp, found.direction) == ("20140401000000", "before")
    assert found.capture.replay_url == f"{archive.base}/m/20140401/http://x.example/a"


def test_answers_that_cannot_be_read_leave_the_source_unverified(archive, tmp_path):
    wayback = _wayback(tmp_path, timemap_url=archive.base + "/tm/", timegate_url=archive.base + "/tg/")
    garbled = wayback.lookup("g", "http://x.example/garbled", CITED, CITED)
    assert (garbled.status, garbled.reason) == (Status.UNVERIFIED, "the archive's answer could not be read")
    gate = _wayback(tmp_path, timegate_url=archive.base + "/tg/")
    dateless = gate.lookup("d", "http://x.example/dateless", CITED, CITED)
    assert dateless.status is Status.UNVERIFIED
    assert "the TimeGate redirected to" in dateless.reason and "without naming a memento" in dateless.reason
    again = _wayback(tmp_path, timegate_url=archive.base + "/tg/").lookup(
        "d", "http://x.example/dateless", CITED, CITED
    )
    assert again.status is Status.UNVERIFIED  # not cached as an answer
    assert archive.asked.count("/tg/http://x.example/dateless") == 2


def test_raw_addresses_ask_wayback_style_archives_for_the_page_as_captured():
    assert raw_address("https://web.archive.org/web/20140420080000/http://a.example/") == (
        "https://web.archive.org/web/20140420080000id_/http://a.example/"
    )
    assert raw_address("http://127.0.0.1:1/web/20210615083000mp_/http://a.example/20200101000000/x") == (
        "http://127.0.0.1:1/web/20210615083000id_/http://a.example/20200101000000/x"
    )
    assert raw_address("https://archive.ph/AbCd1") == "https://archive.ph/AbCd1"


def test_memento_addresses_come_from_the_configuration_or_the_command_line():
    table = {"timemap-url": "https://archive.example/timemap/link", "timegate-url": "https://archive.example/tg/"}
    settings = archive_settings(table, "pyproject.toml")
    assert settings.timemap_url == "https://archive.example/timemap/link/"
    assert settings.lookup_url == settings.timemap_url and not settings.searches_sites
    assert archive_settings({}, "x").searches_sites
    with pytest.raises(ConfigError, match="timegate-url must be an http"):
        archive_settings({"timegate-url": "archive.example"}, "pyproject.toml")


ARTICLE = """\
Fell.<ref>{{cite web |url=http://www.news.example/fall/ |title=Town falls |access-date=4 May 2014}}</ref>
Never.<ref>{{cite web |url=http://news.example/never |title=Never |access-date=4 May 2014}}</ref>
"""


def test_check_asks_a_memento_archive_from_the_command_line(pywb, tmp_path):
    path = tmp_path / "article.wikitext"
    path.write_text(ARTICLE, encoding="utf-8")
    args = ["check", str(path), "--archive", "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    args += ["--timemap-url", pywb.base + "/web/timemap/link/", "--archive-rate", "6000"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)  # a capture whose status Memento does not give is null
    sources = {s["canonical"]: s for s in data["files"][0]["archive"]["sources"]}
    assert sources["news.example/fall"]["capture"]["url"] == f"{pywb.base}/web/20140420080000/http://news.example/fall"
    assert sources["news.example/never"]["status"] == "missing"
    assert [f["code"] for f in data["findings"] if f["code"].startswith("ARC")] == ["ARC001"]
