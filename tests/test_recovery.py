"""Recovering what a copy lost: the seed's footnotes from its archived original, and candidates for
the sources it names without a link, against pywb holding those captures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests_cache
from click.testing import CliRunner

from auditor.cli import main
from auditor.readers import read_mirror
from conftest import SEED
from original_page import lost_text, original_html
from wayback_fixture import Page, Pywb, start_pywb

ORIGINAL = "https://en.wikipedia.org/wiki/Inter-rebel_conflict_during_the_Syrian_Civil_War"
SHUFFLED_TITLE = "Battle of Renumbered Notes"
WAPO = "https://www.washingtonpost.com/world/middle_east/report-jihadi-group-captures-syrian-border-town/2014/07/01/a1.html"
ALJAZEERA = "http://www.aljazeera.com/news/middleeast/2014/02/al-qaeda-fighters-kill-syrian-rebel-leaders-2014217.html"
SEED_COPY = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
SHUFFLED_COPY = f"""{SHUFFLED_TITLE}

{SHUFFLED_TITLE}

The town fell on 3 May 2014.[1] It was retaken on 9 May 2014.[2] Rebels fled.[3]

References

  1. ^ Rebels take the town Reuters 4 May 2014
  2. ^
  3. ^ Town retaken by the army BBC 10 May 2014

This article was sourced from Creative Commons Attribution-ShareAlike License; additional terms may apply.
"""


def _pages() -> list[Page]:
    shuffled = read_mirror("shuffled.txt", SHUFFLED_COPY)
    return [
        Page(ORIGINAL, "20160115120000", body=original_html(SEED_COPY).encode()),
        Page(ORIGINAL, "20170301000000", body=original_html(SEED_COPY, shuffle=True).encode()),  # after the as-of
        Page(WAPO, "20140701150000"),
        Page("https://www.washingtonpost.com/sports/a-game-in-july/2014/07/01/b2.html", "20140701160000"),
        Page(ALJAZEERA, "20140203090000"),
        Page("http://www.aljazeera.com/news/middleeast/2014/02/weather-report.html", "20140203100000"),
        Page(
            "https://en.wikipedia.org/wiki/Battle_of_Renumbered_Notes",
            "20140601000000",
            body=original_html(shuffled, shuffle=True).encode(),
        ),
    ]


@pytest.fixture(scope="module")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pywb]:
    server = start_pywb(tmp_path_factory.mktemp("wayback"), _pages())
    yield server
    server.stop()


def _check(tmp_path: Path, target: str, *args: str) -> tuple[int, str, str]:
    cli = ["check", target, "--archive", "--cache-dir", str(tmp_path / "cache"), "--archive-rate", "6000", *args]
    result = CliRunner().invoke(main, cli)
    return result.exit_code, result.stdout, result.stderr


def _at(pywb: Pywb) -> list[str]:
    return ["--cdx-url", pywb.cdx_url, "--replay-url", pywb.replay_url]


def test_the_seed_recovers_its_lost_footnotes_from_the_archived_original(pywb, tmp_path):
    code, out, _ = _check(tmp_path, str(SEED), *_at(pywb), "--format", "json")
    assert code == 1
    facts = json.loads(out)["files"][0]["archive"]
    original = facts["original"]
    assert (original["url"], original["as_of"]) == (ORIGINAL, "2016-01-21")
    assert original["capture"]["timestamp"] == "20160115120000"  # not the later capture, numbered otherwise
    assert original["reason"] is None
    recovered = {r["reference"]: r for r in facts["recovered"]}
    empty = [r.key for r in SEED_COPY.references if r.empty]
    assert sorted(recovered, key=int) == empty and len(empty) == 187
    title, link = lost_text("1")
    assert recovered["1"]["text"] == f"{title}. News."
    assert recovered["1"]["url"] == link
    assert recovered["1"]["capture"]["url"] == f"{pywb.replay_url}20160115120000/{ORIGINAL}"


def test_a_memento_archive_gives_the_lost_footnotes_back_too_but_no_site_searches(pywb, tmp_path):
    timemaps = ["--timemap-url", pywb.base + "/web/timemap/link/"]
    _, out, _ = _check(tmp_path, str(SEED), *timemaps, "--format", "json")
    facts = json.loads(out)["files"][0]["archive"]
    assert facts["original"]["capture"]["url"] == f"{pywb.replay_url}20160115120000/{ORIGINAL}"
    assert len(facts["recovered"]) == 187
    assert facts["candidates"] == {}  # Memento cannot list a site's captures


def test_the_report_traces_each_recovered_footnote_to_its_capture(pywb, tmp_path):
    out = tmp_path / "reports"
    cli = ["report", str(SEED), "-o", str(out), "--format", "json", "--format", "markdown"]
    cli += ["--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(main, [*cli, "--archive-rate", "6000", *_at(pywb)])
    assert result.exit_code == 1, result.stderr
    rows = json.loads((out / f"{SEED.stem}.json").read_text(encoding="utf-8"))["provenance"]
    empty = {r.key for r in SEED_COPY.references if r.empty}
    assert {row["status"] for row in rows if row["reference"] in empty} == {"recovered"}
    first = next(row for row in rows if row["reference"] == "1")
    assert first["text"] == f"{lost_text('1')[0]}. News."
    assert first["capture"]["url"] == f"{pywb.replay_url}20160115120000/{ORIGINAL}"
    markdown = (out / f"{SEED.stem}.md").read_text(encoding="utf-8")
    assert f"- The original, <{ORIGINAL}>, read at <{pywb.replay_url}20160115120000/{ORIGINAL}> (20160115)." in markdown
    assert "- 187 empty footnotes recovered from it; the provenance table gives each." in markdown
    assert f"- Candidate for \\[15\\] (a guess, not a fact; score 1.00): <{ALJAZEERA}>." in markdown


def test_sources_named_without_a_link_get_scored_candidates_never_facts(pywb, tmp_path):
    _, out, _ = _check(tmp_path, str(SEED), *_at(pywb), "--format", "json")
    candidates = json.loads(out)["files"][0]["archive"]["candidates"]
    assert [c["url"] for c in candidates["15"]] == [ALJAZEERA]
    assert candidates["15"][0]["score"] == 1.0
    assert [c["url"] for c in candidates["131"]] == [WAPO]  # not the sports page of the same day
    assert "134" not in candidates  # Reuters' addresses do not spell its titles: no guess is better than a bad one


def test_the_text_report_names_the_original_and_what_it_gave_back(pywb, tmp_path):
    _, out, err = _check(tmp_path, str(SEED), *_at(pywb))
    assert f"copy of {ORIGINAL} as of 2016-01-21 (the ongoing range from 2014-01-02 and its stated duration," in out
    assert f"capture {pywb.replay_url}20160115120000/{ORIGINAL}" in out
    assert "recovered [1] Rebel report number 1. News. <http://news.example/reports/1>" in out
    assert "candidate for [15], score 1.00 (a guess, not a fact)" in out
    assert "auditor: archive: " in err


def test_a_capture_numbered_otherwise_recovers_nothing(pywb, tmp_path):
    path = tmp_path / "shuffled.txt"
    path.write_text(SHUFFLED_COPY, encoding="utf-8")
    _, out, _ = _check(tmp_path, str(path), *_at(pywb), "--format", "json")
    facts = json.loads(out)["files"][0]["archive"]
    assert facts["recovered"] == []
    assert "numbered differently (0 of 2 kept footnotes agree)" in facts["original"]["reason"]


def test_without_network_the_seed_tries_the_archive_once_and_says_unverified(tmp_path, monkeypatch):
    tried: list[str] = []
    get = requests_cache.CachedSession.get

    def counted(session: requests_cache.CachedSession, url: str, **kwargs: object) -> object:
        tried.append(url)
        return get(session, url, **kwargs)

    monkeypatch.setattr(requests_cache.CachedSession, "get", counted)
    code, out, err = _check(tmp_path, str(SEED), "--cdx-url", "http://127.0.0.1:9/cdx/search/cdx")
    assert len(tried) == 1  # the refused host is not asked again: no wait for each lookup's refusal or timeout
    assert "auditor: archive: 5 lookups: 0 cached, 0 fetched, 5 failed" in err
    assert code == 1  # the seed's own findings; the archive's failure adds none
    assert "cannot connect (connection refused)" in out
    assert "failed (failed lookups are unverified, not missing)" in err
    assert "273 findings (243 warnings, 30 info) in 1 file" in out
