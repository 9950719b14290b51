"""The archive phase: look up every cited source of every document once, before the rules run.

URLs are de-duplicated across all the documents of a run by canonical key, so
a source cited ten times, in one file or in ten, costs one lookup. What the
archive said becomes each document's ``ArchiveFacts``; nothing here decides
what is a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time

from ..document import Document
from ..sources import ArchiveFacts, CitedSource, LiveCheck, RecoveredReference, SourceLookup, Status, cited_sources
from .http import HttpClient
from .live import check_live
from .recover import candidates_for, original_of, recover_lost
from .save import Saver
from .settings import ArchiveSettings
from .urls import parse_timestamp
from .wayback import Wayback

Progress = Callable[[int], None]  # called with the number of lookups just finished


@dataclass(frozen=True, slots=True)
class ArchiveOptions:
    settings: ArchiveSettings = field(default_factory=ArchiveSettings)
    check_live: bool = False  # also request each cited URL as it is now
    save_missing: bool = False  # ask the archive to capture what it lacks (Save Page Now)
    recover: bool = True  # look for the sources a copy lost


@dataclass
class Outcome:
    facts: list[ArchiveFacts]
    counts: Counter[str]  # lookups: "cached", "fetched", "failed"


def planned_lookups(docs: list[Document], options: ArchiveOptions) -> int:
    """How many lookups the phase will make: one per canonical URL across ``docs``, and the searches for
    what copies lost."""
    planned = len({source.key for doc in docs for source in cited_sources(doc)})
    if options.recover:
        planned += sum(len(_searches(doc)) for doc in docs)
    return planned


def gather(
    docs: list[Document],
    client: HttpClient,
    options: ArchiveOptions,
    today: date,
    progress: Progress | None = None,
) -> Outcome:
    wayback = Wayback(client, options.settings)
    all_facts: list[ArchiveFacts] = []
    live: dict[str, LiveCheck] = {}  # by canonical key, across documents
    saved: dict[str, str] = {}
    saver: Saver | None = None
    for doc in docs:
        sources = cited_sources(doc)
        fallback = _document_date(doc) or today
        lookups: dict[str, SourceLookup] = {}
        for source in sources:
            if source.key in lookups:
                continue
            fresh = source.key not in wayback.known
            around, cited = _anchors(source, fallback)
            lookups[source.key] = wayback.lookup(source.key, source.query_url, around, cited)
            if fresh and progress:
                progress(1)
        facts = ArchiveFacts(sources=tuple(sources), lookups=lookups)
        if options.check_live:
            for key, lookup in lookups.items():
                if key not in live:
                    live[key] = check_live(client, key, lookup.url)
            facts = replace(facts, live={key: live[key] for key in lookups})
        if options.save_missing:
            saver = saver or Saver(client, options.settings)
            facts = replace(facts, saved=_save_missing(saver, lookups, saved))
        if options.recover:
            facts = _recover(doc, facts, wayback, client, today, progress)
        all_facts.append(facts)
    return Outcome(all_facts, wayback.counts)


def _save_missing(saver: Saver, lookups: dict[str, SourceLookup], saved: dict[str, str]) -> dict[str, str]:
    """Captures made now of this document's missing sources (each asked for once in a run)."""
    for key, lookup in lookups.items():
        if lookup.status is Status.MISSING and key not in saved:
            capture, _ = saver.save(lookup.url)
            if capture:
                saved[key] = capture
    return {key: saved[key] for key in lookups if key in saved}


def _searches(doc: Document) -> list[str]:
    """The recovery searches a document needs: its original, when it is a copy that lost footnotes."""
    needed = ["original"] if original_of(doc) is not None and any(r.empty for r in doc.references) else []
    return needed + [r.key for r in doc.references if not r.empty and not r.fields.url and r.fields.publisher]


def _recover(
    doc: Document, facts: ArchiveFacts, wayback: Wayback, client: HttpClient, today: date, progress: Progress | None
) -> ArchiveFacts:
    original = original_of(doc)
    recovered: tuple[RecoveredReference, ...] = ()
    if original is not None and any(r.empty for r in doc.references):
        original, recovered = recover_lost(doc, original, wayback, client, today)
    candidates = candidates_for(doc, wayback, client)
    if progress:
        progress(len(_searches(doc)))
    return replace(facts, original=original, recovered=recovered, candidates=candidates)


def _anchors(source: CitedSource, fallback: date) -> tuple[datetime, datetime]:
    """The moment to ask the archive about, and the moment the source was cited.

    A citation that gives an archive link is asked about near that link's date, so the answer shows
    whether the link is a good capture; the choice of capture still turns on the citation date.
    """
    cited = source.cited_moment or datetime.combine(fallback, time(23, 59, 59), UTC)
    linked = parse_timestamp(source.archive_link.timestamp) if source.archive_link else None
    return linked or cited, cited


def _document_date(doc: Document) -> date | None:
    """When the document was current: a fetched revision's date, or the as-of date its text implies."""
    retrieved = doc.provenance.retrieved
    if retrieved:
        try:
            return datetime.fromisoformat(retrieved.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    as_of = doc.dates.as_of
    return as_of[0] if as_of else None
