"""The immutable result of a run, which every reporter renders."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .document import Provenance, Span
from .extract.citing import cited_to_nothing
from .extract.sources import copied_from
from .findings import Finding
from .severity import Severity

if TYPE_CHECKING:
    from .baseline import Comparison
    from .extract.facts import Facts
    from .extract.sources import ArchiveFacts

SCHEMA_VERSION = "1.5"


@dataclass(frozen=True, slots=True)
class Summary:
    """Claims in three kinds (cited to a source, cited only to empty footnotes, uncited), references, and
    findings per rule."""

    claims: int
    cited_claims: int  # a citation of which names a source
    empty_cited_claims: int  # every citation of which points to an empty footnote (or none)
    uncited_claims: int
    references: int
    empty_references: int
    findings_by_rule: dict[str, int]

    @classmethod
    def of(cls, facts: Facts, findings: tuple[Finding, ...]) -> Summary:
        doc = facts.doc
        uncited = {s.span for s in facts.uncited.sentences}
        hollow = empty_cited(facts) - uncited
        claims = len(doc.claim_sentences)
        empty_cited_claims = sum(1 for s in doc.claim_sentences if s.span in hollow)
        return cls(
            claims=claims,
            cited_claims=claims - len(uncited) - empty_cited_claims,
            empty_cited_claims=empty_cited_claims,
            uncited_claims=len(uncited),
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
            empty_cited_claims=sum(s.empty_cited_claims for s in summaries),
            uncited_claims=sum(s.uncited_claims for s in summaries),
            references=sum(s.references for s in summaries),
            empty_references=sum(s.empty_references for s in summaries),
            findings_by_rule=dict(sorted(by_rule.items())),
        )


def empty_cited(facts: Facts) -> frozenset[Span]:
    """The claim sentences cited only to empty footnotes, counting those the archive gave back as sourced."""
    recovered = frozenset(r.key for r in facts.archive.recovered) if facts.archive else frozenset()
    return cited_to_nothing(facts.doc, recovered)


def root_cause(facts: Facts, summary: Summary, findings: tuple[Finding, ...]) -> str | None:
    """One cause behind most of a document's findings, said with what to do about it; None when the findings
    have no one cause this knows. Each cause is a fact about the document, not about one sentence: a copy
    that lost its references (most footnotes empty), or a reference list lost whole."""
    by_rule = summary.findings_by_rule
    total = len(findings)
    if total < 10:
        return None
    empty, references = summary.empty_references, summary.references
    lost = by_rule.get("empty-footnote", 0) + by_rule.get("backlink-mismatch", 0)
    if references and 2 * empty > references and 2 * lost > total:
        said = f"{empty} of {references} footnotes are empty"
        if copied_from(facts.doc) is None:  # (no dates needed: rules not run must not cost their facts)
            return f"{said}: their sources were lost or never written, so the claims they cite are unsourced"
        said += ": this copy lost its references"
        archive = facts.archive
        if archive is None:
            return f"{said}; `--archive` can recover them from the archived original"
        if archive.recovered:
            return f"{said}; {len(archive.recovered)} were recovered from the archived original"
        return f"{said}, and the archived original gave none of them back"
    dangling = by_rule.get("dangling-citation", 0)
    if not references and 2 * dangling > total:
        return f"{dangling} citation markers point to no reference: the document lost its reference list"
    uncited = by_rule.get("unsourced-claim", 0)
    if not references and not summary.cited_claims and 2 * uncited > total:
        return f"the document has no references at all: each of its {summary.claims} claims is uncited"
    return None


@dataclass(frozen=True, slots=True)
class FileReport:
    """One document's findings, with what it is and where it came from."""

    path: str
    format: str
    title: str | None
    provenance: Provenance
    notes: tuple[str, ...]
    summary: Summary
    findings: tuple[Finding, ...]
    cause: str | None = None  # one cause behind most findings (``root_cause``)
    archive: ArchiveFacts | None = None  # with --archive: each cited source's capture, and what a copy lost
    facts: Facts | None = None  # the document and its facts, kept for the reports that show the text


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A path that could not be read or checked, and why."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """What a run found: each document's report and the paths that failed."""

    files: tuple[FileReport, ...]
    errors: tuple[InputProblem, ...]
    skipped: tuple[str, ...] = ()
    lookups: dict[str, int] | None = None  # with --archive: lookups answered from the cache, fetched, failed
    comparison: Comparison | None = None  # with --baseline or --diff-base: which findings are new
    empty: tuple[str, ...] = ()  # the skipped files that were empty

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for file in self.files for f in file.findings)

    @property
    def summary(self) -> Summary:
        return Summary.total([file.summary for file in self.files])

    def at_least(self, severity: Severity) -> Report:
        """This report with only the findings at least as serious as ``severity``."""
        files = []
        for file in self.files:
            kept = tuple(f for f in file.findings if f.severity.rank <= severity.rank)
            by_rule = dict(sorted(Counter(f.rule for f in kept).items()))
            files.append(replace(file, findings=kept, summary=replace(file.summary, findings_by_rule=by_rule)))
        return replace(self, files=tuple(files))

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
