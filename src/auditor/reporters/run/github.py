"""GitHub Actions workflow commands: each finding an annotation on the line it is about.

With a baseline or ``--diff-base`` only the new findings are annotated: a pull
request shows what it introduced, not what the article already had.
"""

from __future__ import annotations

from ...findings import Finding
from ...report import Report
from ...severity import Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report) -> str:
    new = [f for f in report.findings if report.is_new(f)]
    lines = [_annotation(f) for f in new]
    lines += [f"::error file={_property(e.path)}::{_data(e.message)}" for e in report.errors]
    shown, known = len(new), len(report.findings) - len(new)
    tail = f"auditor: {shown} finding{'s' if shown != 1 else ''}"
    if report.comparison is not None:
        tail += f" new since {report.comparison.against} ({known} known, {len(report.comparison.fixed)} fixed)"
    return "\n".join([*lines, tail]) + "\n"


def _annotation(f: Finding) -> str:
    where = f"file={_property(f.path)},line={f.line},endLine={f.end_line}"
    if f.line == f.end_line:  # GitHub ignores columns on an annotation that spans lines
        where += f",col={f.column},endColumn={f.end_column}"
    return f"::{_COMMAND[f.severity]} {where},title={_property(f'{f.code} {f.rule}')}::{_data(f.message)}"


def _data(text: str) -> str:
    # NOTE: the escapes of GitHub's runner (actions/toolkit, command.ts escapeData and escapeProperty).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
