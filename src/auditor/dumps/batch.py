"""The unit of work: a batch of consecutive pages, audited by one function wherever it runs (this
process, a worker process, a Dask worker), with a result small enough to send back."""

from __future__ import annotations

import gc
import json
from dataclasses import dataclass
from functools import cache, partial

from ..api import audit_document, read_guarded
from ..config import Settings
from ..document import Document, Provenance
from ..errors import InputError
from ..report import FileReport, InputProblem
from ..reporters.json_format import finding
from .pages import Page


@dataclass(frozen=True, slots=True)
class Batch:
    pages: tuple[Page, ...]
    end: int  # the ordinal after the last page read for it, audited or skipped: where a resume starts
    problems: tuple[InputError, ...] = ()  # what could not be read, after the pages (a dump that broke off)


@dataclass(frozen=True, slots=True)
class PageResult:
    ordinal: int
    title: str
    text_bytes: int
    claims: int = 0
    cited_claims: int = 0
    references: int = 0
    empty_references: int = 0
    findings_by_rule: tuple[tuple[str, int], ...] = ()
    lines: tuple[str, ...] = ()  # one JSON object per finding, as written to findings.jsonl
    error: str | None = None  # why the page could not be audited


def audit_batch(batch: Batch, settings: Settings) -> list[PageResult]:
    """Read and audit every page of ``batch``, in order; a page that fails is a result with its error."""
    _freeze_once()
    return [audit_page(page, settings) for page in batch.pages]


@cache
def _freeze_once() -> None:
    """Leave the objects the process holds before its first batch (its imports: a Dask worker's are many)
    out of every later garbage collection. Parsing makes enough garbage to run full collections often,
    and each would walk them all: a Dask worker took 2.8 s for a batch it now audits in 2.4 s."""
    gc.freeze()


def audit_page(page: Page, settings: Settings) -> PageResult:
    doc = read_limited(page, settings)
    return page_result(page, doc if isinstance(doc, InputProblem) else audit_document(doc, settings))


def read_limited(page: Page, settings: Settings) -> Document | InputProblem:
    """The page as a document, unless it is over the size limit or cannot be read."""
    if page.size > settings.max_bytes:
        limit = f"{settings.max_bytes / 2**20:.0f} MiB"
        return InputProblem(
            page.title, f"page is {page.size / 2**20:.1f} MiB, over the {limit} limit (raise it with --max-size)"
        )
    return read_guarded(partial(read_page, page), page.title)


def read_page(page: Page) -> Document:
    from ..readers.wikitext import read_wikitext

    return read_wikitext(page.title, page.text, title=page.title, provenance=provenance(page))


def page_result(page: Page, audited: FileReport | InputProblem) -> PageResult:
    size = page.size
    if isinstance(audited, InputProblem):
        return PageResult(page.ordinal, page.title, size, error=audited.message)
    summary = audited.summary
    where = {
        "page_id": page.page_id,
        "title": page.title,
        "namespace": page.namespace,
        "revision_id": page.revision_id,
        "revision_timestamp": page.timestamp,
    }
    lines = tuple(json.dumps({**where, **_without_path(finding(f))}, ensure_ascii=False) for f in audited.findings)
    return PageResult(
        ordinal=page.ordinal,
        title=page.title,
        text_bytes=size,
        claims=summary.claims,
        cited_claims=summary.cited_claims,
        references=summary.references,
        empty_references=summary.empty_references,
        findings_by_rule=tuple(summary.findings_by_rule.items()),
        lines=lines,
    )


def provenance(page: Page) -> Provenance:
    """Where the page's text came from: its revision's permanent link, when the dump names its wiki."""
    wikipedia = bool(page.host and page.host.endswith("wikipedia.org"))
    return Provenance(
        source_url=f"https://{page.host}/w/index.php?oldid={page.revision_id}"
        if page.host and page.revision_id
        else None,
        retrieved=page.timestamp,
        publisher=page.host,
        licence="CC BY-SA" if wikipedia else None,
        revision=page.revision_id,
    )


def _without_path(shown: dict[str, object]) -> dict[str, object]:
    shown.pop("path")  # the page's title says it
    return shown
