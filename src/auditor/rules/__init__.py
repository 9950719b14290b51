"""The rule registry: every rule, in one explicit tuple, in the order reports list them.

Each rule's identity and documentation are read from its module's source
(``Rule.declared_in``), so the registry imports no rule's implementation:
``auditor rules``, ``auditor explain`` and SARIF's rule metadata import no
rule; a rule's module is imported when its options or its check are first
needed.
"""

from __future__ import annotations

from .base import Hit, NoOptions, Rule

_MODULES = (
    "empty_footnote",
    "dangling_citation",
    "unused_reference",
    "backlink_mismatch",
    "unsourced_claim",
    "citation_needed",
    "conflicting_reference",
    "unclosed_reference",
    "figure_sum_mismatch",
    "conflicting_figures",
    "disputed_figure",
    "inverted_range",
    "contradictory_dates",
    "duration_mismatch",
    "source_predates_claim",
    "invalid_date",
    "chronology_order",
    "archive_missing",
    "archive_mismatch",
    "unreachable_source",
    "invalid_identifier",
    "bare_url",
    "placeholder_title",
    "archive_without_original",
    "malformed_archive_link",
    "circular_source",
    "unreliable_source",
    "copy_altered_figure",
    "copy_altered_date",
    "figure_not_in_source",
    "date_not_in_source",
    "source_unreadable",
)

RULES: tuple[Rule, ...] = tuple(Rule.declared_in(f"{__name__}.{module}") for module in _MODULES)

__all__ = ["RULES", "Hit", "NoOptions", "Rule"]
