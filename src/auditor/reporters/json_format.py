"""One JSON object per run, described by ``schemas/check-1.3.json``."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..findings import Finding
from ..report import SCHEMA_VERSION, FileReport, Report, Summary

if TYPE_CHECKING:
    from ..extract.sources import ArchiveFacts, CaptureFact


def finding(f: Finding, report: Report | None = None) -> dict[str, Any]:
    """A finding as JSON; with a comparison in ``report``, whether it is new."""
    shown = {
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
    if report is not None and report.comparison is not None:
        shown["baseline_state"] = "new" if report.comparison.is_new(f) else "unchanged"
    return shown


def _summary(s: Summary) -> dict[str, Any]:
    return asdict(s)


def capture(c: CaptureFact | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"timestamp": c.timestamp, "original": c.original, "status": c.status, "url": c.replay_url}


def archive_facts(facts: ArchiveFacts) -> dict[str, Any]:
    sources = []
    for source in facts.sources:
        lookup = facts.lookups.get(source.key)
        live = facts.live.get(source.key)
        sources.append(
            {
                "reference": source.reference,
                "url": source.url,
                "canonical": source.key,
                "cited_on": source.cited_on.isoformat() if source.cited_on else None,
                "cited_basis": source.cited_basis,
                "archive_url": source.archive_url,
                "status": str(lookup.status) if lookup else "unverified",
                "capture": capture(lookup.capture) if lookup else None,
                "direction": lookup.direction if lookup else None,
                "days": lookup.days if lookup else None,
                "reason": lookup.reason if lookup else "not looked up",
                "live": {"ok": live.ok, "detail": live.detail} if live else None,
                "saved": facts.saved.get(source.key),
            }
        )
    original = facts.original
    return {
        "sources": sources,
        "original": None
        if original is None
        else {
            "url": original.url,
            "as_of": original.as_of.isoformat() if original.as_of else None,
            "as_of_basis": original.as_of_basis,
            "capture": capture(original.capture),
            "reason": original.reason,
        },
        "recovered": [
            {"reference": r.key, "text": r.text, "url": r.url, "capture": capture(r.capture)} for r in facts.recovered
        ],
        "candidates": {
            key: [{"url": c.url, "score": round(c.score, 3), "capture": capture(c.capture)} for c in found]
            for key, found in facts.candidates.items()
        },
    }


def _file(file: FileReport) -> dict[str, Any]:
    shown = {
        "path": file.path,
        "format": file.format,
        "title": file.title,
        "provenance": asdict(file.provenance),
        "notes": list(file.notes),
        "summary": _summary(file.summary),
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
