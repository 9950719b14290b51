"""Does the archived source say it? Claims checked against the main text of their sources' captures, served
by pywb: pages that support, contradict and omit a claim's figures and dates, with navigation, scripts and a
reference list around the text that must not count."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.archive.http import HttpClient
from auditor.archive.maintext import MIN_WORDS, TextStore, main_text
from auditor.cli import main
from auditor.document import Span
from auditor.extract.citing import cited_sentence
from auditor.extract.sources import SourceText
from auditor.readers import read_mirror
from auditor.text import excerpt
from conftest import SEED
from original_page import lost_text, original_html
from wayback_fixture import Page, Pywb, start_pywb

ORIGINAL = "https://en.wikipedia.org/wiki/Inter-rebel_conflict_during_the_Syrian_Civil_War"
SEED_COPY = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
FILLER = (
    "Residents described the fighting to reporters by telephone, and the account could not be confirmed"
    " independently because access to the province is restricted for journalists and aid workers alike."
)
# Figures and dates a page's chrome and reference list give, which its article text does not: never found.
CHROME = (
    "<nav><a href='/'>Home</a> <a href='/x'>Rebels executed 50 prisoners</a> <a href='/y'>3 July 2014</a></nav>"
    "<script>var headline = 'Rebels executed 50 prisoners on 3 July 2014';</script>"
    "<header><p>Breaking: 50 prisoners executed on 3 July 2014</p></header>"
)
REFERENCES = "<h2>References</h2><ol><li>Rebels executed 50 prisoners, Monitor, 3 July 2014.</li></ol>"


def _page(*paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in (*paragraphs, FILLER))
    page = f"<html><head><title>News</title></head><body>{CHROME}<article>{body}</article>{REFERENCES}</body></html>"
    return page.encode()


SIEGE = (
    "after the town had been under siege since the spring and the last of its defenders had surrendered to the"
    " fighters who had surrounded it for weeks"
)
SUPPORTS = _page(f"Rebels executed 50 prisoners in the main square of Mayadin on July 3, witnesses said, {SIEGE}.")
CONTRADICTS = _page(
    f"Rebels executed 42 prisoners in the main square of Mayadin on 5 July 2014, witnesses said, {SIEGE}."
)
OMITS = _page(f"Rebels executed prisoners in the main square of Mayadin, witnesses said, {SIEGE}.")
ARTICLE = """\
On 3 July 2014, rebels executed 50 prisoners in Mayadin.<ref>{{cite web |url=http://news.example/supports \
|title=Supports |access-date=10 July 2014}}</ref>

On 3 July 2014, rebels executed 50 prisoners in Mayadin.<ref>{{cite web |url=http://news.example/contradicts \
|title=Contradicts |access-date=10 July 2014}}</ref>

On 3 July 2014, rebels executed 50 prisoners in Mayadin.<ref>{{cite web |url=http://news.example/omits \
|title=Omits |access-date=10 July 2014}}</ref>

On 3 July 2014, rebels executed 50 prisoners in Mayadin.<ref>{{cite web |url=http://news.example/report.pdf \
|title=Report |access-date=10 July 2014}}</ref>

Rebels held the town.<ref>{{cite web |url=http://news.example/words |title=Words |access-date=10 July 2014}}</ref>

== References ==
<references/>
"""


def _seed_source(key: str, altered: bool) -> bytes:
    """A capture of the source the seed's original gives footnote ``key``: the sentence the copy cites it for,
    with each number below 1000 raised by seven when ``altered``."""
    doc = SEED_COPY
    texts = []
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker) if marker.key == key else None
        if sentence is not None:
            texts.append(excerpt(doc, Span(sentence.span.start, sentence.content_end)))
    text = " ".join(texts)
    if altered:
        text = re.sub(r"(?<![\d,])\d{1,3}(?![\d,])", lambda m: str(int(m.group(0)) + 7), text)
    page = f"<html><body><nav>Home</nav><article><p>{text} {FILLER}</p><p>{FILLER}</p></article></body></html>"
    return page.encode()


ALTERED = {"2", "3"}  # footnotes whose sources give other figures than the copy's claims


def _pages() -> list[Page]:
    pages = [
        Page("http://news.example/supports", "20140705120000", body=SUPPORTS),
        Page("http://news.example/contradicts", "20140705120000", body=CONTRADICTS),
        Page("http://news.example/omits", "20140705120000", body=OMITS),
        Page("http://news.example/report.pdf", "20140705120000", body=b"%PDF-1.4\n%binary\n"),
        Page("http://news.example/words", "20140705120000", body=SUPPORTS),
        Page(ORIGINAL, "20160115120000", body=original_html(SEED_COPY).encode()),
    ]
    for reference in SEED_COPY.references:
        if reference.empty:
            url = lost_text(reference.key)[1]
            pages.append(Page(url, "20150101000000", body=_seed_source(reference.key, reference.key in ALTERED)))
    return pages


@pytest.fixture(scope="module")
def pywb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pywb]:
    server = start_pywb(tmp_path_factory.mktemp("wayback"), _pages())
    yield server
    server.stop()


def _check(pywb: Pywb, cache: Path, target: Path, *args: str) -> tuple[int, str]:
    cli = ["check", str(target), "--archive", "--cache-dir", str(cache), "--archive-rate", "6000"]
    result = CliRunner().invoke(main, [*cli, "--cdx-url", pywb.cdx_url, "--replay-url", pywb.replay_url, *args])
    return result.exit_code, result.stdout


def _findings(out: str, prefix: str = "SUP") -> list[dict]:
    return [f for f in json.loads(out)["findings"] if f["code"].startswith(prefix)]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.wiki"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_claims_are_checked_against_the_main_text_not_the_pages_chrome(pywb, tmp_path, article):
    code, out = _check(pywb, tmp_path / "cache", article, "--format", "json")
    assert code == 1
    found = {(f["rule"], f["line"]): f for f in _findings(out)}
    assert sorted(found) == [
        ("date-not-in-source", 3),
        ("date-not-in-source", 5),
        ("figure-not-in-source", 3),
        ("figure-not-in-source", 5),
        ("source-unreadable", 7),
    ]  # the page that supports both is silent; a claim stating neither is not read
    contradicted = found[("figure-not-in-source", 3)]
    assert "the source gives 42 prisoners, not 50" in contradicted["message"]
    assert "(“Rebels executed 42 prisoners in the main square of Mayadin…" in contradicted["message"]
    quoted = contradicted["evidence"]["instead_quote"]
    assert quoted.startswith("Rebels executed 42 prisoners in the main square of Mayadin on 5 July 2014, witnesses")
    assert "the source gives 5 July 2014, not 3 July 2014" in found[("date-not-in-source", 3)]["message"]
    # The omitting page's navigation, script, header and reference list give 50 and 3 July 2014: not its text.
    assert "the source says nothing of it" in found[("figure-not-in-source", 5)]["message"]
    assert "the source says nothing of it" in found[("date-not-in-source", 5)]["message"]
    assert "a PDF, whose text is not read" in found[("source-unreadable", 7)]["message"]


def test_a_second_run_reads_no_capture_again(pywb, tmp_path, article, monkeypatch):
    read: list[str] = []
    real_get = HttpClient.get

    def counting(self, url, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "id_/" in url:
            read.append(url)
        return real_get(self, url, *args, **kwargs)

    monkeypatch.setattr(HttpClient, "get", counting)
    cache = tmp_path / "cache"
    _, first = _check(pywb, cache, article, "--format", "json")
    assert len(read) == 4  # each capture once: the page cited for words alone is not read
    _, second = _check(pywb, cache, article, "--format", "json")
    assert len(read) == 4
    assert _findings(second) == _findings(first)
    _, offline = _check(pywb, cache, article, "--format", "json", "--offline")
    assert _findings(offline) == _findings(first)


def test_the_report_says_for_each_citation_whether_its_source_supports_it(pywb, tmp_path, article):
    out = tmp_path / "reports"
    cli = ["report", str(article), "-o", str(out), "--format", "json", "--format", "markdown", "--format", "html"]
    cli += ["--cache-dir", str(tmp_path / "cache"), "--archive-rate", "6000"]
    result = CliRunner().invoke(main, [*cli, "--cdx-url", pywb.cdx_url, "--replay-url", pywb.replay_url])
    assert result.exit_code == 1, result.stderr
    rows = json.loads((out / "article.json").read_text(encoding="utf-8"))["provenance"]
    assert [row["supports"] for row in rows] == ["found", "not found", "not found", "unreadable", "not checked"]
    found = {s["kind"]: s for s in rows[0]["support"]}
    assert found["figure"]["quote"].startswith("Rebels executed 50 prisoners in the main square of Mayadin on July 3")
    assert found["date"]["found"] is True
    assert rows[1]["support"][0]["instead"] == "42 prisoners"
    markdown = (out / "article.md").read_text(encoding="utf-8")
    assert "| Status | Supports |" in markdown
    assert (
        "| archived | not found: 50 not found (gives 42 prisoners); 3 July 2014 not found (gives 5 July 2014) |"
        in markdown
    )
    html = (out / "article.html").read_text(encoding="utf-8")
    assert "<th>Supports</th>" in html and "50 not found (gives 42 prisoners)" in html


def test_the_seed_gets_a_supports_verdict_for_each_recovered_reference(pywb, tmp_path):
    out = tmp_path / "reports"
    cli = ["report", str(SEED), "-o", str(out), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(main, [*cli, "--archive-rate", "6000", "--cdx-url", pywb.cdx_url,
                                       "--replay-url", pywb.replay_url])  # fmt: skip
    assert result.exit_code == 1, result.stderr
    rows = json.loads((out / f"{SEED.stem}.json").read_text(encoding="utf-8"))["provenance"]
    recovered = [row for row in rows if row["status"] == "recovered"]
    cited = {m.key for m in SEED_COPY.markers} & {r.key for r in SEED_COPY.references if r.empty}
    assert {row["reference"] for row in recovered} == cited
    verdicts = {row["reference"]: row["supports"] for row in recovered}
    assert set(verdicts.values()) <= {"found", "not found", "not checked"}
    assert {key for key, verdict in verdicts.items() if verdict == "not found"} == ALTERED
    assert sum(verdict == "found" for verdict in verdicts.values()) > 50
    stated = [s for row in recovered if row["supports"] == "found" for s in row["support"]]
    assert all(s["quote"] for s in stated if s["found"])


def test_main_text_drops_scripts_navigation_and_the_reference_list():
    text, reason = main_text(OMITS, "text/html; charset=utf-8")
    assert reason is None and text is not None
    assert text.startswith("Rebels executed prisoners in the main square")
    assert "50" not in text and "3 July" not in text and "var headline" not in text


def test_pages_with_no_article_text_are_unreadable_with_the_reason():
    script_only = b"<html><body><div id='app'></div><script>render({'killed': 50})</script></body></html>"
    assert main_text(script_only, "text/html") == (
        None,
        "0 words of main text: a paywall, a page its scripts fill in, or an error page",
    )
    teaser = b"<html><body><article><p>Subscribe to read the rest of this story.</p></article></body></html>"
    assert (
        main_text(teaser, "text/html")[1]
        == "0 words of main text: a paywall, a page its scripts fill in, or an error page"
    )
    assert main_text(b"%PDF-1.7 ...", "application/octet-stream") == (None, "a PDF, whose text is not read")
    assert main_text(b"\x89PNG", "image/png") == (None, "not a web page (image/png)")
    assert MIN_WORDS == 40


def _forget_on_disk(root: Path) -> None:
    """Empty the store's database behind its back: from now on only memory can give a text."""
    with sqlite3.connect(root / "texts.sqlite") as connection:
        connection.execute("DELETE FROM texts")


def test_the_store_reads_a_text_from_disk_once_and_gives_it_as_kept(tmp_path):
    store = TextStore(tmp_path)
    store.put(SourceText("https://archive.example/web/1id_/a", "Forty-two words.", None))
    TextStore(tmp_path).put(SourceText("https://archive.example/web/1id_/b", "Seven.", None))  # another run's
    _forget_on_disk(tmp_path)
    assert store.get("https://archive.example/web/1id_/a") == SourceText(
        "https://archive.example/web/1id_/a", "Forty-two words.", None, from_cache=True
    )
    assert store.get("https://archive.example/web/1id_/b") is None


def test_the_store_reads_the_texts_of_a_documents_captures_in_one_go(tmp_path):
    for name in "ab":
        TextStore(tmp_path).put(SourceText(f"https://archive.example/web/1id_/{name}", f"Text {name}.", None))
    store = TextStore(tmp_path)  # a new run
    store.recall([f"https://archive.example/web/1id_/{name}" for name in "abc"])
    _forget_on_disk(tmp_path)
    assert [store.get(f"https://archive.example/web/1id_/{name}") for name in "abc"] == [
        SourceText("https://archive.example/web/1id_/a", "Text a.", None, from_cache=True),
        SourceText("https://archive.example/web/1id_/b", "Text b.", None, from_cache=True),
        None,
    ]


def test_the_store_keeps_only_the_latest_texts_in_memory(tmp_path, monkeypatch):
    monkeypatch.setattr("auditor.archive.maintext.MEMORY_CHARACTERS", 10)
    store = TextStore(tmp_path)
    for name in "abc":
        store.put(SourceText(f"https://archive.example/web/1id_/{name}", "four", None))
    _forget_on_disk(tmp_path)
    assert [store.get(f"https://archive.example/web/1id_/{name}") is not None for name in "abc"] == [
        False,
        True,
        True,
    ]


def test_a_store_of_one_file_per_capture_is_read_and_moved_into_rows(tmp_path):
    capture = "https://archive.example/web/1id_/a"
    legacy = tmp_path / "texts" / (hashlib.blake2b(capture.encode(), digest_size=12).hexdigest() + ".json")
    legacy.parent.mkdir()
    legacy.write_text(json.dumps({"capture": capture, "text": None, "reason": "a PDF, whose text is not read"}))
    kept = SourceText(capture, None, "a PDF, whose text is not read", from_cache=True)
    assert TextStore(tmp_path).get(capture) == kept
    legacy.unlink()
    assert TextStore(tmp_path).get(capture) == kept  # a new run: from its row
    assert TextStore(tmp_path).get("https://archive.example/web/1id_/b") is None
