"""What rules read besides the document: the facts computed from it, once.

Each document gets one ``Facts``, which the archive phase reads when it runs
and the engine then hands, the same object, to every rule; the reports read it
too. Each fact is computed on first use and kept, so no fact is computed twice
and one that no selected rule asks for is never computed. The archive's answers
join later (``with_archive``), as does the revision a copy was pinned to
(``with_origin``), without losing what was computed before them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cached_property

from ..document import Document
from .claims import Coverage, Uncited, coverage, uncited
from .dates import Dates, ReferenceDates
from .figures import Figures, extract_figures
from .origin import PinnedRevision
from .sources import ArchiveFacts, CitedSource, cited_sources
from .support import Support, checkable_references, support_of
from .timeline import extract_dates, reference_dates


class Facts:
    def __init__(
        self, doc: Document, archive: ArchiveFacts | None = None, origin: PinnedRevision | None = None
    ) -> None:
        self.doc = doc
        self.archive = archive  # what the archive said of the cited sources, when it was asked
        self.origin = origin  # the wiki revision a copy was pinned to, and what the copy changed, when asked

    @cached_property
    def dates(self) -> Dates:
        """Every date resolved in context, durations and reference dates."""
        return extract_dates(self.doc, self.reference_dates)

    @cached_property
    def reference_dates(self) -> Mapping[str, ReferenceDates]:
        """Each dated reference's dates, by key (the same as ``dates.references``), without the text's."""
        return reference_dates(self.doc)

    @cached_property
    def figures(self) -> Figures:
        """Casualty figures and the totals they add up to."""
        return extract_figures(self.doc)

    @cached_property
    def sources(self) -> tuple[CitedSource, ...]:
        """Every reference that gives a web address: what the archive is asked about."""
        return tuple(cited_sources(self.doc, self.reference_dates))

    @cached_property
    def checkable(self) -> frozenset[str]:
        """The references a claim stating a figure or a date cites: the sources whose text is worth reading."""
        return frozenset(checkable_references(self.doc, self.dates))

    @cached_property
    def uncited(self) -> Uncited:
        """Which claim sentences no citation covers: what the summary counts, without the claims' cues."""
        return uncited(self.doc)

    @cached_property
    def coverage(self) -> Coverage:
        """Which claim sentences no citation covers, and the checkable claims among them."""
        return coverage(self.doc, self.uncited)

    @cached_property
    def support(self) -> Support:
        """Each claim compared with the main text of every source it cites that the archive phase read."""
        if self.archive is None or not self.archive.texts:
            return Support((), {})
        keys = {source.reference: source.key for source in self.sources}
        keys.update({r.key: r.source_key for r in self.archive.recovered if r.source_key})
        return support_of(self.doc, self.dates, dict(self.archive.texts), keys)

    def with_archive(self, archive: ArchiveFacts | None) -> Facts:
        """These facts, and what the archive said; the facts computed so far come along, but for those
        computed from the archive's answers."""
        joined = copy.copy(self)
        joined.__dict__.pop("support", None)
        joined.archive = archive
        return joined

    def with_origin(self, origin: PinnedRevision | None) -> Facts:
        """These facts, and the revision the document was pinned to; the facts computed so far come along."""
        joined = copy.copy(self)
        joined.origin = origin
        return joined
