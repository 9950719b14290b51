"""The rule registry: every rule, in one explicit tuple."""

from __future__ import annotations

from . import (
    archive_mismatch,
    archive_missing,
    backlink_mismatch,
    chronology_order,
    citation_needed,
    conflicting_figures,
    conflicting_reference,
    contradictory_dates,
    dangling_citation,
    disputed_figure,
    duration_mismatch,
    empty_footnote,
    figure_sum_mismatch,
    invalid_date,
    inverted_range,
    source_predates_claim,
    unclosed_reference,
    unreachable_source,
    unsourced_claim,
    unused_reference,
)
from .base import Hit, Rule

RULES: tuple[Rule, ...] = tuple(
    Rule.from_module(module)
    for module in (
        empty_footnote,
        dangling_citation,
        unused_reference,
        backlink_mismatch,
        unsourced_claim,
        citation_needed,
        conflicting_reference,
        unclosed_reference,
        figure_sum_mismatch,
        conflicting_figures,
        disputed_figure,
        inverted_range,
        contradictory_dates,
        duration_mismatch,
        source_predates_claim,
        invalid_date,
        chronology_order,
        archive_missing,
        archive_mismatch,
        unreachable_source,
    )
)

__all__ = ["RULES", "Hit", "Rule"]
