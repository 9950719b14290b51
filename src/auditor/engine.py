"""Run the selected rules over a document and its facts, and stamp what they find."""

from __future__ import annotations

from collections import Counter

from .config.settings import ActiveRule, Settings
from .document import Document
from .extract.facts import Facts
from .extract.suppressions import suppressions
from .findings import Finding, fingerprint
from .report import FileReport, InputProblem, Summary, root_cause
from .text import shortened


def audit(facts: Facts, rules: tuple[ActiveRule, ...]) -> tuple[Finding, ...]:
    """Every finding of ``rules`` on the document ``facts`` are of, in text order; each rule reads the same
    facts, so what one computed the next reuses."""
    doc = facts.doc
    findings = []
    lines: dict[int, str] = {}  # one copy of each line, however many findings stand on it
    for active in rules:
        seen: Counter[str] = Counter()
        for hit in active.rule.check(doc, facts, active.options):
            occurrence = seen[hit.key]
            seen[hit.key] += 1
            line, column = doc.line_col(hit.span.start)
            end_line, end_column = doc.line_col(hit.span.end)
            if line not in lines:
                lines[line] = _source_line(doc, hit.span.start)
            findings.append(
                Finding(
                    rule=active.rule.name,
                    code=active.rule.code,
                    severity=hit.severity or active.severity,
                    path=doc.path,
                    start=hit.span.start,
                    end=hit.span.end,
                    line=line,
                    column=column,
                    end_line=end_line,
                    end_column=end_column,
                    message=hit.message,
                    excerpt=shortened(hit.excerpt),
                    fingerprint=fingerprint(active.rule.name, doc.path, hit.key, occurrence),
                    evidence=dict(hit.evidence),
                    source=lines[line],
                )
            )
    findings.sort(key=lambda f: (f.start, f.code))
    silenced = suppressions(doc)
    if silenced:
        findings = [f for f in findings if not any(s.covers(f.code, f.rule, f.start) for s in silenced)]
    return tuple(findings)


def _source_line(doc: Document, offset: int) -> str:
    """The line of the original text that ``offset`` is on, without its line break."""
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    return doc.text[start : len(doc.text) if end == -1 else end].rstrip("\r")


def audit_document(facts: Facts, settings: Settings, keep: bool = False) -> FileReport | InputProblem:
    """The document's report, or what went wrong as one line; ``keep`` keeps its facts (and so the
    document) in the report, for the reports that show its text."""
    doc = facts.doc
    try:
        findings = audit(facts, settings.rules)
    except RecursionError:
        return InputProblem(doc.path, "document is nested too deeply to read")
    except Exception as error:  # noqa: BLE001 - one bad document must not lose the others
        return InputProblem(doc.path, f"internal error while checking: {type(error).__name__}: {error}")
    summary = Summary.of(facts, findings)
    return FileReport(
        path=doc.path,
        format=doc.format,
        title=doc.title,
        provenance=doc.provenance,
        notes=doc.notes,
        summary=summary,
        findings=findings,
        cause=root_cause(facts, summary, findings),
        archive=facts.archive,
        facts=facts if keep else None,
    )
