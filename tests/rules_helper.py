"""Run one rule, with its shipped defaults, over a document."""

from __future__ import annotations

from auditor.config.defaults import rule_defaults
from auditor.config.settings import ActiveRule
from auditor.document import Document
from auditor.engine import audit
from auditor.extract.facts import Facts
from auditor.extract.sources import ArchiveFacts, CaptureFact, LiveCheck, SourceLookup, SourceText, Status
from auditor.findings import Finding


def run_rule(name: str, doc: Document | Facts) -> tuple[Finding, ...]:
    default = next(d for d in rule_defaults() if d.rule.name == name)
    facts = doc if isinstance(doc, Facts) else Facts(doc)
    return audit(facts, (ActiveRule(default.rule, default.severity, default.options),))


def with_archive(doc: Document, said: dict[str, dict[str, str]]) -> Facts:
    """``doc``'s facts as the archive phase would leave them, the archive having said ``said``: by canonical
    key, ``status`` (archived, missing, unverified), and optionally ``reason``, ``timestamp`` (the chosen
    capture), ``nearby`` ([[timestamp, status], ...]), ``live`` ("ok" or what failed), and the capture's main
    text, ``text``, or why it has none, ``unreadable`` (lines are joined; a blank line parts paragraphs)."""
    facts = Facts(doc)
    sources = facts.sources
    lookups = {}
    live = {}
    texts = {}
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
        if capture and ("text" in entry or "unreadable" in entry):
            text, reason = (_lines_joined(entry.get(field)) for field in ("text", "unreadable"))
            texts[key] = SourceText(capture.replay_url, text, reason)
        if "live" in entry:
            live[key] = LiveCheck(key, url, entry["live"] == "ok", entry["live"])
    return facts.with_archive(ArchiveFacts(sources=sources, lookups=lookups, live=live, texts=texts))


def with_origin(doc: Document | Facts, revision_wikitext: str, revision: int = 101) -> Facts:
    """``doc``'s facts as pinning leaves them, the copy pinned to a revision whose text is ``revision_wikitext``."""
    from auditor.extract.origin import PinnedRevision, compare
    from auditor.readers.wikitext import read_wikitext

    facts = doc if isinstance(doc, Facts) else Facts(doc)
    original = read_wikitext("revision.wikitext", revision_wikitext)
    pinned = PinnedRevision(
        "en.wikipedia.org", "Example", revision, "2016-01-21T10:00:00Z", 1.0, None, 1, 1, compare(facts.doc, original)
    )
    return facts.with_origin(pinned)


def _lines_joined(text: str | None) -> str | None:
    if text is None:
        return None
    return "\n".join(" ".join(paragraph.split()) for paragraph in text.strip().split("\n\n"))
