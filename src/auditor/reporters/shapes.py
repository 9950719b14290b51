"""The JSON shapes every machine output shares: a finding, a capture, what the archive said of a
document's sources. The run's JSON, each document's JSON report and a scan's JSON Lines all use them,
so a finding reads the same in each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..findings import Finding

if TYPE_CHECKING:
    from ..extract.sources import ArchiveFacts, CaptureFact
    from ..report import Report


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
