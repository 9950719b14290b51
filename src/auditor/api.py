"""The Python API under the CLI: audit paths and live articles, and return one Report."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .archive.articles import ArticleSpec, parse_article_spec
from .config.settings import Settings, load_settings
from .document import Document, Provenance
from .engine import audit_document
from .errors import ConfigError, InputError
from .extract.facts import Facts
from .extract.sources import ArchiveFacts
from .readers.files import decode, discover, read_document, read_text
from .report import FileReport, InputProblem, Report

if TYPE_CHECKING:
    from .archive.gather import ArchiveOptions, ProgressFactory
    from .archive.http import HttpClient
    from .baseline import Known
    from .extract.origin import PinnedRevision
    from .pin import PinOptions


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What every command that audits (check, report, baseline, scan) shares, from the command line down."""

    settings: Settings  # the rules and their options, the size limit, the archive's endpoints
    jobs: int | None = None  # worker processes; None: one per core
    cache_dir: Path | None = None  # the HTTP cache's; None: the user cache directory
    offline: bool = False  # answer from the HTTP cache alone
    archive: ArchiveOptions | None = None  # None: the archive is not asked

    def http_client(self) -> HttpClient:
        """An HTTP client for this run, with its cache (the network stack is imported on first need)."""
        from .archive.http import HttpClient, HttpSettings

        return HttpClient(HttpSettings(cache_dir=self.cache_dir, offline=self.offline))


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch articles named by title or URL."""

    revision: int | None = None
    as_of: date | None = None
    api_url: str | None = None  # another wiki's, or a test server's, instead of the article's own


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What check, report and baseline add to a run: how to read the paths, and what to compare with."""

    input_format: str | None = None  # the reader for every file; None: by its name, then its content
    fetch: FetchOptions = FetchOptions()
    diff_base: str | None = None  # a git revision: each file's findings are compared with its text's then
    baseline: Path | None = None  # a file ``baseline.dump`` wrote: findings are compared with those it records
    keep_documents: bool = False  # keep each document's facts in its FileReport, for reports that show its text
    pin: PinOptions | None = None  # pin each copy to the wiki revision it was made from, through the API
    stdin: bytes | None = None  # what the path ``-`` reads: the standard input's bytes
    stdin_filename: str | None = None  # the name ``-`` is shown and its format told by; None: "-"


def check_paths(
    paths: list[str],
    run: RunOptions | None = None,
    options: CheckOptions = CheckOptions(),
    progress: ProgressFactory | None = None,
) -> Report:
    """Audit every readable file under ``paths`` and every article they name (``en:Title`` or a URL);
    one that fails never stops the others. A baseline that cannot be read is an InputError, before any
    work; without ``run``, the configuration is the one found from the working directory.

    Files are read (and, without the archive, audited) by ``run.jobs`` worker processes, results kept in
    input order; articles are fetched here, through the one HTTP client and its cache. With the archive,
    every document's cited sources are looked up in it, once per canonical URL across all of them, before
    the rules run.
    """
    if options.diff_base is not None and options.baseline is not None:
        raise ConfigError("--baseline and --diff-base cannot be used together")
    recorded = None
    if options.baseline is not None:
        from .baseline import load  # only a run that compares findings imports the baseline code

        recorded = load(options.baseline)
    run = run or RunOptions(load_settings())
    # Start-up is done (the rules are imported with the settings): what it made lives as long as the
    # run, so collections need not walk it again and again as documents make garbage.
    gc.freeze()
    settings, archive, keep = run.settings, run.archive, options.keep_documents
    clients: list[HttpClient] = []  # made on first need: local files without --archive need no network code
    errors: list[InputProblem] = []
    skipped: list[str] = []
    empty: list[str] = []
    outcomes: list[FileReport | InputProblem | Document | None] = []
    local: list[tuple[int, Path, str]] = []  # (place in outcomes, path, how to show it)
    for raw in paths:
        if raw == "-":
            read = partial(_read_stdin, options, settings.max_bytes)
            shown = options.stdin_filename or "-"
            outcomes.append(read_guarded(read, shown) if archive else _audit_one(read, shown, settings, keep))
            continue
        spec = parse_article_spec(raw)
        if spec is not None:
            read = partial(_fetch, _client(run, clients), spec, options.fetch)
            if archive:
                outcomes.append(read_guarded(read, spec.shown))
            else:
                outcomes.append(_audit_one(read, spec.shown, settings, keep))
            continue
        found = discover([raw], settings.exclude, settings.respect_gitignore)
        errors.extend(InputProblem(e.path, e.message) for e in found.errors)
        skipped.extend(found.skipped)
        empty.extend(found.empty)
        for path, shown in found.files:
            local.append((len(outcomes), path, shown))
            outcomes.append(None)
    if options.diff_base is not None:  # a revision that is not there stops the run before any work
        _verify_revision(options.diff_base, local)
    audit_now = archive is None and options.pin is None  # else the files are audited once all are read
    work = [_FileWork(path, shown, settings, options.input_format, audit_now, keep) for _, path, shown in local]
    jobs = run.jobs or available_cores()
    for (place, _, _), outcome in zip(local, _check_files(work, jobs, progress), strict=True):
        outcomes[place] = outcome
    origins: dict[int, PinnedRevision] = {}
    if options.pin is not None:
        origins = _pin_phase(outcomes, _client(run, clients), options.pin, errors)
    counts: Counter[str] = Counter()
    if archive is not None:
        counts = _archive_phase(outcomes, _client(run, clients), archive, settings, progress, errors, keep, origins)
    else:
        for place, outcome in enumerate(outcomes):
            if isinstance(outcome, Document):
                outcomes[place] = audit_document(Facts(outcome).with_origin(origins.get(place)), settings, keep)
    files = [outcome for outcome in outcomes if isinstance(outcome, FileReport)]
    errors.extend(outcome for outcome in outcomes if isinstance(outcome, InputProblem))
    if not outcomes and not errors:
        errors.append(InputProblem(", ".join(paths), "no readable documents found"))
    comparison = None
    if options.diff_base is not None or recorded is not None:
        from .baseline import compare
    if options.diff_base is not None:
        checked = [(path, outcome) for (place, path, _) in local if isinstance(outcome := outcomes[place], FileReport)]
        known = _known_then(options.diff_base, checked, settings, options.input_format, errors)
        comparison = compare((f for file in files for f in file.findings), known, options.diff_base)
    elif recorded is not None:
        comparison = compare((f for file in files for f in file.findings), recorded, f"baseline {options.baseline}")
    lookups = dict(counts) if archive else None
    return Report(tuple(files), tuple(errors), tuple(skipped), lookups, comparison, tuple(empty))


def _verify_revision(revision: str, local: list[tuple[int, Path, str]]) -> None:
    """ConfigError unless ``revision`` is a commit of each repository holding one of the files."""
    from .readers.history import verify_revision

    seen: set[Path] = set()
    for _, path, shown in local:
        if (directory := path.resolve().parent) not in seen:
            seen.add(directory)
            try:
                verify_revision(revision, path, shown)
            except InputError as error:
                raise ConfigError(str(error)) from None


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
    from .baseline import Known
    from .readers.history import text_at

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
    origins: dict[int, PinnedRevision],
) -> Counter[str]:
    """Look up the read documents' sources, then audit each with its facts (and the revision ``origins``
    pins it to, by place), in place in ``outcomes``."""
    import sqlite3

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
        joined = facts.with_archive(archive).with_origin(origins.get(place))
        outcomes[place] = audit_document(joined, settings, keep_documents)
    return counts


def _pin_phase(
    outcomes: list[FileReport | InputProblem | Document | None],
    client: HttpClient,
    options: PinOptions,
    errors: list[InputProblem],
) -> dict[int, PinnedRevision]:
    """Pin each read document to the revision it was made from, by its place in ``outcomes``; one that
    cannot be pinned is an error (in ``errors``) and is audited without."""
    from .pin import ApiRevisions, pin_documents

    places = [
        i for i, outcome in enumerate(outcomes) if isinstance(outcome, Document) and outcome.provenance.revision is None
    ]
    read = [Facts(outcomes[i]) for i in places]  # type: ignore[arg-type]
    pinned = pin_documents(
        read, options, lambda specs: lambda spec: ApiRevisions(client, spec, options.api_url, options.api_rate)
    )
    found: dict[int, PinnedRevision] = {}
    for place, facts, outcome in zip(places, read, pinned, strict=True):
        if isinstance(outcome, str):
            errors.append(InputProblem(facts.doc.path, f"cannot pin to a revision: {outcome}"))
        else:
            found[place] = outcome
    return found


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _FileWork(NamedTuple):
    """One file, as sent to a worker process."""

    path: Path
    shown: str
    settings: Settings
    input_format: str | None
    audit: bool  # False: only read it (the archive phase comes first)
    keep: bool


_Checked = FileReport | InputProblem | Document


def _check_files(work: list[_FileWork], jobs: int, progress: ProgressFactory | None) -> list[_Checked]:
    done: list[_Checked] = []
    parallel = jobs > 1 and len(work) > 1
    with progress(len(work), "documents") if progress and len(work) > 1 else nullcontext() as tick:
        if not parallel:  # one document, or one job: no pool to start (nor its modules to import)
            for item in work:
                done.append(_check_file(item))
                if tick:
                    tick(1)
            return done
        from concurrent.futures.process import BrokenProcessPool

        from .workers import worker_pool

        try:
            with worker_pool(min(jobs, len(work))) as pool:
                # NOTE: not pool.map, which cancels its futures itself when the run stops: see worker_pool.
                for future in [pool.submit(_check_file, item) for item in work]:
                    done.append(future.result())
                    if tick:
                        tick(1)
        except BrokenProcessPool:  # a worker died (killed, out of memory): finish here what it left
            done.extend(_check_file(item) for item in work[len(done) :])
    return done


def _check_file(item: _FileWork) -> _Checked:
    read = partial(read_document, item.path, item.shown, item.settings.max_bytes, item.input_format)
    return _audit_one(read, item.shown, item.settings, item.keep) if item.audit else read_guarded(read, item.shown)


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


def _client(run: RunOptions, made: list[HttpClient]) -> HttpClient:
    """The run's one HTTP client, made on first use (``made`` holds it after)."""
    if not made:
        made.append(run.http_client())
    return made[0]


def _read_stdin(options: CheckOptions, max_bytes: int) -> Document:
    """The standard input as a document, named and told apart by ``stdin_filename`` or ``input_format``."""
    shown = options.stdin_filename or "-"
    data = options.stdin or b""
    if len(data) > max_bytes:
        raise InputError(shown, f"input is over the {max_bytes / 2**20:.0f} MiB limit (raise it with --max-size)")
    return read_text(Path(shown), shown, decode(data, shown), options.input_format)


def _fetch(client: HttpClient, spec: ArticleSpec, options: FetchOptions) -> Document:
    from .archive.http import NetworkError
    from .archive.mediawiki import ArticleError, fetch_revision
    from .readers import read_wikitext

    try:
        found = fetch_revision(client, spec, options.revision, options.as_of, options.api_url)
    except NetworkError as error:
        raise InputError(spec.shown, f"cannot fetch the article: {error}") from None
    except ArticleError as error:
        raise InputError(spec.shown, str(error)) from None
    provenance = Provenance.of_revision(found.site, found.revision, found.timestamp)
    shown = ArticleSpec(found.site, found.title).shown
    return read_wikitext(shown, found.wikitext, title=found.title, provenance=provenance)
