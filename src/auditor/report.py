"""The immutable result of a run, which every reporter renders."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import Provenance
from .findings import Finding
from .severity import Severity

if TYPE_CHECKING:
    from .baseline import Comparison
    from .extract.facts import Facts
    from .extract.sources import ArchiveFacts

SCHEMA_VERSION = "1.4"


@dataclass(frozen=True, slots=True)
class Summary:
    claims: int
    cited_claims: int
    references: int
    empty_references: int
    findings_by_rule: dict[str, int]

    @classmethod
    def of(cls, facts: Facts, findings: tuple[Finding, ...]) -> Summary:
        doc = facts.doc
        claims = len(doc.claim_sentences)
        return cls(
            claims=claims,
            cited_claims=claims - len(facts.coverage.uncovered),
            references=len(doc.references),
            empty_references=sum(1 for r in doc.references if r.empty),
            findings_by_rule=dict(sorted(Counter(f.rule for f in findings).items())),
        )

    @classmethod
    def total(cls, summaries: list[Summary]) -> Summary:
        by_rule: Counter[str] = Counter()
        for summary in summaries:
            by_rule.update(summary.findings_by_rule)
        return cls(
            claims=sum(s.claims for s in summaries),
            cited_claims=sum(s.cited_claims for s in summaries),
            references=sum(s.references for s in summaries),
            empty_references=sum(s.empty_references for s in summaries),
            findings_by_rule=dict(sorted(by_rule.items())),
        )


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    format: str
    title: str | None
    provenance: Provenance
    notes: tuple[str, ...]
    summary: Summary
    findings: tuple[Finding, ...]
    archive: ArchiveFacts | None = None  # with --archive: each cited source's capture, and what a copy lost
    facts: Facts | None = None  # the document and its facts, kept for the reports that show the text


@dataclass(frozen=True, slots=True)
class InputProblem:
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    files: tuple[FileReport, ...]
    errors: tuple[InputProblem, ...]
    skipped: tuple[str, ...] = ()
    lookups: dict[str, int] | None = None  # with --archive: lookups answered from the cache, fetched, failed
    comparison: Comparison | None = None  # with --baseline or --diff-base: which findings are new

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    @property
    def summary(self) -> Summary:
        return Summary.total([file.summary for file in self.files])

    def is_new(self, finding: Finding) -> bool:
        """Whether a finding counts against the change: every one does, unless a comparison says otherwise."""
        return self.comparison is None or self.comparison.is_new(finding)

    def failing(self, fail_on: Severity = Severity.INFO) -> tuple[Finding, ...]:
        """The new findings at least as serious as ``fail_on``."""
        return tuple(f for f in self.findings if f.severity.rank <= fail_on.rank and self.is_new(f))

    def exit_code(self, fail_on: Severity = Severity.INFO) -> int:
        """0 clean, 1 findings that fail the run, 2 when any input could not be checked."""
        if self.errors:
            return 2
        return 1 if self.failing(fail_on) else 0
