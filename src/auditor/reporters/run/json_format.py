"""One JSON object per run, described by ``schemas/check-1.5.json``."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ... import __version__
from ...report import SCHEMA_VERSION, FileReport, Report, Summary
from ..shapes import archive_facts, finding


def _summary(s: Summary) -> dict[str, Any]:
    return asdict(s)


def _file(file: FileReport) -> dict[str, Any]:
    shown = {
        "path": file.path,
        "format": file.format,
        "title": file.title,
        "provenance": asdict(file.provenance),
        "notes": list(file.notes),
        "summary": _summary(file.summary),
        "cause": file.cause,
    }
    if file.archive is not None:
        shown["archive"] = archive_facts(file.archive)
    return shown


def document(report: Report) -> dict[str, Any]:
    shown = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "summary": {**_summary(report.summary), "files": len(report.files), "errors": len(report.errors)},
        "files": [_file(file) for file in report.files],
        "findings": [finding(f, report) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "skipped": list(report.skipped),
    }
    if report.lookups is not None:
        shown["lookups"] = {kind: report.lookups.get(kind, 0) for kind in ("cached", "fetched", "failed")}
    if (comparison := report.comparison) is not None:
        new = sum(1 for f in report.findings if comparison.is_new(f))
        shown["comparison"] = {
            "against": comparison.against,
            "new": new,
            "known": len(report.findings) - new,
            "fixed": [asdict(known) for known in comparison.fixed],
        }
    return shown


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
