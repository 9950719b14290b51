"""The Python API under the CLI: audit paths and live articles, and return one Report."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .archive.articles import ArticleSpec, parse_article_spec
from .config import Settings, load_settings
from .document import Document, Provenance
from .engine import audit
from .errors import InputError
from .readers import discover, read_document
from .report import FileReport, InputProblem, Report, Summary

if TYPE_CHECKING:
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
) -> Report:
    """Audit every readable file under ``paths`` and every article they name (``en:Title`` or a URL);
    one that fails never stops the others. ``input_format`` names the reader for every file.

    Files are read and audited by ``jobs`` worker processes (default: one per core), results kept in
    input order; articles are fetched here, through the one HTTP client and its cache.
    """
    settings = settings or load_settings()
    fetch = fetch or FetchOptions()
    client: HttpClient | None = None  # made on the first article: local files need no network code
    errors: list[InputProblem] = []
    skipped: list[str] = []
    outcomes: list[FileReport | InputProblem | None] = []
    local: list[tuple[int, Path, str]] = []  # (place in outcomes, path, how to show it)
    for raw in paths:
        spec = parse_article_spec(raw)
        if spec is not None:
            client = client or _client(fetch)
            outcomes.append(_audit_one(partial(_fetch, client, spec, fetch), spec.shown, settings))
            continue
        found = discover([raw])
        errors.extend(InputProblem(e.path, e.message) for e in found.errors)
        skipped.extend(found.skipped)
        for path, shown in found.files:
            local.append((len(outcomes), path, shown))
            outcomes.append(None)
    work = [(path, shown, settings, input_format) for _, path, shown in local]
    for (place, _, _), outcome in zip(local, _check_files(work, jobs or available_cores()), strict=True):
        outcomes[place] = outcome
    files = [outcome for outcome in outcomes if isinstance(outcome, FileReport)]
    errors.extend(outcome for outcome in outcomes if isinstance(outcome, InputProblem))
    if not outcomes and not errors:
        errors.append(InputProblem(", ".join(paths), "no readable documents found"))
    return Report(tuple(files), tuple(errors), tuple(skipped))


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_FileWork = tuple[Path, str, Settings, str | None]


def _check_files(work: list[_FileWork], jobs: int) -> list[FileReport | InputProblem]:
    if jobs < 2 or len(work) < 2:
        return [_check_file(item) for item in work]
    done: list[FileReport | InputProblem] = []
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            done.extend(pool.map(_check_file, work))
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish here what it left
        done.extend(_check_file(item) for item in work[len(done) :])
    return done


def _check_file(item: _FileWork) -> FileReport | InputProblem:
    path, shown, settings, input_format = item
    return _audit_one(partial(read_document, path, shown, settings.max_bytes, input_format), shown, settings)


def _audit_one(read: Callable[[], Document], shown: str, settings: Settings) -> FileReport | InputProblem:
    """Read and audit one document; what went wrong, as one line, when that fails."""
    try:
        doc = read()
        findings = audit(doc, settings.rules)
    except InputError as error:
        return InputProblem(error.path, error.message)
    except RecursionError:
        return InputProblem(shown, "document is nested too deeply to read")
    except Exception as error:  # noqa: BLE001 - one bad document must not lose the others
        return InputProblem(shown, f"internal error while checking: {type(error).__name__}: {error}")
    return FileReport(
        path=doc.path,
        format=doc.format,
        title=doc.title,
        provenance=doc.provenance,
        notes=doc.notes,
        summary=Summary.of(doc, findings),
        findings=findings,
    )


def _client(options: FetchOptions) -> HttpClient:
    from .archive.http import HttpClient, HttpSettings

    return HttpClient(HttpSettings(cache_dir=options.cache_dir, offline=options.offline))


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
    provenance = Provenance(
        source_url=found.permalink,
        retrieved=found.timestamp,
        publisher=found.site,
        licence="CC BY-SA" if found.site.endswith("wikipedia.org") else None,
        revision=found.revision,
    )
    shown = ArticleSpec(found.site, found.title).shown
    return read_wikitext(shown, found.wikitext, title=found.title, provenance=provenance)
