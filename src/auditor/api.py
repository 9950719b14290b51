"""The Python API under the CLI: audit paths and live articles, and return one Report."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .archive.articles import ArticleSpec, parse_article_spec
from .baseline import Known, compare, load
from .config.settings import Settings, load_settings
from .document import Document, Provenance
from .engine import audit_document
from .errors import ConfigError, InputError
from .extract.facts import Facts
from .extract.sources import ArchiveFacts
from .readers.files import discover, read_document, read_text
from .readers.history import text_at
from .report import FileReport, InputProblem, Report

if TYPE_CHECKING:
    from .archive.gather import ArchiveOptions, ProgressFactory
    from .archive.http import HttpClient


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch articles named by title or URL."""

    revision: int | None = None
    as_of: date | None = None
    api_url: str | None = None  # another wiki's, or a test server's, instead of the article's own
    cache_dir: Path | None = None  # the HTTP cache's; None: the user cache directory
    offline: bool = False


def check_paths(
    paths: list[str],
    settings: Settings | None = None,
    input_format: str | None = None,
    fetch: FetchOptions | None = None,
    jobs: int | None = None,
    archive: ArchiveOptions | None = None,
    progress: ProgressFactory | None = None,
    diff_base: str | None = None,
    keep_documents: bool = False,
    baseline: Path | None = None,
) -> Report:
    """Audit every readable file under ``paths`` and every article they name (``en:Title`` or a URL);
    one that fails never stops the others. ``input_format`` names the reader for every file.
    With ``diff_base``, a git revision, each file's findings are compared with those of its text then;
    with ``baseline``, a file ``baseline.dump`` wrote, with the findings it records (InputError, before any
    work, when it cannot be read).
    ``keep_documents`` keeps each document in its FileReport, for reports that show its text.

    Files are read (and, without ``archive``, audited) by ``jobs`` worker processes (default: one per
    core), results kept in input order; articles are fetched here, through the one HTTP client and its
    cache. With ``archive``, every document's cited sources are looked up in the archive, once per
    canonical URL across all of them, before the rules run.
    """
    if diff_base is not None and baseline is not None:
        raise ConfigError("--baseline and --diff-base cannot be used together")
    recorded = load(baseline) if baseline is not None else None
    settings = settings or load_settings()
    fetch = fetch or FetchOptions()
    clients: list[HttpClient] = []  # made on first need: local files without --archive need no network code
    errors: list[InputProblem] = []
    skipped: list[str] = []
    outcomes: list[FileReport | InputProblem | Document | None] = []
    local: list[tuple[int, Path, str]] = []  # (place in outcomes, path, how to show it)
    for raw in paths:
        spec = parse_article_spec(raw)
        if spec is not None:
            client = _client(fetch, clients)
            read = partial(_fetch, client, spec, fetch)
            if archive:
                outcomes.append(read_guarded(read, spec.shown))
            else:
                outcomes.append(_audit_one(read, spec.shown, settings, keep_documents))
            continue
        found = discover([raw])
        errors.extend(InputProblem(e.path, e.message) for e in found.errors)
        skipped.extend(found.skipped)
        for path, shown in found.files:
            local.append((len(outcomes), path, shown))
            outcomes.append(None)
    work = [(path, shown, settings, input_format, archive is None, keep_documents) for _, path, shown in local]
    for (place, _, _), outcome in zip(local, _check_files(work, jobs or available_cores(), progress), strict=True):
        outcomes[place] = outcome
    counts: Counter[str] = Counter()
    if archive is not None:
        client = _client(fetch, clients)
        counts = _archive_phase(outcomes, client, archive, settings, progress, errors, keep_documents)
    files = [outcome for outcome in outcomes if isinstance(outcome, FileReport)]
    errors.extend(outcome for outcome in outcomes if isinstance(outcome, InputProblem))
    if not outcomes and not errors:
        errors.append(InputProblem(", ".join(paths), "no readable documents found"))
    comparison = None
    if diff_base is not None:
        checked = [(path, outcome) for (place, path, _) in local if isinstance(outcome := outcomes[place], FileReport)]
        known = _known_then(diff_base, checked, settings, input_format, errors)
        comparison = compare((f for file in files for f in file.findings), known, diff_base)
    elif recorded is not None:
        comparison = compare((f for file in files for f in file.findings), recorded, f"baseline {baseline}")
    return Report(tuple(files), tuple(errors), tuple(skipped), dict(counts) if archive else None, comparison)


def _known_then(
    revision: str,
    checked: list[tuple[Path, FileReport]],
    settings: Settings,
    input_format: str | None,
    errors: list[InputProblem],
) -> list[Known]:
    """The findings of each file's text at ``revision``; a file that cannot be read there is an error (in
    ``errors``), and its findings count as new."""
    known: list[Known] = []
    for path, file in checked:
        try:
            found = _known_at(revision, path, file, settings, input_format)
        except InputError as error:
            found = InputProblem(error.path, error.message)
        if isinstance(found, InputProblem):
            errors.append(found)
        else:
            known.extend(found)
    return known


def _known_at(
    revision: str, path: Path, file: FileReport, settings: Settings, input_format: str | None
) -> list[Known] | InputProblem:
    """The findings of ``file`` as it stood at ``revision``. Its archive facts are today's, as far as they
    go: a source cited then and still cited is judged as it is judged now, with no lookup of its own."""
    text = text_at(revision, path, file.path)
    if text is None:
        return []
    shown = f"{file.path} at {revision}"
    doc = read_guarded(partial(read_text, path, shown, text, input_format), shown)
    if isinstance(doc, InputProblem):
        return doc
    facts = Facts(replace(doc, path=file.path))  # the same path, so fingerprints match
    if file.archive is not None:
        facts = facts.with_archive(ArchiveFacts(facts.sources, file.archive.lookups, file.archive.live))
    audited = audit_document(facts, settings)
    return audited if isinstance(audited, InputProblem) else [Known.of(f) for f in audited.findings]


def _archive_phase(
    outcomes: list[FileReport | InputProblem | Document | None],
    client: HttpClient,
    options: ArchiveOptions,
    settings: Settings,
    progress: ProgressFactory | None,
    errors: list[InputProblem],
    keep_documents: bool,
) -> Counter[str]:
    """Look up the read documents' sources, then audit each with its facts, in place in ``outcomes``."""
    from .archive.gather import gather
    from .readers import read_html

    places = [i for i, outcome in enumerate(outcomes) if isinstance(outcome, Document)]
    read = [Facts(outcome) for outcome in outcomes if isinstance(outcome, Document)]
    found: list[ArchiveFacts | None] = [None] * len(read)
    counts: Counter[str] = Counter()
    try:
        outcome = gather(read, client, options, datetime.now(UTC).date(), read_html, progress)
        found, counts = list(outcome.facts), outcome.counts
    except (OSError, sqlite3.Error) as error:  # the cache directory: unwritable, full, corrupt
        errors.append(InputProblem("archive", f"cannot use the HTTP cache: {error}"))
    for place, facts, archive in zip(places, read, found, strict=True):
        outcomes[place] = audit_document(facts.with_archive(archive), settings, keep_documents)
    return counts


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_FileWork = tuple[Path, str, Settings, str | None, bool, bool]  # (path, shown, settings, format, audit, keep)
_Checked = FileReport | InputProblem | Document


def _check_files(work: list[_FileWork], jobs: int, progress: ProgressFactory | None) -> list[_Checked]:
    done: list[_Checked] = []
    parallel = jobs > 1 and len(work) > 1
    with progress(len(work), "documents") if progress and len(work) > 1 else nullcontext() as tick:
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(work))) if parallel else nullcontext() as pool:
                for result in pool.map(_check_file, work) if pool else map(_check_file, work):
                    done.append(result)
                    if tick:
                        tick(1)
        except BrokenProcessPool:  # a worker died (killed, out of memory): finish here what it left
            done.extend(_check_file(item) for item in work[len(done) :])
    return done


def _check_file(item: _FileWork) -> _Checked:
    path, shown, settings, input_format, and_audit, keep = item
    read = partial(read_document, path, shown, settings.max_bytes, input_format)
    return _audit_one(read, shown, settings, keep) if and_audit else read_guarded(read, shown)


def _audit_one(
    read: Callable[[], Document], shown: str, settings: Settings, keep: bool = False
) -> FileReport | InputProblem:
    """Read and audit one document; what went wrong, as one line, when that fails."""
    doc = read_guarded(read, shown)
    return doc if isinstance(doc, InputProblem) else audit_document(Facts(doc), settings, keep)


def read_guarded(read: Callable[[], Document], shown: str) -> Document | InputProblem:
    try:
        return read()
    except InputError as error:
        return InputProblem(error.path, error.message)
    except RecursionError:
        return InputProblem(shown, "document is nested too deeply to read")
    except Exception as error:  # noqa: BLE001 - one bad document must not lose the others
        return InputProblem(shown, f"internal error while reading: {type(error).__name__}: {error}")


def _client(options: FetchOptions, made: list[HttpClient]) -> HttpClient:
    """The run's one HTTP client, made on first use (``made`` holds it after)."""
    if not made:
        from .archive.http import HttpClient, HttpSettings

        made.append(HttpClient(HttpSettings(cache_dir=options.cache_dir, offline=options.offline)))
    return made[0]


def _fetch(client: HttpClient, spec: ArticleSpec, options: FetchOptions) -> Document:
    from .archive.http import NetworkError
    from .archive.mediawiki import ArticleError, fetch_revision
    from .readers.wikitext import read_wikitext

    try:
        found = fetch_revision(client, spec, options.revision, options.as_of, options.api_url)
    except NetworkError as error:
        raise InputError(spec.shown, f"cannot fetch the article: {error}") from None
    except ArticleError as error:
        raise InputError(spec.shown, str(error)) from None
    provenance = Provenance.of_revision(found.site, found.revision, found.timestamp)
    shown = ArticleSpec(found.site, found.title).shown
    return read_wikitext(shown, found.wikitext, title=found.title, provenance=provenance)
