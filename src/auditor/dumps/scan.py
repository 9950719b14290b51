"""Scan MediaWiki dumps: read pages, audit them on the chosen engine, write the results as they come in
input order, checkpointing as it goes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api import RunOptions, available_cores
from ..engine import audit_document
from ..errors import AuditorError, InputError
from ..extract.facts import Facts
from ..report import InputProblem
from .batch import Batch, page_result, read_limited
from .engines import Done, run_dask, run_here, run_pool
from .output import PARQUET, ScanOutput, parquet_available
from .pages import DumpReader, Page, PageFilter, Skipped, unreadable

if TYPE_CHECKING:
    from ..archive.gather import Phase
    from ..extract.sources import ArchiveFacts

BATCH_TEXT = 8 * 2**20  # a batch is cut at this much text, however few its pages


@dataclass(frozen=True, slots=True)
class ScanOptions:
    output_dir: Path
    run: RunOptions  # what every auditing command shares: the rules, the workers, the cache, the archive
    page_filter: PageFilter = field(default_factory=PageFilter)
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None starts a LocalCluster
    batch_pages: int = 32
    restart: bool = False

    @property
    def jobs(self) -> int:
        return self.run.jobs or available_cores()


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    summary: dict[str, Any]
    lookups: dict[str, int] | None  # with the archive: lookups cached, fetched, failed

    @property
    def exit_code(self) -> int:
        if self.summary["pages_failed"] or self.summary["input_errors"]:
            return 2
        return 1 if self.summary["findings"] else 0

    def describe(self, output_dir: Path) -> str:
        """The summary as a terminal shows it."""
        summary = self.summary
        rate = summary["throughput"]
        speed = ""
        if rate["pages_per_second"]:
            speed = f" in {summary['seconds']:.1f} s: {rate['pages_per_second']:.1f} pages/s"
            speed += f", {rate['mib_per_second']:.2f} MiB/s"
        lines = [
            f"{summary['pages_audited']:,} pages audited of {summary['pages_read']:,} read"
            f" ({summary['pages_failed']:,} could not be audited){speed}",
            f"claims: {summary['claims']:,}, cited: {summary['cited_claims']:,},"
            f" cited only to empty footnotes: {summary['empty_cited_claims']:,},"
            f" uncited: {summary['uncited_claims']:,};"
            f" references: {summary['references']:,}, empty: {summary['empty_references']:,}",
            f"{summary['findings']:,} findings" + (":" if summary["findings"] else ""),
        ]
        lines += [f"  {rule:<22} {count:>9,}" for rule, count in summary["findings_by_rule"].items()]
        parquet = " findings.parquet," if (output_dir / PARQUET).exists() else ""
        lines.append(f"written to {output_dir}/: findings.jsonl,{parquet} errors.jsonl, summary.json")
        return "\n".join(lines) + "\n"


Say = Callable[[str], None]  # one line for the user (stderr)
# Progress: called with how far into the dumps the pages audited so far reach (bytes as stored), and how
# many pages were audited.
Progress = Callable[[int, int], None]
# Given the dumps' size in bytes, a context that yields a Progress (a bar), or None.
ProgressFactory = Callable[[int], AbstractContextManager[Progress | None]]


class UnreadableInput(AuditorError):
    """Dumps that cannot be scanned, found before anything is written."""

    def __init__(self, problems: list[InputError]) -> None:
        super().__init__("\n".join(f"{problem.path}: {problem.message}" for problem in problems))
        self.problems = problems


def scan_dumps(
    paths: list[Path], options: ScanOptions, say: Say, progress: ProgressFactory | None = None
) -> ScanOutcome:
    """Audit every page ``options.page_filter`` admits in ``paths``, into ``options.output_dir``; resume
    the run recorded there if it was of the same input and options. ``progress`` is given the dumps' size
    in bytes, and is told how far the pages audited reach. Raises UnreadableInput (before writing
    anything: a mistyped path leaves no output directory), RunMismatch, EngineError."""
    problems = [problem for problem in map(unreadable, paths) if problem is not None]
    if problems:
        raise UnreadableInput(problems)
    parquet = parquet_available()
    if not parquet:
        say("auditor: findings.parquet is not written: it needs pyarrow (pip install 'auditor[parquet]')")
    output = ScanOutput(options.output_dir, run_key(paths, options), options.restart, parquet)
    lookups: dict[str, int] | None = None
    try:
        if output.complete:
            say(f"auditor: {options.output_dir}: holds this run, complete; --restart runs it again")
        else:
            if output.resumed:
                say(f"auditor: {options.output_dir}: resuming the run recorded there, at page {output.start:,}")
            lookups = _run(paths, options, output, say, progress)
            output.finish()
    finally:
        output.close()
    return ScanOutcome(output.summary(), lookups)


def _run(
    paths: list[Path], options: ScanOptions, output: ScanOutput, say: Say, progress: ProgressFactory | None
) -> dict[str, int] | None:
    settings = options.run.settings
    reader = DumpReader(paths, options.page_filter, output.start, settings.max_bytes)
    batches = cut(iter(reader), options.batch_pages, output.start, lambda: reader.position)
    archived = _Archived(options.run) if options.run.archive is not None else None
    if archived is not None:
        done: Iterator[Done] = archived.run(batches)
    elif options.engine == "dask":
        done = run_dask(batches, settings, options.jobs, options.scheduler)
    elif options.jobs > 1:
        done = run_pool(batches, settings, options.jobs, say)
    else:
        done = run_here(batches, settings)
    last = time.perf_counter()
    # closing: a run stopped (Ctrl-C, SIGTERM, an error here) stops its workers at once
    with progress(reader.total) if progress else nullcontext() as tick, closing(done):
        if tick:
            tick(0, output.totals.pages_audited)
        for batch, results in done:
            for result in results:
                if result.error is not None:
                    say(f"auditor: error: {result.title}: {result.error}")
            now = time.perf_counter()
            output.record(results, batch.end, now - last)
            last = now
            for problem in batch.problems:
                if output.input_error(problem):
                    say(f"auditor: error: {problem.path}: {problem.message}")
            if tick:
                tick(batch.position, output.totals.pages_audited)
    return archived.counts() if archived is not None else None


def cut(
    items: Iterator[Page | Skipped | InputError], pages: int, start: int, position: Callable[[], int] = lambda: 0
) -> Iterator[Batch]:
    """Batches of up to ``pages`` pages (fewer when their text passes BATCH_TEXT); a dump that breaks off
    ends the batch before it, so that the error is recorded in its place. ``position`` says how far into
    the dumps (in bytes) reading is, for each batch to carry."""
    taken: list[Page] = []
    size = 0
    end = start
    for item in items:
        if isinstance(item, InputError):
            yield Batch(tuple(taken), end, (item,), position())
            taken, size = [], 0
            continue
        end = item.ordinal + 1
        if isinstance(item, Page):
            taken.append(item)
            size += len(item.text)
            if len(taken) >= pages or size >= BATCH_TEXT:
                yield Batch(tuple(taken), end, position=position())
                taken, size = [], 0
    yield Batch(tuple(taken), end, position=position())


def run_key(paths: list[Path], options: ScanOptions) -> dict[str, Any]:
    """What makes two runs the same run: the dumps (as they are on disk), the filter, the rules and
    whether the archive is asked. The engine and the number of workers do not change the output."""
    inputs = []
    for path in paths:
        try:
            status = path.stat()
            inputs.append({"path": str(path.resolve()), "size": status.st_size, "mtime_ns": status.st_mtime_ns})
        except OSError:
            inputs.append({"path": str(path.resolve()), "size": None, "mtime_ns": None})
    settings = options.run.settings
    return {
        "inputs": inputs,
        "filter": options.page_filter.describe(),
        "rules": [[active.rule.code, str(active.severity), repr(active.options)] for active in settings.rules],
        "max_bytes": settings.max_bytes,
        "archive": options.run.archive is not None,
    }


class _Archived:
    """With the archive, pages are read and audited here: lookups are rate-limited, so workers would only
    wait. One phase serves the whole run, so each canonical URL is looked up once (and cached on disk)."""

    def __init__(self, run: RunOptions) -> None:
        self.options = run
        self.phase: Phase | None = None

    def run(self, batches: Iterator[Batch]) -> Iterator[Done]:
        from ..archive.gather import Phase
        from ..readers import read_html

        settings, archive = self.options.settings, self.options.archive
        assert archive is not None
        phase = self.phase = Phase.start(self.options.http_client(), archive, datetime.now(UTC).date(), read_html)
        working = True
        for batch in batches:
            docs = [read_limited(page, settings) for page in batch.pages]
            read = [Facts(doc) for doc in docs if not isinstance(doc, InputProblem)]
            found: list[ArchiveFacts | None] = [None] * len(read)
            if working:
                try:
                    found = list(phase.facts_of(read))
                except (OSError, sqlite3.Error) as error:  # the cache directory: unwritable, full, corrupt
                    problem = InputError("archive", f"cannot use the HTTP cache: {error}; went on without the archive")
                    batch = replace(batch, problems=(*batch.problems, problem))
                    working = False
            joined = iter([facts.with_archive(said) for facts, said in zip(read, found, strict=True)])
            results = [
                page_result(page, doc if isinstance(doc, InputProblem) else audit_document(next(joined), settings))
                for page, doc in zip(batch.pages, docs, strict=True)
            ]
            yield batch, results

    def counts(self) -> dict[str, int]:
        """Lookups answered from the cache, fetched, failed."""
        return dict(self.phase.wayback.counts) if self.phase is not None else {}
