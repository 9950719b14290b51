"""One document's audit as data: what the Markdown, HTML and JSON reports show, described by
``schemas/report-1.2.json``.

Everything the three formats say comes from here, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from ... import __version__
from ...report import FileReport
from ...severity import Severity
from ...text import close_up
from ..origin import origin_data
from ..shapes import archive_facts, capture, finding
from .provenance import STATUSES, SUPPORTS, Origin, archived_sources, origin, rows, section_claims

REPORT_SCHEMA_VERSION = "1.2"
NOTES = {
    "reversed-paragraph-order": "the copy's paragraphs run in reverse order: each heading follows its section",
    "lost-blank-lines": "the wikitext has no blank lines between paragraphs, so each of its lines is read as one",
    "lone-surrogates-replaced": "the text holds unpaired UTF-16 surrogates, which no UTF-8 text can; each is read as"
    " U+FFFD (the replacement character)",
}


def build(file: FileReport) -> dict[str, Any]:
    """The report of ``file``, which must carry its document's facts."""
    facts = file.facts
    assert facts is not None, "reports need the document: CheckOptions(keep_documents=True)"
    archive = facts.archive
    found = origin(facts)
    summary = file.summary
    by_severity = {str(s): sum(1 for f in file.findings if f.severity is s) for s in Severity}
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "path": file.path,
        "title": file.title,
        "format": file.format,
        "origin": None if found is None else _origin(found),
        "pinned": None if facts.origin is None else origin_data(facts.origin),
        "notes": list(file.notes),
        "cause": file.cause,
        "archive_consulted": archive is not None,
        "archive": archive_facts(archive) if archive else None,
        "summary": {
            "claims": summary.claims,
            "cited_claims": summary.cited_claims,
            "empty_cited_claims": summary.empty_cited_claims,
            "uncited_claims": summary.uncited_claims,
            "references": summary.references,
            "empty_references": summary.empty_references,
            "cited_urls": len(archive.sources) if archive else None,
            "archived_sources": archived_sources(archive) if archive else None,
            "findings": len(file.findings),
            "findings_by_severity": by_severity,
            "findings_by_rule": summary.findings_by_rule,
        },
        "sections": [asdict(s) for s in section_claims(facts)],
        "findings": [finding(f) for f in file.findings],
        "provenance": [
            {
                "claim": row.claim,
                "line": row.line,
                "reference": row.marker,
                "title": row.title,
                "publisher": row.publisher,
                "date": row.date,
                "url": row.url,
                "text": row.text,
                "capture": capture(row.capture),
                "days": row.days,
                "direction": row.direction,
                "status": row.status,
                "supports": row.supports,
                "support": [
                    {
                        "kind": s.kind,
                        "stated": s.text,
                        "found": s.found,
                        "quote": s.quote,
                        "instead": s.instead,
                        "instead_quote": s.instead_quote,
                    }
                    for s in row.support
                ],
            }
            for row in rows(facts)
        ],
        "statuses": STATUSES,
        "supports": SUPPORTS,
    }


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _origin(found: Origin) -> dict[str, Any]:
    shown = asdict(found)
    shown["as_of"] = found.as_of.isoformat() if found.as_of else None
    return shown


def origin_sentence(data: dict[str, Any], link: Callable[[str], str], text: Callable[[str], str]) -> str:
    """Where the document came from, in words; ``link`` renders an address and ``text`` escapes the rest."""
    found = data["origin"]
    if found is None:
        return "Origin: not known (no licence, address or fetch record tells it)."
    kinds = {"copy": "a copy of", "revision": f"revision {found['revision']} of", "page": "fetched from"}
    line = f"Origin: {kinds[found['kind']]} {link(found['url'])}"
    if found["as_of"]:
        line += f", as of {found['as_of']} ({text(found['as_of_basis'] or '')})"
    if found["retrieved"]:
        line += f", retrieved {text(found['retrieved'])}"
    extras = [f"licence {text(found['licence'])}" if found["licence"] else ""]
    extras.append(f"published by {text(found['publisher'])}" if found["publisher"] else "")
    if found["mirror"]:
        extras.append(f"a known copy of Wikipedia ({text(found['mirror'])}): citing it is circular sourcing")
    shown = "; ".join(e for e in extras if e)
    return line + (f"; {shown}." if shown else ".")


def archive_sentences(data: dict[str, Any], link: Callable[[str], str], text: Callable[[str], str]) -> list[str]:
    """What the archive said, in words: counts, why lookups failed, a copy's original and what it gave back,
    and the guesses for references without a link."""
    facts = data["archive"]
    if facts is None:
        return ["The archive was not consulted."]
    statuses = Counter(source["status"] for source in facts["sources"])
    counted = ", ".join(f"{n} {status}" for status, n in statuses.most_common())
    said = [f"Cited web addresses: {len(facts['sources'])}" + (f" ({counted})." if counted else ".")]
    reasons = Counter(s["reason"] for s in facts["sources"] if s["status"] == "unverified" and s["reason"])
    said += [f"Unverified ×{n}: {text(reason)}." for reason, n in reasons.most_common(3)]
    if (original := facts["original"]) is not None:
        if original["capture"]:
            capture = original["capture"]
            said.append(
                f"The original, {link(original['url'])}, read at {link(capture['url'])} ({capture['timestamp'][:8]})."
            )
        else:
            said.append(f"The original, {link(original['url'])}, could not be read: {text(original['reason'] or '')}.")
    if facts["recovered"]:
        said.append(f"{len(facts['recovered'])} empty footnotes recovered from it; the provenance table gives each.")
    for key, found in facts["candidates"].items():
        best = found[0]
        guess = f"a guess, not a fact; score {best['score']:.2f}"
        said.append(f"Candidate for {text(f'[{key}]')} ({guess}): {link(best['url'])}.")
    return said


def marker_label(row: dict[str, Any]) -> str:
    """A provenance row's citation as the reader saw it: ``12``, or ``link`` for an inline link, whose key
    is its address (shown once, in the Reference column)."""
    key, url = row["reference"], row["url"]
    if url and url in key:
        return key.replace(url, "").strip() or "link"
    return key


def reference_words(row: dict[str, Any]) -> list[str]:
    """What a provenance row's reference says besides its address: title, publisher and date, else its
    text without the address (which the report gives once, as a link)."""
    parts = [close_up(row[key]) for key in ("title", "publisher", "date") if row[key]]
    if not parts and row["text"]:
        text = row["text"].replace(row["url"], " ") if row["url"] else row["text"]
        parts = [shown] if (shown := close_up(text)) else []
    return parts


def note_sentence(code: str) -> str:
    return NOTES.get(code, code)
