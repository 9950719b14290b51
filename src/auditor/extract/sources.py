"""Cited sources and what the archive says of them: the facts archive rules read.

``cited_sources`` is pure: it lists, for each reference with a web address,
the address, its canonical key, the date it was cited, and any archive link the
citation already gives. The archive phase (``archive.gather``) looks them up
and returns ``ArchiveFacts``, which reach the rules with the document's other
facts; rules never ask the network themselves. ``original_of``, pure too, tells
the article a copy was made from, for recovery and for the report's origin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..document import Document, Reference
from ..urls import ArchiveLink, clean, parse_archive_link

if TYPE_CHECKING:
    from .dates import Dates, ReferenceDates


class Status(StrEnum):
    ARCHIVED = "archived"  # a usable capture exists
    MISSING = "missing"  # the archive answered, and has no usable capture
    UNVERIFIED = "unverified"  # the archive could not be asked, or gave no readable answer


@dataclass(frozen=True, slots=True)
class CitedSource:
    """A URL a reference cites, with the key it is looked up by in the archive."""

    reference: str  # the reference's key
    url: str  # as cited
    key: str  # canonical: one lookup per key
    query_url: str  # what the archive is asked for
    cited_on: date | None  # when it was cited: access date, else publication date
    cited_basis: str  # "access-date", "date" or "unknown"
    archive_link: ArchiveLink | None = None  # the archive link the citation gives, taken apart
    archive_url: str | None = None
    archive_date: date | None = None

    @property
    def cited_moment(self) -> datetime | None:
        return None if self.cited_on is None else datetime.combine(self.cited_on, time(23, 59, 59), UTC)


@dataclass(frozen=True, slots=True)
class CaptureFact:
    """One capture of a URL in the archive."""

    timestamp: str
    original: str
    status: str | None  # HTTP status of the capture; None for a revisit
    replay_url: str


@dataclass(frozen=True, slots=True)
class SourceLookup:
    """What the archive said about one canonical URL."""

    key: str
    url: str
    status: Status
    capture: CaptureFact | None = None  # the chosen one
    direction: str | None = None  # "before" or "after" the date it was cited
    days: int | None = None
    reason: str | None = None  # for missing and unverified, in words
    from_cache: bool = False
    nearby: tuple[CaptureFact, ...] = ()  # captures around the date asked, for checking given archive links


@dataclass(frozen=True, slots=True)
class LiveCheck:
    """What asking a cited URL itself answered (with --check-live)."""

    key: str
    url: str
    ok: bool
    detail: str  # "HTTP 404", "cannot connect (connection refused)", "refused: private address 10.0.0.1"
    refused: bool = False  # not requested: the address policy forbids its address (not its scheme)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A capture that may be the source a reference names but no longer links: a guess with a score."""

    url: str
    capture: CaptureFact
    score: float  # share of the title's words the URL's path holds, 0 to 1


@dataclass(frozen=True, slots=True)
class RecoveredReference:
    """The text of a footnote the copy lost, read from an archived capture of the original."""

    key: str  # the copy's footnote
    text: str  # what the original says
    url: str | None
    capture: CaptureFact  # the capture of the original it was read from

    @property
    def source_key(self) -> str | None:
        """The canonical key of the source the recovered footnote links to, if it links to one."""
        cleaned = clean(self.url) if self.url else None
        return cleaned.key if cleaned else None


@dataclass(frozen=True, slots=True)
class OriginalCopy:
    """The page a copy was made from, as recognised from its title and licence."""

    url: str
    as_of: date | None
    as_of_basis: str
    capture: CaptureFact | None = None
    reason: str | None = None  # why no capture could be read, when none could
    as_of_is_lower_bound: bool = False  # the copy was made on or after ``as_of``, not on it


@dataclass(frozen=True, slots=True)
class SourceText:
    """The main text of a cited source's capture, as the archive phase read it once."""

    capture: str  # the capture's address
    text: str | None  # the main text, paragraphs on lines of their own; None when it has no usable text
    reason: str | None = None  # why there is none: "a PDF", "12 words of main text (a paywall, a script-only page?)"
    from_cache: bool = False


@dataclass(frozen=True)
class ArchiveFacts:
    """What the archive said about a document's cited sources."""

    sources: tuple[CitedSource, ...] = ()
    lookups: Mapping[str, SourceLookup] = field(default_factory=dict)  # by canonical key
    live: Mapping[str, LiveCheck] = field(default_factory=dict)  # by canonical key, with --check-live
    candidates: Mapping[str, tuple[Candidate, ...]] = field(default_factory=dict)  # by reference key
    original: OriginalCopy | None = None
    recovered: tuple[RecoveredReference, ...] = ()
    saved: Mapping[str, str] = field(default_factory=dict)  # key -> new capture, with --save-missing
    texts: Mapping[str, SourceText] = field(default_factory=dict)  # by canonical key: captures' main texts

    def cited_lookups(self) -> list[SourceLookup]:
        """The lookup of each cited source, once per citing reference, as the counts a reader sees."""
        return [self.lookups[s.key] for s in self.sources if s.key in self.lookups]


def cited_sources(doc: Document, dates: Mapping[str, ReferenceDates]) -> list[CitedSource]:
    """Every reference that gives a web address, with the date it was cited (from ``dates``, the
    document's reference dates by key) and its archive link."""
    found: list[CitedSource] = []
    for reference in doc.references:
        fields = reference.fields
        if not fields.url:
            continue
        cleaned = clean(fields.url)
        if cleaned is None:
            continue
        cited_on, basis = _cited_on(dates, reference)
        archived = dates.get(reference.key)
        found.append(
            CitedSource(
                reference=reference.key,
                url=fields.url,
                key=cleaned.key,
                query_url=cleaned.url,
                cited_on=cited_on,
                cited_basis=basis,
                archive_link=parse_archive_link(fields.archive_url) if fields.archive_url else None,
                archive_url=fields.archive_url,
                archive_date=archived.archived.first if archived and archived.archived else None,
            )
        )
    return found


def _cited_on(dates: Mapping[str, ReferenceDates], reference: Reference) -> tuple[date | None, str]:
    found = dates.get(reference.key)
    if found and found.accessed and not found.accessed.problem:
        return found.accessed.first, "access-date"
    if found and found.published and not found.published.problem:
        return found.published.first, "date"
    return None, "unknown"


def copied_from(doc: Document) -> str | None:
    """The address of the Wikipedia article a copy was made from; None for anything but a copy."""
    if doc.format not in ("mirror", "markdown") or not doc.title:
        return None
    provenance = doc.provenance
    if provenance.source_url and "wikipedia.org/wiki/" in provenance.source_url:
        return provenance.source_url
    if provenance.licence == "CC BY-SA":
        return "https://en.wikipedia.org/wiki/" + quote(doc.title.strip().replace(" ", "_"), safe="_(),'-")
    return None


def original_of(doc: Document, dates: Dates) -> OriginalCopy | None:
    """The Wikipedia article a copy was made from, and its as-of date; None for anything but a copy."""
    url = copied_from(doc)
    if url is None:
        return None
    as_of = dates.as_of
    if as_of is not None:
        day, duration = as_of
        start = f" from {duration.measures.first.isoformat()}" if duration.measures else ""
        stated = duration.text.strip("()")
        return OriginalCopy(url, day, f"the ongoing range{start} and its stated duration, {stated}")
    latest = max((m.last for m in dates.mentions if not m.problem), default=None)
    if latest is None:
        return OriginalCopy(url, None, "unknown")
    return OriginalCopy(url, latest, "the latest date its text gives, a lower bound", as_of_is_lower_bound=True)
