"""Run one rule, with its shipped defaults, over a document."""

from __future__ import annotations

from dataclasses import replace

from auditor.config import ActiveRule
from auditor.document import Document
from auditor.engine import audit
from auditor.findings import Finding
from auditor.ruleconfig import rule_defaults
from auditor.sources import ArchiveFacts, CaptureFact, LiveCheck, SourceLookup, Status, cited_sources


def run_rule(name: str, doc: Document) -> tuple[Finding, ...]:
    default = next(d for d in rule_defaults() if d.rule.name == name)
    return audit(doc, (ActiveRule(default.rule, default.severity, default.options),))


def with_archive(doc: Document, said: dict[str, dict[str, str]]) -> Document:
    """``doc`` as the archive phase would leave it, the archive having said ``said``: by canonical key,
    ``status`` (archived, missing, unverified), and optionally ``reason``, ``timestamp`` (the chosen
    capture), ``nearby`` ([[timestamp, status], ...]) and ``live`` ("ok" or what failed)."""
    sources = tuple(cited_sources(doc))
    lookups = {}
    live = {}
    for key, entry in said.items():
        url = next(s.query_url for s in sources if s.key == key)
        nearby = tuple(CaptureFact(ts, url, status, f"https://web.archive.org/web/{ts}/{url}") for ts, status in
                       entry.get("nearby", []))  # fmt: skip
        capture = None
        if "timestamp" in entry:
            capture = CaptureFact(
                entry["timestamp"], url, "200", f"https://web.archive.org/web/{entry['timestamp']}/{url}"
            )
        lookups[key] = SourceLookup(
            key, url, Status(entry["status"]), capture, reason=entry.get("reason"), nearby=nearby
        )
        if "live" in entry:
            live[key] = LiveCheck(key, url, entry["live"] == "ok", entry["live"])
    return replace(doc, archive=ArchiveFacts(sources=sources, lookups=lookups, live=live))
