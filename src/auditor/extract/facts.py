"""What rules read besides the document: the facts computed from it, once.

The engine makes one ``Facts`` per document and hands the same object to every
rule; the archive phase and the reports read it too. Each fact is computed on
first use and kept, so no fact is computed twice and one that no selected rule
asks for costs nothing. The archive's answers join later (``with_archive``)
without losing what was computed before them.
"""

from __future__ import annotations

import copy
from functools import cached_property
from typing import TYPE_CHECKING

from ..document import Document, Sentence
from .claims import uncovered_sentences
from .sources import ArchiveFacts, CitedSource, cited_sources

if TYPE_CHECKING:
    from .dates import Dates
    from .figures import Figures


class Facts:
    def __init__(self, doc: Document, archive: ArchiveFacts | None = None) -> None:
        self.doc = doc
        self.archive = archive  # what the archive said of the cited sources, when it was asked

    # NOTE: the extractors import python-dateutil and their vocabularies, a large share of start-up:
    # imported on first use, a run whose rules read neither pays for neither.
    @cached_property
    def dates(self) -> Dates:
        """Every date resolved in context, durations and reference dates."""
        from .dates import extract_dates

        return extract_dates(self.doc)

    @cached_property
    def figures(self) -> Figures:
        """Casualty figures and the totals they add up to."""
        from .figures import extract_figures

        return extract_figures(self.doc)

    @cached_property
    def sources(self) -> tuple[CitedSource, ...]:
        """Every reference that gives a web address: what the archive is asked about."""
        return tuple(cited_sources(self.doc, self.dates))

    @cached_property
    def uncovered(self) -> tuple[Sentence, ...]:
        """Claim sentences that no citation covers."""
        return tuple(uncovered_sentences(self.doc))

    def with_archive(self, archive: ArchiveFacts | None) -> Facts:
        """These facts, and what the archive said; the facts computed so far come along."""
        joined = copy.copy(self)
        joined.archive = archive
        return joined
