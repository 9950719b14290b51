"""The rule registry: every rule, in one explicit tuple."""

from __future__ import annotations

from . import (
    backlink_mismatch,
    citation_needed,
    conflicting_figures,
    dangling_citation,
    disputed_figure,
    empty_footnote,
    figure_sum_mismatch,
    inverted_range,
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
        figure_sum_mismatch,
        conflicting_figures,
        disputed_figure,
        inverted_range,
    )
)

__all__ = ["RULES", "Hit", "Rule"]
