"""Dumps: MediaWiki export XML written here, streamed, filtered and audited on every engine."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import auditor.dumps.engines
from auditor.api import RunOptions, check_paths
from auditor.cli import main
from auditor.config.settings import load_settings
from auditor.dumps.output import CHECKPOINT, ERRORS, FINDINGS, PARQUET, SUMMARY
from auditor.dumps.pages import Page, PageFilter, read_pages
from auditor.dumps.scan import ScanOptions, scan_dumps
from auditor.errors import InputError
from conftest import CORPUS
from support.export_xml import ExportPage, corpus_pages, write_dump

WIKITEXT = CORPUS / "wikitext"
needs_corpus = pytest.mark.skipif(not WIKITEXT.is_dir(), reason="corpus not found at ../shared/corpus")

UNSOURCED = "The garrison of 4,000 surrendered on 3 May 1915.\n"
SOURCED = "The town fell on 5 June 1916.<ref>{{cite news |title=Fall |date=6 June 1916}}</ref>\n"


@pytest.fixture(scope="module")
def corpus_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not WIKITEXT.is_dir():
        pytest.skip("corpus not found at ../shared/corpus")
    return write_dump(tmp_path_factory.mktemp("dump") / "corpus.xml.bz2", corpus_pages(WIKITEXT))


def _scan(dump: Path | list[Path], out: Path, **options: object) -> tuple[int, list[str]]:
    said: list[str] = []
    paths = dump if isinstance(dump, list) else [dump]
    run = RunOptions(load_settings(), jobs=options.pop("jobs", 1))  # type: ignore[arg-type]
    outcome = scan_dumps(paths, ScanOptions(out, run, **options), said.append)  # type: ignore[arg-type]
    return outcome.exit_code, said


def _findings(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / FINDINGS).read_text(encoding="utf-8").splitlines()]


@needs_corpus
def test_one_job_two_jobs_and_dask_give_identical_findings(corpus_dump, tmp_path):
    runs = {
        "one job": {"jobs": 1},
        "two jobs": {"jobs": 2},
        "dask": {"jobs": 2, "engine": "dask"},  # a LocalCluster on loopback
    }
    written = {}
    for name, options in runs.items():
        code, said = _scan(corpus_dump, tmp_path / name, batch_pages=4, **options)
        assert (code, said) == (1, []), name
        written[name] = ((tmp_path / name / FINDINGS).read_bytes(), pq.read_table(tmp_path / name / PARQUET))
    one, two, dask = written.values()
    assert one[0] == two[0] == dask[0]
    assert one[1].equals(two[1]) and one[1].equals(dask[1])
    summary = json.loads((tmp_path / "dask" / SUMMARY).read_text())
    assert (summary["complete"], summary["pages_read"], summary["pages_audited"]) == (True, 53, 53)
    assert summary["findings"] == len(_findings(tmp_path / "dask")) == one[1].num_rows > 2000


@needs_corpus
def test_a_dumps_findings_are_those_of_its_pages_checked_as_files(corpus_dump, tmp_path):
    _scan(corpus_dump, tmp_path, jobs=2)
    from_dump = sorted((f["title"], f["rule"], f["line"], f["column"], f["message"]) for f in _findings(tmp_path))
    files = sorted(WIKITEXT.rglob("*.wikitext"))
    checked = check_paths([str(path) for path in files], RunOptions(load_settings(), jobs=2))
    from_files = sorted(
        (Path(f.path).stem.replace("_", " "), f.rule, f.line, f.column, f.message) for f in checked.findings
    )
    assert from_dump == from_files
    summary, total = json.loads((tmp_path / SUMMARY).read_text()), checked.summary
    kinds = ("claims", "cited_claims", "empty_cited_claims", "uncited_claims")
    assert [summary[kind] for kind in kinds] == [getattr(total, kind) for kind in kinds]
    assert summary["claims"] == summary["cited_claims"] + summary["empty_cited_claims"] + summary["uncited_claims"]
    first = _findings(tmp_path)[0]
    assert (first["title"], first["page_id"], first["revision_id"], first["namespace"]) == ("Abraham Lincoln", 1, 10, 0)
    assert first["revision_timestamp"] == "2016-05-01T00:00:00Z"


@needs_corpus
def test_parquet_holds_every_finding_with_its_page(corpus_dump, tmp_path):
    _scan(corpus_dump, tmp_path, jobs=2)
    table = pq.read_table(tmp_path / PARQUET)
    lines = _findings(tmp_path)
    assert table.num_rows == len(lines)
    rows = table.slice(0, 1).to_pylist()[0]
    assert {k: rows[k] for k in ("title", "revision_id", "rule", "code", "line", "fingerprint")} == {
        k: lines[0][k] for k in ("title", "revision_id", "rule", "code", "line", "fingerprint")
    }
    assert json.loads(rows["evidence"]) == lines[0]["evidence"]
    by_rule = json.loads((tmp_path / SUMMARY).read_text())["findings_by_rule"]
    counted = table.group_by("rule").aggregate([("rule", "count")]).to_pydict()
    assert dict(zip(counted["rule"], counted["rule_count"], strict=True)) == by_rule


def test_the_latest_revision_of_article_pages_is_audited_and_redirects_and_other_content_are_not(tmp_path):
    dump = write_dump(
        tmp_path / "pages.xml",
        [
            ExportPage("Siege of Example", SOURCED, 1, older=(UNSOURCED,)),  # fixed in its latest revision
            ExportPage("Talk:Siege of Example", UNSOURCED, 2, namespace=1),
            ExportPage("Example siege", "#REDIRECT [[Siege of Example]]", 3, redirect="Siege of Example"),
            ExportPage("Module:Data", UNSOURCED, 4, namespace=828, model="Scribunto"),
            ExportPage("Battle of Example", UNSOURCED, 5),
        ],
    )
    pages = list(read_pages([dump], PageFilter()))
    audited = [item for item in pages if isinstance(item, Page)]
    assert [(page.title, page.revision_id) for page in audited] == [("Siege of Example", 10), ("Battle of Example", 50)]
    assert [item.ordinal for item in pages] == [0, 1, 2, 3, 4]
    assert audited[0].host == "en.wikipedia.org" and "1916" in audited[0].text
    _scan(dump, tmp_path / "out")
    assert {f["title"] for f in _findings(tmp_path / "out")} == {"Battle of Example"}


def test_pages_are_chosen_by_namespace_title_list_and_category(tmp_path):
    dump = write_dump(
        tmp_path / "pages.xml.gz",
        [
            ExportPage("Siege of Alpha", UNSOURCED + "[[Category:Sieges of the First World War|Alpha]]", 1),
            ExportPage("Battle of Beta", UNSOURCED + "[[ category : Battles_of_1915 ]]", 2),
            ExportPage("Talk:Siege of Alpha", UNSOURCED, 3, namespace=1),
            ExportPage("Gamma", UNSOURCED, 4),
        ],
    )

    def titles(**criteria: object) -> list[str]:
        return [i.title for i in read_pages([dump], PageFilter(**criteria)) if isinstance(i, Page)]  # type: ignore[arg-type]

    assert titles() == ["Siege of Alpha", "Battle of Beta", "Gamma"]
    assert titles(namespaces=None) == ["Siege of Alpha", "Battle of Beta", "Talk:Siege of Alpha", "Gamma"]
    assert titles(namespaces=frozenset({1})) == ["Talk:Siege of Alpha"]
    assert titles(title=re.compile(r"^(Siege|Battle) of")) == ["Siege of Alpha", "Battle of Beta"]
    assert titles(titles=frozenset({"Gamma", "Battle of Beta"})) == ["Battle of Beta", "Gamma"]
    assert titles(categories=frozenset({"Battles of 1915"})) == ["Battle of Beta"]
    assert titles(categories=frozenset({"Sieges of the First World War", "Battles of 1915"})) == [
        "Siege of Alpha",
        "Battle of Beta",
    ]

    listed = tmp_path / "titles.txt"
    listed.write_text("gamma\nSiege_of_Alpha\n\n", encoding="utf-8")  # as people paste them
    result = CliRunner().invoke(main, ["scan", str(dump), "-o", str(tmp_path / "out"), "--titles", str(listed)])
    assert result.exit_code == 1, result.output
    assert {f["title"] for f in _findings(tmp_path / "out")} == {"Siege of Alpha", "Gamma"}
    assert result.stdout.startswith("2 pages audited of 4 read (0 could not be audited)")


def test_a_dump_that_breaks_off_keeps_what_was_read_and_the_next_dump_is_read(tmp_path):
    filler = "".join(f"The {i}th report of the war was filed.\n" for i in range(300))  # too long for one read
    pages = [ExportPage(f"Battle {n}", UNSOURCED + filler, n) for n in range(1, 41)]
    whole = write_dump(tmp_path / "whole.xml.gz", pages)  # gzip: a cut file still gives its first pages
    broken = tmp_path / "broken.xml.gz"
    broken.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    other = write_dump(tmp_path / "other.xml", [ExportPage("Siege of Example", UNSOURCED, 99)])
    code, said = _scan([broken, other], tmp_path / "out", jobs=2, batch_pages=3)
    assert code == 2
    assert said[0].startswith(f"auditor: error: {broken}: the file ends early (truncated?) after ")
    assert len(said) == 1
    titles = [f["title"] for f in _findings(tmp_path / "out")]
    read = int(said[0].split("after ")[1].split(" ")[0])
    assert 0 < read < 40 and len(set(titles)) == read + 1 and titles[-1] == "Siege of Example"
    errors = [json.loads(line) for line in (tmp_path / "out" / ERRORS).read_text().splitlines()]
    assert [e["path"] for e in errors] == [str(broken)]


def test_a_mistyped_dump_path_writes_nothing_and_the_corrected_command_runs(tmp_path):
    dump = write_dump(tmp_path / "pages.xml.bz2", [ExportPage("Battle", UNSOURCED, 1)])
    out = tmp_path / "scan"
    mistyped = CliRunner().invoke(main, ["scan", str(dump), str(tmp_path / "pages.xml.bz"), "-o", str(out)])
    assert mistyped.exit_code == 2
    assert mistyped.stderr == f"auditor: error: {tmp_path / 'pages.xml.bz'}: No such file or directory\n"
    assert not out.exists()
    corrected = CliRunner().invoke(main, ["scan", str(dump), "-o", str(out)])
    assert corrected.exit_code == 1, corrected.stderr
    assert "holds a scan" not in corrected.stderr and (out / FINDINGS).read_text().count("\n") >= 1


def test_a_directory_or_a_file_that_is_not_a_dump_is_refused_before_anything_is_written(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Plain text, not a dump.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(tmp_path), str(text), "-o", str(tmp_path / "scan")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"auditor: error: {tmp_path}: Is a directory",
        f"auditor: error: {text}: not a MediaWiki XML export or dump (no <mediawiki> element at its start)",
    ]
    assert not (tmp_path / "scan").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Plain text, not a dump.\n", "not a MediaWiki XML export or dump (no <mediawiki> element at its start)"),
        (b"<mediawiki><siteinfo></siteinfo><page><title>A</title></mediawiki>", "malformed XML after 0 pages"),
    ],
)
def test_what_is_not_a_dump_is_one_error_line(tmp_path, content, message):
    path = tmp_path / "input.xml"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["scan", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"auditor: error: {path}: {message}")
    assert "Traceback" not in result.output


def test_check_names_scan_for_a_dump(tmp_path):
    dump = write_dump(tmp_path / "pages.xml.bz2", [ExportPage("Battle", UNSOURCED, 1)])
    result = CliRunner().invoke(main, ["check", str(dump)])
    assert result.exit_code == 2
    assert (
        f"auditor: error: {dump}: a MediaWiki XML dump or export: audit its pages with 'auditor scan'" in result.stderr
    )


def test_a_page_over_the_size_limit_is_an_error_and_the_others_are_audited(tmp_path):
    dump = write_dump(
        tmp_path / "pages.xml", [ExportPage("Huge", UNSOURCED * 40, 1), ExportPage("Small", UNSOURCED, 2)]
    )
    result = CliRunner().invoke(main, ["scan", str(dump), "-o", str(tmp_path / "out"), "--max-size", "0.001"])
    assert result.exit_code == 2
    assert "auditor: error: Huge: page is 0.0 MiB, over the 0 MiB limit" in result.stderr
    assert {f["title"] for f in _findings(tmp_path / "out")} == {"Small"}
    assert json.loads((tmp_path / "out" / SUMMARY).read_text())["pages_failed"] == 1


def test_an_output_directory_of_another_run_is_refused_until_restart(tmp_path):
    dump = write_dump(tmp_path / "pages.xml", [ExportPage("Battle", UNSOURCED, 1)])
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["scan", str(dump), "-o", str(out)]).exit_code == 1
    again = CliRunner().invoke(main, ["scan", str(dump), "-o", str(out)])
    assert again.exit_code == 1
    assert "holds this run, complete; --restart runs it again" in again.stderr
    other = CliRunner().invoke(main, ["scan", str(dump), "-o", str(out), "--select", "CIT"])
    assert other.exit_code == 2
    assert "holds a scan of other input or with other options (1 pages read); use --restart" in other.stderr
    restarted = CliRunner().invoke(main, ["scan", str(dump), "-o", str(out), "--select", "CIT", "--restart"])
    assert restarted.exit_code == 1 and "holds" not in restarted.stderr


def test_an_unreachable_scheduler_is_one_error_line(tmp_path):
    import dask

    dump = write_dump(tmp_path / "pages.xml", [ExportPage("Battle", UNSOURCED, 1)])
    args = ["scan", str(dump), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # as DASK_DISTRIBUTED__COMM__... sets it
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9:")


def test_resume_skips_what_the_checkpoint_records(tmp_path):
    pages = [ExportPage(f"Battle {n}", UNSOURCED, n) for n in range(1, 11)]
    dump = write_dump(tmp_path / "pages.xml.bz2", pages)
    whole = tmp_path / "whole"
    _scan(dump, whole, batch_pages=2)
    out = tmp_path / "out"
    _scan(dump, out, batch_pages=2)
    state = json.loads((out / CHECKPOINT).read_text())
    # As a run killed after six pages leaves it: the checkpoint at page 6, and lines written after it.
    size = sum(len(line) for line in (out / FINDINGS).read_bytes().splitlines(keepends=True)[:6])
    state.update(complete=False, sizes={**state["sizes"], FINDINGS: size})
    state["totals"].update(pages_read=6, pages_audited=6, findings=6, findings_by_rule={"unsourced-claim": 6})
    (out / CHECKPOINT).write_text(json.dumps(state))
    (out / SUMMARY).unlink()
    with (out / FINDINGS).open("a") as partial:
        partial.write('{"title": "Battle 7", "rule": "half a li')
    code, said = _scan(dump, out, batch_pages=2)
    assert code == 1
    assert said == [f"auditor: {out}: resuming the run recorded there, at page 6"]
    assert (out / FINDINGS).read_bytes() == (whole / FINDINGS).read_bytes()
    assert json.loads((out / SUMMARY).read_text())["pages_audited"] == 10


def test_read_pages_names_a_missing_file(tmp_path):
    [error] = list(read_pages([tmp_path / "gone.xml.bz2"], PageFilter()))
    assert isinstance(error, InputError) and error.message == "No such file or directory"


@needs_corpus
def test_a_run_killed_halfway_and_run_again_ends_as_an_uninterrupted_run(corpus_dump, tmp_path):
    whole = tmp_path / "whole"
    _scan(corpus_dump, whole, jobs=2)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "auditor",
        "scan",
        str(corpus_dump),
        "-o",
        str(out),
        "-j",
        "2",
        "--batch-pages",
        "2",
    ]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    read = 0
    deadline = time.monotonic() + 120
    while read < 10 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        with contextlib.suppress(OSError, ValueError):  # not written yet, or being replaced
            read = json.loads((out / CHECKPOINT).read_text())["totals"]["pages_read"]
    os.killpg(run.pid, signal.SIGKILL)  # the command and its workers, with no chance to tidy up
    run.wait()
    state = json.loads((out / CHECKPOINT).read_text())
    assert not state["complete"] and 10 <= state["totals"]["pages_read"] < 53
    assert not (out / PARQUET).exists()

    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert again.returncode == 1, again.stderr
    assert f"resuming the run recorded there, at page {state['totals']['pages_read']}" in again.stderr
    assert (out / FINDINGS).read_bytes() == (whole / FINDINGS).read_bytes()
    assert pq.read_table(out / PARQUET).equals(pq.read_table(whole / PARQUET))
    timeless = ("seconds", "throughput")
    resumed, uninterrupted = (json.loads((d / SUMMARY).read_text()) for d in (out, whole))
    assert {k: v for k, v in resumed.items() if k not in timeless} == {
        k: v for k, v in uninterrupted.items() if k not in timeless
    }


def test_with_the_archive_each_url_is_looked_up_once_across_the_whole_run(tmp_path):
    from wayback_fixture import Page as Capture
    from wayback_fixture import start_pywb

    pywb = start_pywb(tmp_path / "wayback", [Capture("http://news.example/fall", "20140420080000")])
    try:
        cited = (
            "The town fell on 3 May 2014.<ref>{{cite web |url=http://news.example/fall |title=Fall"
            " |access-date=4 May 2014}}</ref> Its mayor fled.<ref>{{cite web |url=http://news.example/gone"
            " |title=Gone |access-date=4 May 2014}}</ref>\n"
        )
        dump = write_dump(tmp_path / "pages.xml", [ExportPage(f"Siege {n}", cited, n) for n in range(1, 5)])
        archive = ["--archive", "--cdx-url", pywb.cdx_url, "--replay-url", pywb.replay_url, "--archive-rate", "6000"]
        args = ["scan", str(dump), "-o", str(tmp_path / "out"), "--batch-pages", "1", "--select", "ARC", *archive]
        result = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "cache")])
    finally:
        pywb.stop()
    assert result.exit_code == 1, result.output
    assert "auditor: archive: 2 lookups: 0 cached, 2 fetched, 0 failed" in result.stderr  # four pages, two URLs
    missing = [f for f in _findings(tmp_path / "out") if f["rule"] == "archive-missing"]
    assert [f["title"] for f in missing] == ["Siege 1", "Siege 2", "Siege 3", "Siege 4"]
    assert all("http://news.example/gone" in f["message"] for f in missing)


def test_archive_lookups_need_the_local_engine(tmp_path):
    dump = write_dump(tmp_path / "pages.xml", [ExportPage("Battle", UNSOURCED, 1)])
    result = CliRunner().invoke(main, ["scan", str(dump), "-o", str(tmp_path / "o"), "--archive", "--engine", "dask"])
    assert result.exit_code == 2
    assert "--archive runs in this process (its lookups are rate-limited): use it with --engine local" in result.stderr


def test_progress_counts_the_pages_audited_from_the_start(tmp_path):
    filler = "".join(f"The {i}th report of the war was filed.\n" for i in range(2000))  # pages of 80 kB
    dumps = [
        write_dump(tmp_path / "one.xml", [ExportPage(f"Battle {n}", UNSOURCED + filler, n) for n in range(1, 6)]),
        write_dump(tmp_path / "two.xml", [ExportPage("Siege", UNSOURCED, 9)]),
    ]
    bars: list[tuple[int, list[tuple[int, int]]]] = []

    @contextlib.contextmanager
    def progress(total: int) -> Iterator[Callable[[int, int], None]]:
        ticks: list[tuple[int, int]] = []
        bars.append((total, ticks))
        yield lambda reached, audited: ticks.append((reached, audited))

    options = ScanOptions(tmp_path / "out", RunOptions(load_settings(), jobs=2), batch_pages=2)
    outcome = scan_dumps(dumps, options, print, progress)
    assert outcome.summary["pages_audited"] == 6
    [(total, ticks)] = bars
    assert total == sum(path.stat().st_size for path in dumps)
    # shown before any page is audited; then after the first page (audited alone, before the workers
    # start) and each batch after it (the last across both dumps), as far as its pages reach; then the
    # empty batch that ends the stream
    assert [audited for _, audited in ticks] == [0, 1, 2, 4, 6, 6]
    reached = [at for at, _ in ticks]
    assert reached == sorted(reached) and reached[0] == 0 and reached[-1] == total
    assert reached[1] < total  # the first batch's pages do not reach the end (reading is ahead of them)


def test_the_parquet_table_is_written_as_the_run_goes(tmp_path, monkeypatch):
    import auditor.dumps.parquet

    monkeypatch.setattr(auditor.dumps.parquet, "_ROWS_PER_GROUP", 2)
    monkeypatch.setattr(auditor.dumps.parquet, "_ROWS_PER_BATCH", 1)
    dump = write_dump(tmp_path / "pages.xml", [ExportPage(f"Battle {n}", UNSOURCED, n) for n in range(1, 9)])
    out = tmp_path / "out"
    sizes: list[int] = []

    @contextlib.contextmanager
    def progress(total: int) -> Iterator[Callable[[int, int], None]]:
        temporary = out / (PARQUET + ".tmp")
        yield lambda reached, audited: sizes.append(temporary.stat().st_size if temporary.exists() else 0)

    options = ScanOptions(out, RunOptions(load_settings(), jobs=1), batch_pages=2)
    scan_dumps([dump], options, print, progress)
    assert len(sizes) == 6 and sizes[0] < sizes[1] < sizes[2] < sizes[3] < sizes[4]  # a start, 4 batches, the end
    assert not (out / (PARQUET + ".tmp")).exists()
    assert pq.read_table(out / PARQUET).num_rows == len(_findings(out)) >= 8


def test_without_pyarrow_the_scan_says_so_in_one_line_and_writes_the_rest(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the parquet extra were not installed
    dump = write_dump(tmp_path / "pages.xml", [ExportPage("Battle", UNSOURCED, 1)])
    result = CliRunner().invoke(main, ["scan", str(dump), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.stderr
    assert result.stderr == (
        "auditor: findings.parquet is not written: it needs pyarrow (pip install 'auditor[parquet]')\n"
    )
    assert not (tmp_path / "out" / PARQUET).exists() and (tmp_path / "out" / FINDINGS).stat().st_size
    assert "findings.jsonl, errors.jsonl, summary.json" in result.stdout


@needs_corpus
def test_sigterm_stops_a_scan_and_its_workers(corpus_dump, tmp_path):
    import psutil

    out = tmp_path / "out"
    command = [sys.executable, "-m", "auditor", "scan", str(corpus_dump), "-o", str(out), "-j", "2"]
    run = psutil.Popen([*command, "--batch-pages", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    read = 0
    while read < 4 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = run.children(recursive=True) or workers
        with contextlib.suppress(OSError, ValueError):  # not written yet, or being replaced
            read = json.loads((out / CHECKPOINT).read_text())["totals"]["pages_read"]
    assert len(workers) == 2 and read >= 4
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert f"auditor: interrupted; run the same command again to resume from {out}" in err.decode()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == [] and len(gone) == 2


def test_a_scheduler_with_no_workers_is_one_error_line(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(auditor.dumps.engines, "_WORKER_WAIT", 1)
    dump = write_dump(tmp_path / "pages.xml", [ExportPage("Battle", UNSOURCED, 1)])
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as empty:
        args = [
            "scan",
            str(dump),
            "-o",
            str(tmp_path / "out"),
            "--engine",
            "dask",
            "--scheduler",
            empty.scheduler_address,
        ]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: no worker joined the Dask scheduler at {empty.scheduler_address} in 1 s\n"


def _die_on_crash(batch):  # a worker killed mid-batch, as the kernel's OOM killer does it
    if any(page.title == "Crash" for page in batch.pages):
        os._exit(9)
    return auditor.dumps.engines.audit_batch(batch, auditor.dumps.engines._settings)


def test_when_a_worker_dies_the_rest_is_audited_here_and_nothing_is_lost(tmp_path, monkeypatch):
    pages = [ExportPage(f"Battle {n}", UNSOURCED, n) for n in range(1, 9)]
    pages.insert(4, ExportPage("Crash", UNSOURCED, 99))
    dump = write_dump(tmp_path / "pages.xml", pages)
    _scan(dump, tmp_path / "whole", jobs=1)
    monkeypatch.setattr(auditor.dumps.engines, "_audit_kept", _die_on_crash)  # forked workers inherit it
    code, said = _scan(dump, tmp_path / "out", jobs=2, batch_pages=2)
    assert code == 1
    assert said == ["auditor: a worker process died (killed, or out of memory?); auditing the rest in this process"]
    assert (tmp_path / "out" / FINDINGS).read_bytes() == (tmp_path / "whole" / FINDINGS).read_bytes()
