"""The Python API under the CLI: audit paths and live articles, and return one Report."""

from __future__ import annotations

from collections.abc import Callable
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
) -> Report:
    """Audit every readable file under ``paths`` and every article they name (``en:Title`` or a URL);
    one that fails never stops the others. ``input_format`` names the reader for every file."""
    settings = settings or load_settings()
    fetch = fetch or FetchOptions()
    client: HttpClient | None = None  # made on the first article: local files need no network code
    errors: list[InputProblem] = []
    files: list[FileReport] = []
    skipped: list[str] = []
    found_any = False
    for raw in paths:
        spec = parse_article_spec(raw)
        if spec is not None:
            found_any = True
            client = client or _client(fetch)
            outcome = _audit_one(partial(_fetch, client, spec, fetch), spec.shown, settings)
            _collect(outcome, files, errors)
            continue
        found = discover([raw])
        errors.extend(InputProblem(e.path, e.message) for e in found.errors)
        skipped.extend(found.skipped)
        for path, shown in found.files:
            found_any = True
            read = partial(read_document, path, shown, settings.max_bytes, input_format)
            outcome = _audit_one(read, shown, settings)
            _collect(outcome, files, errors)
    if not found_any and not errors:
        errors.append(InputProblem(", ".join(paths), "no readable documents found"))
    return Report(tuple(files), tuple(errors), tuple(skipped))


def _collect(outcome: FileReport | InputProblem, files: list[FileReport], errors: list[InputProblem]) -> None:
    if isinstance(outcome, FileReport):
        files.append(outcome)
    else:
        errors.append(outcome)


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
