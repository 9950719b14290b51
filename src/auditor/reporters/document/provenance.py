"""The provenance of a document's claims, as the report shows it: claim → citation → reference → capture.

Pure: computed from a document's facts, with what the archive said if it was
asked, so a report made without the network says "not looked up" rather than
guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ...document import Document, Sentence, Span
from ...extract.citing import cited_sentence
from ...extract.facts import Facts
from ...extract.mirrors import known_copies
from ...extract.sources import ArchiveFacts, CaptureFact, Status, original_of
from ...extract.support import Stated, Verdict
from ...report import empty_cited
from ...text import excerpt

CLAIM_CHARS = 240  # of a claim shown in a table row


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the document came from, as far as its text or its fetch can tell."""

    kind: str  # "copy" of a wiki article, "revision" fetched from a wiki, "page" with a known address
    url: str
    as_of: date | None = None
    as_of_basis: str | None = None
    licence: str | None = None
    publisher: str | None = None
    revision: int | None = None
    retrieved: str | None = None
    mirror: str | None = None  # the known copy of Wikipedia the document is, by name


@dataclass(frozen=True, slots=True)
class Row:
    """One citation of one claim, and how far its source can be followed."""

    claim: str  # the sentence the citation ends, folded and cut to CLAIM_CHARS
    line: int
    marker: str  # the citation's reference key
    title: str | None
    publisher: str | None
    date: str | None
    url: str | None
    text: str | None  # the reference's whole text, or what was recovered for an empty footnote
    capture: CaptureFact | None
    days: int | None  # between the citation's date and the capture's
    direction: str | None  # "before" or "after" that date
    status: str  # see ``STATUSES``
    supports: str = "not checked"  # whether the source's archived text gives what the claim states: ``SUPPORTS``
    support: tuple[Stated, ...] = ()  # each figure, date and party the claim states, found in the source or not


STATUSES = {
    "archived": "a readable capture exists",
    "missing": "the archive has no readable capture",
    "unverified": "the archive could not be asked",
    "not looked up": "the archive was not consulted",
    "no address": "the reference gives no web address to look up",
    "recovered": "an empty footnote whose text was recovered from the archived original",
    "empty": "an empty footnote: it names no source",
    "no reference": "the marker points to no reference",
}


SUPPORTS = {
    "found": "the archived source gives every figure and date the claim states",
    "not found": "the archived source lacks a figure or date the claim states",
    "unreadable": "the archived capture has no text to compare",
    "not checked": "no figure or date to compare, no capture read, or a source about something else",
}


@dataclass(frozen=True, slots=True)
class SectionClaims:
    title: str
    claims: int
    empty_cited: int  # claim sentences cited only to empty footnotes
    uncited: int  # claim sentences no citation covers


def origin(facts: Facts) -> Origin | None:
    """A copy's original (title and licence), else the address the document was fetched from; and the known
    copy of Wikipedia the document is, when its address, publisher, chrome or licence text names one."""
    provenance = facts.doc.provenance
    known = known_copies().document_copy(facts.doc)
    mirror = None if known is None else known.copy.name
    copy = original_of(facts.doc, facts.dates)
    if copy is not None:
        basis = copy.as_of_basis if copy.as_of else None
        return Origin("copy", copy.url, copy.as_of, basis, provenance.licence, provenance.publisher, mirror=mirror)
    if provenance.source_url:
        kind = "revision" if provenance.revision is not None else "page"
        return Origin(
            kind,
            provenance.source_url,
            licence=provenance.licence,
            publisher=provenance.publisher,
            revision=provenance.revision,
            retrieved=provenance.retrieved,
            mirror=mirror,
        )
    return None


def rows(facts: Facts) -> list[Row]:
    """One row per citation marker, in the order of the text."""
    doc = facts.doc
    references = doc.references_by_key
    archive = facts.archive
    sources = {source.reference: source for source in facts.sources}
    recovered = {r.key: r for r in archive.recovered} if archive else {}
    support = facts.support
    compared = {(c.reference, c.sentence.start): c for c in support.comparisons}
    found: list[Row] = []
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        claim = _claim(doc, sentence) if sentence else ""
        line = doc.line_col(sentence.span.start if sentence else marker.span.start)[0]
        reference = references.get(marker.key)
        if reference is None:
            found.append(Row(claim, line, marker.key, *(None,) * 8, "no reference"))
            continue
        fields = reference.fields
        text, capture, days, direction = reference.text or None, None, None, None
        if reference.empty:
            back = recovered.get(reference.key)
            status = "recovered" if back else "empty"
            if back:
                text, capture = back.text, back.capture
        elif (source := sources.get(reference.key)) is None:
            status = "no address"
        elif archive is None or source.key not in archive.lookups:
            status = "not looked up"
        else:
            lookup = archive.lookups[source.key]
            status, capture, days, direction = str(lookup.status), lookup.capture, lookup.days, lookup.direction
        cited = (fields.title, fields.publisher, fields.date, fields.url, text)
        row = Row(claim, line, marker.key, *cited, capture, days, direction, status)
        comparison = compared.get((marker.key, sentence.span.start)) if sentence else None
        if marker.key in support.unreadable:
            row = replace(row, supports=str(Verdict.UNREADABLE))
        elif comparison is not None:
            row = replace(row, supports=str(comparison.verdict), support=comparison.stated)
        found.append(row)
    return found


def section_claims(facts: Facts) -> list[SectionClaims]:
    """Claims, those cited only to empty footnotes and uncited claims per section, in the order of the text,
    sections without claims left out."""
    doc = facts.doc
    uncited = {s.span for s in facts.coverage.uncovered}
    hollow = empty_cited(facts)
    counts: dict[int, list[int]] = {}
    for sentence in doc.claim_sentences:
        section = doc.blocks[sentence.block].section
        tally = counts.setdefault(section, [0, 0, 0])
        tally[0] += 1
        tally[1] += sentence.span in hollow and sentence.span not in uncited
        tally[2] += sentence.span in uncited
    return [SectionClaims(doc.sections[i].title or "(lead)", *tally) for i, tally in sorted(counts.items())]


def archived_sources(archive: ArchiveFacts) -> int:
    """Cited web addresses with a readable capture, counted as the cited ones are."""
    return sum(1 for lookup in archive.cited_lookups() if lookup.status is Status.ARCHIVED)


def _claim(doc: Document, sentence: Sentence) -> str:
    text = excerpt(doc, Span(sentence.span.start, sentence.content_end))
    return text if len(text) <= CLAIM_CHARS else text[: CLAIM_CHARS - 1].rstrip() + "…"
