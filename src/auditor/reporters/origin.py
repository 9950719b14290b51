"""The revision a copy was pinned to, and what the copy lost or changed against it: one JSON shape (in the
document report and ``auditor provenance --format json``) and one wording (text, Markdown, HTML)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import __version__
from ..extract.origin import SHOWN_MISSING, PinnedRevision
from ..findings import Finding
from ..report import Report
from .shapes import finding

PROVENANCE_SCHEMA_VERSION = "1.0"


def origin_data(pinned: PinnedRevision) -> dict[str, Any]:
    diff = pinned.diff
    runner_up = pinned.runner_up
    return {
        "site": pinned.site,
        "title": pinned.title,
        "revision": pinned.revision,
        "timestamp": pinned.timestamp,
        "permalink": pinned.permalink,
        "score": pinned.score,
        "runner_up": None
        if runner_up is None
        else {"revision": runner_up.revision, "timestamp": runner_up.timestamp, "score": runner_up.score},
        "revisions_read": pinned.fetched,
        "revisions_listed": pinned.listed,
        "lost_footnotes": [{"footnote": f.key, "reference": f.original, "text": f.text} for f in diff.lost_footnotes],
        "missing_sections": list(diff.missing_sections),
        "missing_sentences": [{"section": m.section, "text": m.text} for m in diff.missing_sentences],
        "matched_sentences": diff.matched,
        "reordered_sentences": diff.reordered,
        "altered": [
            {"kind": a.kind, "copy": a.copy, "revision": a.revision, "section": a.section, "offset": a.span.start}
            for a in diff.altered
        ],
    }


def origin_lines(data: dict[str, Any], link: Callable[[str], str], text: Callable[[str], str]) -> list[tuple[int, str]]:
    """The pin and the diff summary in sentences, each with its depth (1: an item of the line above);
    ``link`` renders an address and ``text`` escapes the rest."""
    lines = [
        (
            0,
            f"Pinned to revision {data['revision']} of {text(data['title'])} ({text(data['timestamp'])}),"
            f" {link(data['permalink'])}: score {data['score']:.3f}"
            + _runner_up(data, text)
            + f"; {data['revisions_read']} revisions read of {data['revisions_listed']} listed.",
        )
    ]
    lost = data["lost_footnotes"]
    lines.append((0, f"Footnotes the copy lost: {len(lost)}" + (", with their text in the revision:" if lost else ".")))
    lines += [(1, text(f"[{f['footnote']}] {f['text']}")) for f in lost]
    sections = data["missing_sections"]
    lines.append((0, f"Sections missing: {len(sections)}" + (f" ({text(', '.join(sections))})." if sections else ".")))
    missing = data["missing_sentences"]
    lines.append((0, f"Sentences missing: {len(missing)}" + (":" if missing else ".")))
    lines += [
        (1, text(f"[{m['section']}] {m['text']}" if m["section"] else m["text"])) for m in missing[:SHOWN_MISSING]
    ]
    if len(missing) > SHOWN_MISSING:
        lines.append((1, f"… and {len(missing) - SHOWN_MISSING} more."))
    lines.append(
        (
            0,
            f"Sentences out of the revision's order: {data['reordered_sentences']}"
            f" of {data['matched_sentences']} matched.",
        )
    )
    altered = data["altered"]
    lines.append((0, f"Figures and dates changed: {len(altered)}" + (":" if altered else ".")))
    lines += [(1, text(f"{a['kind']} {a['copy']} (revision: {a['revision']})")) for a in altered]
    return lines


def _runner_up(data: dict[str, Any], text: Callable[[str], str]) -> str:
    """The runner-up; one that scores the same is a tie, which the copy's text cannot settle."""
    runner_up = data["runner_up"]
    if runner_up is None:
        return ", no runner-up"
    if runner_up["score"] == data["score"]:
        return (
            f", tied with {runner_up['revision']} ({text(runner_up['timestamp'])}): the copy shows nothing"
            " that tells them apart; the one reached first from its as-of date is taken"
        )
    return f", runner-up {runner_up['revision']} ({text(runner_up['timestamp'])}) at {runner_up['score']:.3f}"


def render_pins(report: Report, output_format: str) -> str:
    """What ``auditor provenance`` prints: each copy's pin and diff, then its findings (text), or the same
    as JSON (``schemas/provenance-1.0.json``)."""
    pinned = [(file, origin_data(file.facts.origin)) for file in report.files if file.facts and file.facts.origin]
    if output_format == "json":
        data = {
            "schema_version": PROVENANCE_SCHEMA_VERSION,
            "tool": {"name": "auditor", "version": __version__},
            "files": [
                {"path": file.path, "origin": shown, "findings": [finding(f) for f in file.findings]}
                for file, shown in pinned
            ],
            "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for file, shown in pinned:
        (_, first), *rest = origin_lines(shown, str, str)
        lines += [f"{file.path}: {first}", *(f"{'  ' * (depth + 1)}{line}" for depth, line in rest)]
    findings = [_finding_line(f) for f in report.findings]
    count = len(findings)
    tail = f"{count} finding{'s' if count != 1 else ''} in {len(pinned)} pinned cop{'ies' if len(pinned) != 1 else 'y'}"
    tail += f"; {len(report.errors)} could not be pinned" if report.errors else ""
    return "\n".join([*lines, *findings, tail]) + "\n"


def _finding_line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.rule}: {f.message}"
