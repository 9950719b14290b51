"""Run the selected rules over a document and stamp what they find."""

from __future__ import annotations

from collections import Counter

from .config import ActiveRule
from .document import Document
from .findings import Finding, fingerprint


def audit(doc: Document, rules: tuple[ActiveRule, ...]) -> tuple[Finding, ...]:
    findings = []
    for active in rules:
        seen: Counter[str] = Counter()
        for hit in active.rule.check(doc, active.options):
            occurrence = seen[hit.key]
            seen[hit.key] += 1
            line, column = doc.line_col(hit.span.start)
            end_line, end_column = doc.line_col(hit.span.end)
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
                    excerpt=hit.excerpt,
                    fingerprint=fingerprint(active.rule.name, doc.path, hit.key, occurrence),
                    evidence=dict(hit.evidence),
                )
            )
    findings.sort(key=lambda f: (f.start, f.code))
    return tuple(findings)
