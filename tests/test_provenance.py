"""Pinning copies to the revision they were made from, against a local MediaWiki API serving a history
built from a real corpus article (figures and references changed from revision to revision)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from click.testing import CliRunner

from auditor.cli import main
from conftest import CORPUS, reply, serving
from support.copies import mirror_copy
from support.export_xml import ExportPage, write_dump

ARTICLE = CORPUS / "wikitext" / "histori_atrox" / "Battle_of_Short_Hills.wikitext"
OTHER = CORPUS / "wikitext" / "histori_atrox" / "Battle_of_Evesham.wikitext"
TITLE = "Battle of Short Hills"
EDITS = [  # one edit a revision, each kept by the revisions after it: figures, a reference added, one changed
    ("out of 80 men, 32 were killed", "out of 80 men, 35 were killed"),
    ("numbering about 2,500,", "numbering about 3,000,"),
    (
        "occasionally give it a name.",
        "occasionally give it a name. A marker was placed at the site in 1927.<ref>Westfield Leader, 4 June 1927</ref>",
    ),
    ("casualties as 5 killed and 30 wounded", "casualties as 5 killed and 31 wounded"),
    ("<ref>Duncan, p. 256</ref>", "<ref>Duncan, ''Royal Artillery'', p. 257</ref>"),
    ("suffered 100 killed and wounded", "suffered 150 killed and wounded"),
    ("In March 1776 the", "In early March 1776 the"),
]
TIMESTAMPS = [
    "2015-01-05T10:00:00Z",
    "2015-03-10T10:00:00Z",
    "2015-05-20T10:00:00Z",
    "2015-08-01T10:00:00Z",
    "2015-10-12T10:00:00Z",
    "2015-12-30T10:00:00Z",
    "2016-01-15T10:00:00Z",
    "2016-03-02T10:00:00Z",
]
pytestmark = pytest.mark.skipif(not ARTICLE.exists(), reason="the corpus is absent")


def history() -> list[tuple[int, str, str]]:
    """(revision id, timestamp, wikitext), oldest first: the corpus text, then one edit more each time."""
    text = ARTICLE.read_text(encoding="utf-8")
    revisions = [(700000100, TIMESTAMPS[0], text)]
    for n, (old, new) in enumerate(EDITS, 1):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
        revisions.append((700000100 + 7 * n, TIMESTAMPS[n], text))
    return revisions


class FakeWiki(ThreadingHTTPServer):
    """``/w/api.php``: ``prop=revisions`` listings (ids and timestamps) and texts by ``revids``."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.revisions = history()
        self.requests: list[dict[str, str]] = []

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/w/api.php"

    def answer(self, query: dict[str, str]) -> dict[str, object]:
        if "revids" in query:
            found = [r for r in self.revisions if str(r[0]) == query["revids"]]
            revisions = [
                {
                    "revid": r,
                    "parentid": 0,
                    "timestamp": t,
                    "slots": {"main": {"contentmodel": "wikitext", "content": x}},
                }
                for r, t, x in found
            ]
            return {"query": {"pages": [{"pageid": 7, "ns": 0, "title": TITLE, "revisions": revisions}]}}
        if query.get("titles") != TITLE:
            return {"query": {"pages": [{"ns": 0, "title": query.get("titles"), "missing": True}]}}
        older = query.get("rvdir", "older") == "older"
        start = query.get("rvstart")
        if older:
            listed = [r for r in reversed(self.revisions) if start is None or r[1] <= start]
        else:
            listed = [r for r in self.revisions if start is None or r[1] >= start]
        listed = listed[: int(query.get("rvlimit", "1"))]
        revisions = [{"revid": r, "timestamp": t} for r, t, _ in listed]
        return {"query": {"pages": [{"pageid": 7, "ns": 0, "title": TITLE, "revisions": revisions}]}}

    def texts_served(self) -> int:
        return sum(1 for query in self.requests if "revids" in query)


class _Handler(BaseHTTPRequestHandler):
    server: FakeWiki

    def do_GET(self) -> None:
        query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        self.server.requests.append(query)
        reply(self, 200, {"Content-Type": "application/json"}, json.dumps(self.server.answer(query)).encode())

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def wiki() -> Iterator[FakeWiki]:
    with serving(FakeWiki()) as server:
        yield server


def provenance(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``auditor provenance`` run in ``cwd``, its requests to the test server unhurried by the rate limit."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, ["provenance", *args, "--api-rate", "60000"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def pinned(result: subprocess.CompletedProcess[str]) -> dict:
    (file,) = json.loads(result.stdout)["files"]
    return file


def write_copy(tmp_path: Path, index: int, name: str = "copy.txt", **how: object) -> Path:
    path = tmp_path / name
    path.write_text(mirror_copy(TITLE, history()[index][2], **how), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_each_revisions_copy_is_pinned_to_it(wiki: FakeWiki, tmp_path: Path):
    (tmp_path / "copies").mkdir()
    for index in range(len(TIMESTAMPS)):
        write_copy(tmp_path / "copies", index, f"copy{index}.txt")
    result = provenance("copies", "--api-url", wiki.api, "--cache-dir", "c", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout)["files"]
    assert [Path(f["path"]).name for f in files] == [f"copy{index}.txt" for index in range(len(TIMESTAMPS))]
    for index, file in enumerate(files):
        revision, timestamp, _ = wiki.revisions[index]
        origin = file["origin"]
        assert (origin["revision"], origin["timestamp"]) == (revision, timestamp)
        assert origin["permalink"] == f"https://en.wikipedia.org/w/index.php?oldid={revision}"
        assert origin["runner_up"]["score"] < origin["score"]
        assert origin["altered"] == [] and origin["lost_footnotes"] == [] and file["findings"] == []
        # The copy dates itself no later than 2014 (a lower bound): the search goes forward from there,
        # and stops three revisions past the best.
        assert origin["revisions_read"] == min(index + 4, len(TIMESTAMPS))
    assert wiki.texts_served() == len(TIMESTAMPS)  # each text fetched once, for all eight copies


def test_a_copy_like_the_seed_reversed_and_stripped_of_footnotes(wiki: FakeWiki, tmp_path: Path):
    write_copy(tmp_path, 5, reverse=True, emptied=frozenset({1, 2, 3, 4}))
    result = provenance("copy.txt", "--as-of", "2016-01-21", "--api-url", wiki.api, "--cache-dir", "c",
                        "--format", "json", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    origin = pinned(result)["origin"]
    assert origin["revision"] == wiki.revisions[5][0]
    assert origin["runner_up"]["revision"] in (wiki.revisions[4][0], wiki.revisions[6][0])
    # From the revision current on 21 January 2016 (the 7th) outward: 7, 8, 6, then 5, 4, 3 no better.
    assert origin["revisions_read"] == 6 == wiki.texts_served()
    assert [f["footnote"] for f in origin["lost_footnotes"]] == ["1", "2", "3", "4"]
    assert origin["lost_footnotes"][0]["text"] == "H. Ward, p. 62"
    assert origin["reordered_sentences"] > origin["matched_sentences"] // 2
    assert origin["altered"] == []


def test_one_changed_figure_is_one_finding(wiki: FakeWiki, tmp_path: Path):
    copy = write_copy(tmp_path, 3)
    text = copy.read_text(encoding="utf-8")
    assert text.count("had 12 killed") == 1
    copy.write_text(text.replace("had 12 killed", "had 14 killed"), encoding="utf-8")
    result = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    file = pinned(result)
    assert file["origin"]["revision"] == wiki.revisions[3][0]
    assert [(f["rule"], f["evidence"]["copy"], f["evidence"]["revision_value"]) for f in file["findings"]] == [
        ("copy-altered-figure", "14", "12")
    ]
    assert file["findings"][0]["evidence"]["section"] == "Casualties"


def test_text_output_names_the_revision_and_the_finding(wiki: FakeWiki, tmp_path: Path):
    copy = write_copy(tmp_path, 3)
    copy.write_text(copy.read_text(encoding="utf-8").replace("had 12 killed", "had 14 killed"), encoding="utf-8")
    result = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"copy.txt: Pinned to revision {wiki.revisions[3][0]} of Battle of Short Hills")
    assert "copy.txt:" in lines[-2] and "NUM005 [warning] copy-altered-figure: Figure “14” is “12”" in lines[-2]
    assert lines[-1] == "1 finding in 1 pinned copy"


def test_answers_are_cached_and_work_offline(wiki: FakeWiki, tmp_path: Path):
    write_copy(tmp_path, 2)
    first = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", cwd=tmp_path)
    asked = len(wiki.requests)
    second = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", cwd=tmp_path)
    offline = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", "--offline", cwd=tmp_path)
    assert first.returncode == second.returncode == offline.returncode == 0, offline.stderr
    assert len(wiki.requests) == asked
    assert first.stdout == second.stdout == offline.stdout


def test_an_article_the_wiki_lacks_is_one_line(wiki: FakeWiki, tmp_path: Path):
    write_copy(tmp_path, 2)
    result = provenance("copy.txt", "--article", "en:No_such_battle", "--api-url", wiki.api, "--cache-dir", "c",
                        cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["auditor: error: copy.txt: no article 'No such battle' on en.wikipedia.org"]


def test_an_unreachable_api_is_one_line(tmp_path: Path):
    write_copy(tmp_path, 2)
    result = provenance("copy.txt", "--api-url", "http://127.0.0.1:9/w/api.php", "--cache-dir", "c", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "auditor: error: copy.txt: cannot reach the wiki: 127.0.0.1:9: cannot connect (connection refused)"
    ]


def test_a_copy_of_another_article_matches_no_revision(wiki: FakeWiki, tmp_path: Path):
    (tmp_path / "copy.txt").write_text(mirror_copy("Battle of Evesham", OTHER.read_text(encoding="utf-8")))
    result = provenance("copy.txt", "--article", f"en:{TITLE}", "--api-url", wiki.api, "--cache-dir", "c",
                        cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("auditor: error: copy.txt: no revision of en:Battle_of_Short_Hills matches the copy well")
    assert "scores 0." in line and "(at least 0.50 is needed)" in line


def test_copies_are_pinned_to_a_history_dump(tmp_path: Path):
    revisions = history()
    other = OTHER.read_text(encoding="utf-8")
    pages = [
        ExportPage(TITLE, revisions[-1][2], 7, revision_id=revisions[-1][0], timestamp=revisions[-1][1],
                   older=tuple(text for _, _, text in revisions[:-1]),
                   timestamps=tuple(t for _, t, _ in revisions[:-1])),
        ExportPage("Battle of Evesham", other, 8, revision_id=800, older=(other.replace("1265", "1266"),),
                   timestamps=("2015-02-01T00:00:00Z",)),
    ]  # fmt: skip
    write_dump(tmp_path / "history.xml.bz2", pages)
    (tmp_path / "copies").mkdir()
    write_copy(tmp_path / "copies", 4, "short_hills.txt")
    (tmp_path / "copies" / "evesham.txt").write_text(mirror_copy("Battle of Evesham", other), encoding="utf-8")
    result = provenance("copies", "--dump", "history.xml.bz2", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = {Path(f["path"]).name: f["origin"]["revision"] for f in json.loads(result.stdout)["files"]}
    in_dump = revisions[-1][0] - len(revisions) + 1 + 4  # the dump numbers the older revisions up to the latest
    assert found == {"short_hills.txt": in_dump, "evesham.txt": 800}


def test_the_json_output_matches_its_schema(wiki: FakeWiki, tmp_path: Path):
    schema = json.loads((resources.files("auditor") / "schemas" / "provenance-1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    copy = write_copy(tmp_path, 3, reverse=True, emptied=frozenset({2}))
    copy.write_text(copy.read_text(encoding="utf-8").replace("had 12 killed", "had 14 killed"), encoding="utf-8")
    result = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", "--format", "json", cwd=tmp_path)
    output = json.loads(result.stdout)
    jsonschema.validate(output, schema)
    assert output["schema_version"] == "1.0" and output["errors"] == []


def test_the_report_has_an_origin_section(wiki: FakeWiki, tmp_path: Path):
    copy = write_copy(tmp_path, 5, reverse=True, emptied=frozenset({1, 2}))
    copy.write_text(copy.read_text(encoding="utf-8").replace("had 12 killed", "had 14 killed"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "report", "copy.txt", "--pin", "--no-archive", "--api-url", wiki.api,
         "--cache-dir", "c", "-o", "out"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    data = json.loads((tmp_path / "out" / "copy.json").read_text(encoding="utf-8"))
    schema = json.loads((resources.files("auditor") / "schemas" / "report-1.2.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    revision = wiki.revisions[5][0]
    assert data["pinned"]["revision"] == revision
    assert [f["footnote"] for f in data["pinned"]["lost_footnotes"]] == ["1", "2"]
    assert [f["rule"] for f in data["findings"] if f["rule"].startswith("copy-")] == ["copy-altered-figure"]
    markdown = (tmp_path / "out" / "copy.md").read_text(encoding="utf-8")
    origin = markdown.split("## Origin\n", 1)[1].split("\n## ", 1)[0]
    assert f"- Pinned to revision {revision} of Battle of Short Hills (2015-12-30T10:00:00Z)" in origin
    assert f"<https://en.wikipedia.org/w/index.php?oldid={revision}>" in origin
    assert "- Footnotes the copy lost: 2, with their text in the revision:\n  - \\[1\\] H. Ward, p. 62" in origin
    assert "  - figure 14 (revision: 12)" in origin
    html = (tmp_path / "out" / "copy.html").read_text(encoding="utf-8")
    assert "<h2>Origin</h2>" in html and f'href="https://en.wikipedia.org/w/index.php?oldid={revision}"' in html


def test_a_report_without_pin_has_no_origin_section(tmp_path: Path):
    write_copy(tmp_path, 5)
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "report", "copy.txt", "--no-archive", "-o", "out", "--format", "json"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    assert json.loads((tmp_path / "out" / "copy.json").read_text(encoding="utf-8"))["pinned"] is None


def test_requests_to_the_api_are_rate_limited(tmp_path: Path):
    from auditor.archive.articles import ArticleSpec
    from auditor.archive.http import HttpClient, HttpSettings
    from auditor.archive.ratelimit import LimitedAdapter
    from auditor.pin import ApiRevisions

    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    ApiRevisions(client, ArticleSpec("en.wikipedia.org", TITLE))
    ApiRevisions(client, ArticleSpec("en.wikipedia.org", "Battle of Evesham"))  # one limit for the one API
    adapter = client.session.adapters["https://en.wikipedia.org/w/api.php"]
    assert isinstance(adapter, LimitedAdapter) and adapter.limiter.interval == 0.5


def test_an_article_the_dump_lacks_and_a_bad_article_name_are_one_line_each(tmp_path: Path):
    write_dump(tmp_path / "history.xml", [ExportPage("Battle of Evesham", OTHER.read_text(encoding="utf-8"), 8)])
    write_copy(tmp_path, 2)
    missing = provenance("copy.txt", "--dump", "history.xml", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == ["auditor: error: copy.txt: 'Battle of Short Hills' is not in history.xml"]
    bad = provenance("copy.txt", "--dump", "history.xml", "--article", "Short Hills", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.splitlines() == [
        "auditor: error: copy.txt: --article 'Short Hills' names no article: give en:TITLE or its URL"
    ]


@pytest.mark.parametrize(
    ("stamp", "day"),
    [
        ("Thu Aug 8 23:01:19 IST 2019", "2019-08-08"),  # the corpus's scraped copies, as date(1) prints it
        ("2019-08-08T17:31:19Z", "2019-08-08"),
        ("Thu Feb 31 10:00:00 UTC 2019", None),  # no such day
        ("Retrieved on the Ides of March", None),
    ],
)
def test_the_day_a_copy_says_it_was_taken(stamp: str, day: str | None):
    from auditor.extract.origin import retrieved_day

    found = retrieved_day(stamp)
    assert (found.isoformat() if found else None) == day


def test_the_day_a_copy_was_taken_is_where_the_search_starts(wiki: FakeWiki, tmp_path: Path):
    copy = write_copy(tmp_path, 6)
    stamp = "The following text has been accessed from https://en.wikipedia.org/wiki/Battle_of_Short_Hills at"
    copy.write_text(f"{stamp} Mon Feb 1 10:00:00 IST 2016\n" + copy.read_text(encoding="utf-8"), encoding="utf-8")
    result = provenance("copy.txt", "--api-url", wiki.api, "--cache-dir", "c", "--format", "json", cwd=tmp_path)
    origin = pinned(result)["origin"]
    assert origin["revision"] == wiki.revisions[6][0]
    assert [q["rvstart"] for q in wiki.requests if "rvstart" in q] == ["2016-02-01T23:59:59Z", "2016-02-02T00:00:00Z"]
    assert origin["revisions_read"] == 5  # the 7th revision, the 8th, then the 6th, 5th and 4th: no better
