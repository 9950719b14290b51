"""The archive phase: look up every cited source of every document once, before the rules run.

URLs are de-duplicated across all the documents of a run by canonical key, so
a source cited ten times, in one file or in ten, costs one lookup. What the
archive said becomes each document's ``ArchiveFacts``; nothing here decides
what is a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from ..document import Document
from ..sources import ArchiveFacts, CitedSource, SourceLookup, cited_sources
from .http import HttpClient
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


def planned_lookups(docs: list[Document]) -> int:
    """How many lookups the phase will make: one per canonical URL across ``docs``."""
    return len({source.key for doc in docs for source in cited_sources(doc)})


def gather(
    docs: list[Document],
    client: HttpClient,
    options: ArchiveOptions,
    today: date,
    progress: Progress | None = None,
) -> Outcome:
    wayback = Wayback(client, options.settings)
    all_facts: list[ArchiveFacts] = []
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
        all_facts.append(ArchiveFacts(sources=tuple(sources), lookups=lookups))
    return Outcome(all_facts, wayback.counts)


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
