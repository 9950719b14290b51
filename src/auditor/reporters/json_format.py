"""One JSON object per run, described by ``schemas/check-1.1.json``."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .. import __version__
from ..findings import Finding
from ..report import SCHEMA_VERSION, Report, Summary


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "code": f.code,
        "severity": str(f.severity),
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.start,
        "end_offset": f.end,
        "message": f.message,
        "excerpt": f.excerpt,
        "fingerprint": f.fingerprint,
        "evidence": dict(f.evidence),
    }


def _summary(s: Summary) -> dict[str, Any]:
    return asdict(s)


def document(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "summary": {**_summary(report.summary), "files": len(report.files), "errors": len(report.errors)},
        "files": [
            {
                "path": file.path,
                "format": file.format,
                "title": file.title,
                "provenance": asdict(file.provenance),
                "notes": list(file.notes),
                "summary": _summary(file.summary),
            }
            for file in report.files
        ],
        "findings": [_finding(f) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "skipped": list(report.skipped),
    }


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
