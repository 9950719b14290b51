"""Looking up cited URLs against a real Wayback server (pywb on loopback, WARCs written here)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.archive import cdx
from auditor.archive.gather import ArchiveOptions, gather
from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.settings import ArchiveSettings
from auditor.archive.wayback import Wayback
from auditor.cli import main
from auditor.extract.facts import Facts
from auditor.extract.sources import Status
from auditor.readers import read_html
from conftest import wikitext
from wayback_fixture import Page, Pywb, start_pywb

ERROR = b"<html><body>Not Found</body></html>"
PAGES = [
    Page("http://news.example/fall", "20140420080000"),
    Page("http://news.example/fall", "20140505101500", "404 Not Found", ERROR),
    Page("http://news.example/fall", "20150101000000"),
    Page("https://www.news.example/variant", "20140601000000"),
    Page("http://news.example/gone", "20140301000000", "404 Not Found", ERROR),
    Page("http://news.example/gone", "20140302000000", "301 Moved Permanently", b"", "http://news.example/"),
    Page("http://news.example/later", "20160101000000"),
    Page("http://news.example/story?id=7", "20140503000000"),
    Page("http://news.example/story?id=8", "20140503000000", "500 Internal Server Error", ERROR),
]
CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)


@pytest.fixture(scope="module")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pywb]:
    server = start_pywb(tmp_path_factory.mktemp("wayback"), PAGES)
    yield server
    server.stop()


def _settings(pywb: Pywb) -> ArchiveSettings:
    return ArchiveSettings(cdx_url=pywb.cdx_url, replay_url=pywb.replay_url, requests_per_minute=60_000)


def _wayback(pywb: Pywb, cache: Path) -> Wayback:
    return Wayback(HttpClient(HttpSettings(cache_dir=cache)), _settings(pywb))


def test_the_capture_before_the_citation_is_chosen_over_a_closer_one_after(pywb, tmp_path):
    found = _wayback(pywb, tmp_path).lookup("news.example/fall", "http://news.example/fall", CITED, CITED)
    assert found.status is Status.ARCHIVED
    assert (found.capture.timestamp, found.direction, found.days) == ("20140420080000", "before", 14)
    assert found.capture.replay_url == f"{pywb.replay_url}20140420080000/http://news.example/fall"
    assert {c.timestamp: c.status for c in found.nearby}["20140505101500"] == "404"


def test_only_a_later_capture_is_taken_after(pywb, tmp_path):
    found = _wayback(pywb, tmp_path).lookup("news.example/later", "http://news.example/later", CITED, CITED)
    assert (found.status, found.direction, found.days) == (Status.ARCHIVED, "after", 606)


def test_the_archive_folds_scheme_and_www_as_our_keys_do(pywb, tmp_path):
    found = _wayback(pywb, tmp_path).lookup("news.example/variant", "http://news.example/variant", CITED, CITED)
    assert found.status is Status.ARCHIVED and found.capture.original == "https://www.news.example/variant"


def test_captures_of_errors_and_redirects_only_are_missing_with_the_statuses(pywb, tmp_path):
    found = _wayback(pywb, tmp_path).lookup("news.example/gone", "http://news.example/gone", CITED, CITED)
    assert found.status is Status.MISSING
    assert found.reason == "2 captures, none of a readable page (301, 404)"


def test_a_page_never_captured_is_missing_and_not_fuzzily_matched(pywb, tmp_path):
    wayback = _wayback(pywb, tmp_path)
    never = wayback.lookup("news.example/never", "http://news.example/never", CITED, CITED)
    assert (never.status, never.reason) == (Status.MISSING, "the archive has no capture of it")
    other_query = wayback.lookup("news.example/story?id=9", "http://news.example/story?id=9", CITED, CITED)
    assert other_query.status is Status.MISSING  # pywb would offer ?id=7 without allowFuzzy=0


def test_query_strings_are_part_of_the_page(pywb, tmp_path):
    wayback = _wayback(pywb, tmp_path)
    assert wayback.lookup("news.example/story?id=7", "http://news.example/story?id=7", CITED, CITED).status is (
        Status.ARCHIVED
    )
    assert wayback.lookup("news.example/story?id=8", "http://news.example/story?id=8", CITED, CITED).status is (
        Status.MISSING
    )


ARTICLE = """\
Fell.<ref>{{cite web |url=http://news.example/fall |title=Town falls |access-date=4 May 2014}}</ref>
Again.<ref>{{cite web |url=https://www.news.example/fall/?utm_source=feed |title=Falls |access-date=4 May 2014}}</ref>
And again.<ref>{{cite web |url=http://NEWS.example/fall#top |title=Town falls |access-date=4 May 2014}}</ref>
Gone.<ref>{{cite web |url=http://news.example/gone |title=Gone |access-date=4 May 2014}}</ref>
Later.<ref>{{cite web |url=http://news.example/later |title=Later |access-date=4 May 2014}}</ref>
Held.<ref>{{cite web |url=http://news.example/fall |title=Town falls
 |archive-url=https://web.archive.org/web/20140505101500/http://news.example/fall |archive-date=5 May 2014}}</ref>
"""


def test_one_request_per_canonical_url_and_none_from_a_warm_cache(pywb, tmp_path):
    docs = [Facts(wikitext(ARTICLE, "one.wikitext")), Facts(wikitext(ARTICLE, "two.wikitext"))]
    options = ArchiveOptions(_settings(pywb))
    cold = HttpClient(HttpSettings(cache_dir=tmp_path))
    first = gather(docs, cold, options, CITED.date(), read_html)
    assert cold.counts["fetched"] == 3  # fall (five spellings, two files), gone, later
    assert first.counts == {"fetched": 3}
    warm = HttpClient(HttpSettings(cache_dir=tmp_path))
    second = gather(docs, warm, options, CITED.date(), read_html)
    assert warm.counts["fetched"] == 0 and warm.counts["cached"] == 3
    assert second.counts == {"cached": 3}

    def said(outcome):
        return [{key: (found.status, found.capture) for key, found in f.lookups.items()} for f in outcome.facts]

    assert said(second) == said(first)


def test_a_warm_run_reads_what_was_kept_of_each_answer_and_decides_as_the_cold_one(pywb, tmp_path, monkeypatch):
    keys = ["news.example/fall", "news.example/gone", "news.example/later", "news.example/never"]

    def look(wayback: Wayback) -> list:
        return [wayback.lookup(key, f"http://{key}", CITED, CITED) for key in keys]

    cold = look(_wayback(pywb, tmp_path))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the archive's answer was read again")

    monkeypatch.setattr("auditor.archive.wayback.parse_cdx", refuse)
    monkeypatch.setattr("auditor.archive.http._response", refuse)
    warm = _wayback(pywb, tmp_path)
    assert look(warm) == [replace(found, from_cache=True) for found in cold]
    assert warm.counts == {"cached": 4} and warm.client.counts == {"cached": 4}


def _refuse_choosing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every lookup that reads the captures kept of an answer and chooses among them again."""
    chose: list[str] = []
    real = cdx.choose

    def recording(captures, cited, prefer="before"):
        chose.append(captures[0].original if captures else "")
        return real(captures, cited, prefer)

    monkeypatch.setattr("auditor.archive.wayback.choose", recording)
    return chose


def test_a_warm_run_reads_the_answer_each_lookup_chose_in_one_row(pywb, tmp_path, monkeypatch):
    keys = ["news.example/fall", "news.example/gone", "news.example/later", "news.example/never"]
    cold = [_wayback(pywb, tmp_path).lookup(key, f"http://{key}", CITED, CITED) for key in keys]
    chose = _refuse_choosing(monkeypatch)
    monkeypatch.setattr("auditor.archive.wayback.decode", lambda kept: pytest.fail("the kept captures were read"))
    warm = _wayback(pywb, tmp_path)
    assert [warm.lookup(key, f"http://{key}", CITED, CITED) for key in keys] == [
        replace(found, from_cache=True) for found in cold
    ]
    assert chose == [] and warm.counts == {"cached": 4} and warm.client.counts == {"cached": 4}


def test_the_kept_answers_of_a_documents_sources_are_read_in_one_query(pywb, tmp_path, monkeypatch):
    keys = ["news.example/fall", "news.example/gone", "news.example/later", "news.example/never"]
    cold = [_wayback(pywb, tmp_path).lookup(key, f"http://{key}", CITED, CITED) for key in keys]
    warm = _wayback(pywb, tmp_path)
    queries = []
    real = warm.client.recall_derived
    monkeypatch.setattr(warm.client, "recall_derived", lambda *args: queries.append(args[1]) or real(*args))
    warm.recall([(key, f"http://{key}", CITED, CITED) for key in keys])
    assert [warm.lookup(key, f"http://{key}", CITED, CITED) for key in keys] == [
        replace(found, from_cache=True) for found in cold
    ]
    assert len(queries) == 1 and len(queries[0]) == 4 and warm.client.counts == {"cached": 4}


@pytest.mark.parametrize(
    ("around", "cited", "prefer"),
    [
        (CITED + timedelta(days=1), CITED, "before"),  # asked about another day
        (CITED, CITED - timedelta(days=20), "before"),  # cited at another moment: another capture before it
        (CITED, CITED, "after"),  # the other way round
    ],
)
def test_a_kept_answer_serves_only_the_day_moment_and_preference_that_chose_it(
    pywb, tmp_path, monkeypatch, around, cited, prefer
):
    fall = ("news.example/fall", "http://news.example/fall")
    _wayback(pywb, tmp_path).lookup(*fall, CITED, CITED)
    fresh = _wayback(pywb, tmp_path / "fresh").lookup(*fall, around, cited, prefer)
    chose = _refuse_choosing(monkeypatch)
    warm = _wayback(pywb, tmp_path).lookup(*fall, around, cited, prefer)
    assert chose == ["http://news.example/fall"]  # chosen again, from the captures
    assert replace(warm, from_cache=False) == fresh


def test_a_kept_answer_is_not_used_once_its_answer_has_expired_or_been_replaced(pywb, tmp_path, monkeypatch):
    wayback = _wayback(pywb, tmp_path)
    wayback.lookup("news.example/fall", "http://news.example/fall", CITED, CITED)
    database = tmp_path / "http.sqlite"
    chose = _refuse_choosing(monkeypatch)
    with sqlite3.connect(database) as connection:  # the answer expired a second ago
        connection.execute("UPDATE responses SET expires = strftime('%s', 'now') - 1")
        connection.execute("UPDATE auditor_read SET expires = strftime('%s', 'now') - 1")
        connection.execute("UPDATE auditor_derived SET expires = strftime('%s', 'now') - 1")
    again = _wayback(pywb, tmp_path)
    assert again.lookup("news.example/fall", "http://news.example/fall", CITED, CITED).status is Status.ARCHIVED
    assert chose == ["http://news.example/fall"]  # asked again (the cache revalidates its answer), chosen again
    with sqlite3.connect(database) as connection:  # the answer it was made from, replaced by another
        connection.execute("UPDATE auditor_read SET expires = expires + 60")
    third = _wayback(pywb, tmp_path)
    assert third.lookup("news.example/fall", "http://news.example/fall", CITED, CITED).status is Status.ARCHIVED
    assert len(chose) == 2 and third.client.counts == {"cached": 1}  # from the captures kept of the new answer


def _run(pywb: Pywb, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "article.wikitext"
    path.write_text(ARTICLE, encoding="utf-8")
    cli = [
        "check",
        str(path),
        "--archive",
        "--cdx-url",
        pywb.cdx_url,
        "--replay-url",
        pywb.replay_url,
        "--archive-rate",
        "6000",
    ]
    result = CliRunner().invoke(main, [*cli, "--cache-dir", str(tmp_path / "cache"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_check_with_the_archive_reports_missing_sources_and_bad_archive_links(pywb, tmp_path):
    code, out, err = _run(pywb, tmp_path, "--select", "ARC")
    assert code == 1
    findings = [line for line in out.splitlines() if " ARC" in line]
    assert len(findings) == 2, out
    assert "archive-missing: No readable archived copy of http://news.example/gone" in findings[0]
    assert "archive-mismatch: The archive link opens a capture of an error page (HTTP 404 on 20140505)" in findings[1]
    assert "archive: 6 cited URLs: 5 archived, 1 missing" in out
    assert "auditor: archive: 3 lookups: 0 cached, 3 fetched, 0 failed" in err


def test_json_gives_each_source_its_capture_and_matches_the_schema(pywb, tmp_path):
    code, out, _ = _run(pywb, tmp_path, "--format", "json")
    assert code == 1
    data = json.loads(out)
    schema = json.loads((resources.files("auditor") / "schemas" / "check-1.5.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    sources = data["files"][0]["archive"]["sources"]
    first = sources[0]
    assert (first["status"], first["capture"]["timestamp"], first["direction"], first["days"]) == (
        "archived",
        "20140420080000",
        "before",
        14,
    )
    assert first["cited_on"] == "2014-05-04" and first["cited_basis"] == "access-date"
    assert {s["canonical"] for s in sources} == {"news.example/fall", "news.example/gone", "news.example/later"}
    assert data["lookups"] == {"cached": 0, "fetched": 3, "failed": 0}


def test_offline_with_a_cold_cache_every_lookup_is_unverified_and_nothing_is_missing(pywb, tmp_path):
    code, out, err = _run(pywb, tmp_path, "--offline", "--select", "ARC")
    assert "archive-missing" not in out
    assert "archive: 6 cited URLs: 6 unverified" in out
    assert "not in the cache, and --offline forbids fetching it" in out
    assert "(failed lookups are unverified, not missing)" in err
    assert code == 0  # nothing found is not the same as an error: the facts say unverified


def test_offline_after_a_run_answers_from_the_cache(pywb, tmp_path):
    _run(pywb, tmp_path)
    code, out, err = _run(pywb, tmp_path, "--offline", "--select", "ARC")
    assert code == 1 and "archive: 6 cited URLs: 5 archived, 1 missing" in out
    assert "3 lookups: 3 cached, 0 fetched, 0 failed" in err
