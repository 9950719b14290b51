"""``path:line:col: CODE [severity] name: message`` and the source line with a caret under the finding
(``concise``: the first line alone), then what the archive said,
then a summary grouped by severity and by rule. A paragraph's unsourced claims stand together, indented
under a line that names the paragraph.

Severities are coloured with ANSI styles; the command line drops them when its
output is not a terminal (or ``NO_COLOR`` is set), so files and pipes get plain text.
"""

from __future__ import annotations

from collections import Counter

import click

from ...extract.sources import Status
from ...findings import Finding
from ...report import FileReport, Report
from ...severity import Severity
from ..paragraphs import grouped, heading, of_finding

_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def statistics(report: Report) -> str:
    """The count of each rule's new findings, most first, as ``ruff --statistics`` gives them."""
    counts = Counter((f.code, f.rule) for f in report.findings if report.is_new(f))
    width = len(str(max(counts.values(), default=0)))
    return "".join(f"{n:>{width}}\t{code}\t{rule}\n" for (code, rule), n in counts.most_common())


def render(report: Report, quiet: bool = False, caret: bool = True) -> str:
    """The findings (each with its source line and a caret under it, unless not ``caret``), then (unless
    ``quiet``) what the archive said, the causes and the summary."""
    shown = [f for f in report.findings if report.is_new(f)]
    lines = []
    for group in grouped(shown, of_finding):
        if group.paragraph_line is None:
            lines += [_line(group.findings[0]), *(_caret(group.findings[0], "") if caret else [])]
            continue
        lines.append(f"{group.findings[0].path}:{group.paragraph_line}: {heading(group)}:")
        for f in group.findings:
            lines += [f"  {_line(f)}", *(_caret(f, "  ") if caret else [])]
    if quiet:
        return "".join(line + "\n" for line in lines)
    for file in report.files:
        lines.extend(_provenance(file))
    lines += [f"{file.path}: most findings share one cause: {file.cause}" for file in report.files if file.cause]
    if report.comparison is not None:
        lines += [f"{k.path}: fixed: {k.code} {k.rule}: {k.message}" for k in report.comparison.fixed]
    by_rule = Counter(f.rule for f in shown)
    if len(by_rule) > 1:
        lines.append("by rule: " + ", ".join(f"{n} {rule}" for rule, n in by_rule.most_common()))
    summary = report.summary
    count = len(shown)
    checked = len(report.files)
    new = " new" if report.comparison is not None else ""
    severities = Counter(f.severity for f in shown)
    graded = ", ".join(_styled(_count(severities[s], s), s) for s in Severity if severities[s])
    tail = (
        f"{count}{new} finding{'s' if count != 1 else ''}"
        + (f" ({graded})" if graded else "")
        + f" in {checked} file{'s' if checked != 1 else ''}"
        f" (claims: {summary.claims}, cited: {summary.cited_claims},"
        f" cited only to empty footnotes: {summary.empty_cited_claims}, uncited: {summary.uncited_claims};"
        f" references: {summary.references}, empty: {summary.empty_references})"
    )
    if report.comparison is not None:
        known = len(report.findings) - count
        tail += f"; since {report.comparison.against}: {known} known, {len(report.comparison.fixed)} fixed"
    if report.skipped:
        skipped = len(report.skipped)
        tail += f"; {skipped} file{'s' if skipped != 1 else ''} skipped (empty, or in no format auditor reads)"
    if report.errors:
        tail += f"; {len(report.errors)} could not be checked"
    lines.append(tail)
    return "\n".join(lines) + "\n"


def _provenance(file: FileReport) -> list[str]:
    """Where the file's sources can be read: one line of counts, the original of a copy, what it lost."""
    facts = file.archive
    if facts is None:
        return []
    found = facts.cited_lookups()
    statuses = Counter(lookup.status for lookup in found)
    counted = ", ".join(f"{statuses[status]} {status}" for status in Status if statuses[status])
    plural = "s" if len(facts.sources) != 1 else ""
    lines = [f"{file.path}: archive: {len(facts.sources)} cited URL{plural}" + (f": {counted}" if counted else "")]
    reasons = Counter(lookup.reason for lookup in found if lookup.status is Status.UNVERIFIED)
    lines += [f"{file.path}: archive: unverified ×{n}: {reason}" for reason, n in reasons.most_common(3)]
    if (original := facts.original) is not None:
        when = f" as of {original.as_of.isoformat()} ({original.as_of_basis})" if original.as_of else ""
        where = f": capture {original.capture.replay_url}" if original.capture else f": {original.reason}"
        lines.append(f"{file.path}: copy of {original.url}{when}{where}")
    for found in facts.recovered:
        link = f" <{found.url}>" if found.url else ""
        taken = f"from capture {found.capture.timestamp}"
        lines.append(f"{file.path}: recovered [{found.key}] {found.text}{link} ({taken})")
    for key, candidates in facts.candidates.items():
        best = candidates[0]
        guess = f"score {best.score:.2f} (a guess, not a fact)"
        lines.append(f"{file.path}: candidate for [{key}], {guess}: {best.capture.replay_url}")
    return lines


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {_styled(f'{f.code} [{f.severity}]', f.severity)} {f.rule}: {f.message}"


_WINDOW = 100  # characters of a source line shown around a finding


def _caret(f: Finding, indent: str) -> list[str]:
    """The finding's source line (a window of it, when long) with carets under its first line's extent."""
    source = f.source.expandtabs(1)
    if not source.strip():
        return []
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(source)
    end = max(end, start + 1)
    left = max(0, min(start - _WINDOW // 4, len(source) - _WINDOW))
    right = min(len(source), left + _WINDOW)
    shown = ("…" if left else "") + source[left:right] + ("…" if right < len(source) else "")
    offset = (1 if left else 0) + start - left
    width = max(1, min(end, right) - start)
    return [f"{indent}    | {shown}", f"{indent}    | {' ' * offset}{_styled('^' * width, f.severity)}"]


def _styled(text: str, severity: Severity) -> str:
    return click.style(text, fg=_COLOUR[severity], bold=severity is Severity.ERROR)


def _count(n: int, severity: Severity) -> str:
    return f"{n} {severity}" + ("s" if n != 1 and severity is not Severity.INFO else "")
