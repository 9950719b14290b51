"""The archive phase: look up every cited source of every document once, before the rules run.

URLs are de-duplicated across all the documents of a run by canonical key, so
a source cited ten times, in one file or in ten, costs one lookup. What the
archive said becomes each document's ``ArchiveFacts``; nothing here decides
what is a finding. A captured page is read by the reader the caller gives:
this package fetches, readers read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import NamedTuple

from ..extract.facts import Facts
from ..extract.sources import (
    ArchiveFacts,
    CaptureFact,
    CitedSource,
    LiveCheck,
    OriginalCopy,
    SourceLookup,
    SourceText,
    Status,
    original_of,
)
from ..urls import clean, parse_timestamp
from .http import HttpClient
from .live import check_live
from .maintext import TextStore, read_main_text
from .recover import ReadPage, Search, candidates, recover_lost, searches_for
from .save import Saver
from .settings import ArchiveSettings
from .wayback import Wayback

Progress = Callable[[int], None]  # called with the number of lookups just finished
# Given how many steps are to come and what they are, a context that yields a Progress (a bar), or None.
ProgressFactory = Callable[[int, str], AbstractContextManager[Progress | None]]


@dataclass(frozen=True, slots=True)
class ArchiveOptions:
    settings: ArchiveSettings = field(default_factory=ArchiveSettings)
    check_live: bool = False  # also request each cited URL as it is now
    save_missing: bool = False  # ask the archive to capture what it lacks (Save Page Now)
    recover: bool = True  # look for the sources a copy lost
    read_texts: bool = True  # read the main text of the captures of sources a claim's figures or dates cite


@dataclass
class Outcome:
    facts: list[ArchiveFacts]
    counts: Counter[str]  # lookups: "cached", "fetched", "failed"


def gather(
    documents: list[Facts],
    client: HttpClient,
    options: ArchiveOptions,
    today: date,
    read_page: ReadPage,
    progress: ProgressFactory | None = None,
) -> Outcome:
    """Each document's archive facts, in order, and the run's lookup counts; ``progress`` is given the
    number of lookups to come, and counts them off."""
    phase = Phase.start(client, options, today, read_page)
    plans = [phase.plan(facts) for facts in documents]
    total = len({source.key for plan in plans for source in plan.sources})
    total += sum((plan.original is not None) + len(plan.searches) for plan in plans)
    with progress(total, "archive lookups") if progress else nullcontext() as tick:
        phase.tick = tick
        facts = [phase.facts(plan) for plan in plans]
    return Outcome(facts, phase.wayback.counts)


class _Plan(NamedTuple):
    facts: Facts
    sources: tuple[CitedSource, ...]
    original: OriginalCopy | None  # the original of a copy that lost footnotes, to recover them from
    searches: list[Search]  # references named without a link, to find candidates for


@dataclass
class Phase:
    """What the phase shares across documents: one lookup, live check and save per canonical URL. A run
    whose documents come in batches (a dump's pages) keeps one for all of them."""

    wayback: Wayback
    options: ArchiveOptions
    today: date
    read_page: ReadPage
    tick: Progress | None = None
    live: dict[str, LiveCheck] = field(default_factory=dict)
    saved: dict[str, str] = field(default_factory=dict)
    saver: Saver | None = None
    unfetched: set[str] = field(default_factory=set)  # captures whose page could not be fetched in this run
    store: TextStore | None = None  # the captures' main texts, once one is asked for

    @classmethod
    def start(cls, client: HttpClient, options: ArchiveOptions, today: date, read_page: ReadPage) -> Phase:
        return cls(Wayback(client, options.settings), options, today, read_page)

    def facts_of(self, documents: list[Facts]) -> list[ArchiveFacts]:
        """Each document's archive facts, in order."""
        return [self.facts(self.plan(facts)) for facts in documents]

    def plan(self, facts: Facts) -> _Plan:
        if not self.options.recover:
            return _Plan(facts, facts.sources, None, [])
        doc = facts.doc
        lost = any(r.empty for r in doc.references)
        searches = searches_for(doc, facts.dates) if self.options.settings.searches_sites else []
        return _Plan(facts, facts.sources, original_of(doc, facts.dates) if lost else None, searches)

    def facts(self, plan: _Plan) -> ArchiveFacts:
        fallback = _document_date(plan.facts) or self.today
        asked: dict[str, tuple[str, datetime, datetime]] = {}  # key -> url, around, cited: the first citation's
        for source in plan.sources:
            if source.key not in asked:
                asked[source.key] = (source.query_url, *_anchors(source, fallback))
        self.wayback.recall((key, *ask) for key, ask in asked.items())  # what was kept of them, in one query
        lookups: dict[str, SourceLookup] = {}
        for key, (url, around, cited) in asked.items():
            fresh = key not in self.wayback.known
            lookups[key] = self.wayback.lookup(key, url, around, cited)
            if fresh:
                self._done()
        facts = ArchiveFacts(sources=plan.sources, lookups=lookups)
        if self.options.check_live:
            for key, lookup in lookups.items():
                if key not in self.live:
                    self.live[key] = check_live(self.wayback.client, key, lookup.url)
            facts = replace(facts, live={key: self.live[key] for key in lookups})
        if self.options.save_missing:
            facts = replace(facts, saved=self._save_missing(lookups))
        if plan.original is not None:
            original, recovered = recover_lost(plan.facts.doc, plan.original, self.wayback, self.today, self.read_page)
            facts = replace(facts, original=original, recovered=recovered)
            self._done()
        found = {}
        for search in plan.searches:
            if ranked := candidates(search, self.wayback):
                found[search.reference] = ranked
            self._done()
        facts = replace(facts, candidates=found)
        if self.options.read_texts:
            facts = replace(facts, texts=self._texts(plan, facts, fallback))
        return facts

    def _texts(self, plan: _Plan, facts: ArchiveFacts, fallback: date) -> dict[str, SourceText]:
        """The main text of each capture of a source that a claim stating a figure or a date cites, by
        canonical key; a footnote recovered from the original is looked up in the archive first."""
        wanted = plan.facts.checkable
        captures: dict[str, CaptureFact] = {}
        for source in plan.sources:
            lookup = facts.lookups.get(source.key)
            if source.reference in wanted and lookup and lookup.capture and lookup.status is Status.ARCHIVED:
                captures[source.key] = lookup.capture
        when = datetime.combine(facts.original.as_of or fallback, time(23, 59, 59), UTC) if facts.original else None
        for recovered in facts.recovered:
            cleaned = clean(recovered.url) if recovered.url and recovered.key in wanted else None
            if cleaned is None or when is None or cleaned.key in captures:
                continue
            lookup = self.wayback.lookup(cleaned.key, cleaned.url, when, when)
            if lookup.capture and lookup.status is Status.ARCHIVED:
                captures[cleaned.key] = lookup.capture
        self.store = self.store or TextStore(self.wayback.client.cache_root)
        self.store.recall([capture.replay_url for capture in captures.values()])  # in one query
        texts: dict[str, SourceText] = {}
        for key, capture in captures.items():
            # A text read once is read again from the store, which keeps only the latest in memory: a dump's
            # run cites millions.
            unfetched = capture.replay_url in self.unfetched
            text = None if unfetched else read_main_text(self.wayback.client, self.store, capture)
            if text is None:
                self.unfetched.add(capture.replay_url)
            else:
                texts[key] = text
        return texts

    def _save_missing(self, lookups: dict[str, SourceLookup]) -> dict[str, str]:
        """Captures made now of missing sources, each asked for once in a run."""
        self.saver = self.saver or Saver(self.wayback.client, self.options.settings)
        for key, lookup in lookups.items():
            if lookup.status is Status.MISSING and key not in self.saved:
                capture, _ = self.saver.save(lookup.url)
                if capture:
                    self.saved[key] = capture
        return {key: self.saved[key] for key in lookups if key in self.saved}

    def _done(self) -> None:
        if self.tick:
            self.tick(1)


def _anchors(source: CitedSource, fallback: date) -> tuple[datetime, datetime]:
    """The moment to ask the archive about, and the moment the source was cited.

    A citation that gives an archive link is asked about near that link's date, so the answer shows
    whether the link is a good capture; the choice of capture still turns on the citation date.
    """
    cited = source.cited_moment or datetime.combine(fallback, time(23, 59, 59), UTC)
    linked = parse_timestamp(source.archive_link.timestamp) if source.archive_link else None
    return linked or cited, cited


def _document_date(facts: Facts) -> date | None:
    """When the document was current: a fetched revision's date, or the as-of date its text implies."""
    retrieved = facts.doc.provenance.retrieved
    if retrieved:
        try:
            return datetime.fromisoformat(retrieved.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    as_of = facts.dates.as_of
    return as_of[0] if as_of else None
