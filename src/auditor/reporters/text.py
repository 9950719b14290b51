"""``path:line:col: CODE [severity] name: message``, one finding a line."""

from __future__ import annotations

from ..report import Report


def render(report: Report) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.rule}: {f.message}" for f in report.findings]
    summary = report.summary
    count = len(report.findings)
    checked = len(report.files)
    tail = (
        f"{count} finding{'s' if count != 1 else ''} in {checked} file{'s' if checked != 1 else ''}"
        f" (claims: {summary.claims}, cited: {summary.cited_claims};"
        f" references: {summary.references}, empty: {summary.empty_references})"
    )
    if report.errors:
        tail += f"; {len(report.errors)} could not be checked"
    lines.append(tail)
    return "\n".join(lines) + "\n"
