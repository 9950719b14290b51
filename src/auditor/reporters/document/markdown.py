"""A document's report in Markdown, to read and hand on: summary, findings with evidence, provenance.

Document text is escaped, so a claim that contains markup shows as text and
never as a link, an image or raw HTML in whatever renders the Markdown.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..origin import origin_lines
from ..paragraphs import grouped, heading, of_shape
from .model import archive_sentences, marker_label, note_sentence, origin_sentence, reference_words

# Each character Markdown could read as markup, with a backslash before it: a table lookup, as the report
# quotes a claim once for each of its citations.
_ESCAPED = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#!~"})


def render(data: dict[str, Any]) -> str:
    """The Markdown for a document's report ``data`` (``model.build``)."""
    title = data["title"] or data["path"]
    lines = [
        f"# Audit of {_md(title)}",
        "",
        f"`{_code(data['path'])}` · {data['format']} · auditor {data['tool']['version']}",
    ]
    notes = [f"- Note: {_md(note_sentence(code))}." for code in data["notes"]]
    lines += ["", origin_sentence(data, _link, _md), *(["", *notes] if notes else [])]
    lines += ["", "## Summary", "", *_summary(data)]
    lines += ["", "## Archive", "", *[f"- {line}" for line in archive_sentences(data, _link, _md)]]
    if data["pinned"]:
        lines += ["", "## Origin", "", *[f"{'  ' * d}- {line}" for d, line in origin_lines(data["pinned"], _link, _md)]]
    lines += ["", "## Findings", "", *_findings(data["findings"])]
    lines += ["", "## Provenance", "", *_provenance(data)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(data: dict[str, Any]) -> list[str]:
    s = data["summary"]
    cited, empty, uncited = (
        f"{s[key]} ({_share(s[key], s['claims'])})" for key in ("cited_claims", "empty_cited_claims", "uncited_claims")
    )
    archived = "not consulted" if not data["archive_consulted"] else f"{s['archived_sources']} of {s['cited_urls']}"
    lines = [
        "| Claims | Cited | Cited only to empty footnotes | Uncited | References | Empty references"
        " | Archived sources | Findings |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s['claims']} | {cited} | {empty} | {uncited} | {s['references']} | {s['empty_references']}"
        f" | {archived} | {s['findings']} |",
    ]
    if data["cause"]:
        lines += ["", f"**Most findings share one cause:** {_md_cause(data['cause'])}."]
    if s["findings_by_rule"]:
        codes = {f["rule"]: (f["code"], f["severity"]) for f in data["findings"]}
        lines += ["", "| Rule | Code | Severity | Findings |", "|---|---|---|---:|"]
        for rule, count in sorted(s["findings_by_rule"].items(), key=lambda pair: codes[pair[0]]):
            code, severity = codes[rule]
            lines.append(f"| {rule} | {code} | {severity} | {count} |")
    if data["sections"]:
        lines += [
            "",
            "Claims per section:",
            "",
            "| Section | Claims | Cited | Cited only to empty footnotes | Uncited |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {_md(s['title'])} | {s['claims']} | {s['claims'] - s['empty_cited'] - s['uncited']}"
            f" | {s['empty_cited']} | {s['uncited']} |"
            for s in data["sections"]
        ]
    return lines


def _findings(findings: list[dict[str, Any]]) -> list[str]:
    if not findings:
        return ["None."]
    lines: list[str] = []
    for code in sorted({f["code"] for f in findings}):
        group = [f for f in findings if f["code"] == code]
        lines += [f"### {code} {group[0]['rule']} ({group[0]['severity']}): {len(group)}", ""]
        for paragraph in grouped(group, of_shape):
            indent = ""
            if paragraph.paragraph_line is not None:
                lines.append(f"- **{heading(paragraph)}**:")
                indent = "  "
            for f in paragraph.findings:
                lines += _finding(f, indent)
        lines.append("")
    return lines


def _finding(f: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{indent}- **Line {f['line']}**: {_md(f['message'])}"]
    if f["excerpt"]:
        lines.append(f"{indent}  > {_md(f['excerpt'])}")
    if f["evidence"]:
        lines.append(f"{indent}  Evidence: " + "; ".join(f"{key}: {_value(v)}" for key, v in f["evidence"].items()))
    return lines


def _provenance(data: dict[str, Any]) -> list[str]:
    rows = data["provenance"]
    if not rows:
        return ["No citations."]
    lines = [
        "Each citation of each claim, and how far its source can be followed. Statuses: "
        + "; ".join(f"*{status}*: {meaning}" for status, meaning in data["statuses"].items())
        + ". Supports: "
        + "; ".join(f"*{verdict}*: {meaning}" for verdict, meaning in data["supports"].items())
        + ".",
        "",
        "| Line | Claim | Ref | Reference | Archived capture | Status | Supports |",
        "|---:|---|---|---|---|---|---|",
    ]
    for row in rows:
        marker = _md("[" + marker_label(row) + "]")
        lines.append(
            f"| {row['line']} | {_md(row['claim'])} | {marker} | {_reference(row)}"
            f" | {_capture(row)} | {row['status']} | {_supports(row)} |"
        )
    return lines


def _supports(row: dict[str, Any]) -> str:
    """The verdict, and each figure or date the source lacks with what it gives instead."""
    missing = [s for s in row["support"] if s["found"] is False and s["kind"] != "party"]
    said = [
        f"{_md(s['stated'])} not found" + (f" (gives {_md(s['instead'])})" if s["instead"] else "") for s in missing
    ]
    return row["supports"] + (": " + "; ".join(said) if said else "")


def _reference(row: dict[str, Any]) -> str:
    parts = [_md(word) for word in reference_words(row)]
    if row["url"]:
        parts.append(_link(row["url"]))
    return ", ".join(parts) or "—"


def _capture(row: dict[str, Any]) -> str:
    capture = row["capture"]
    if capture is None:
        return "—"
    shown = f"{_link(capture['url'])} ({capture['timestamp'][:8]}"
    if row["days"] is not None:
        shown += f", {row['days']} days {row['direction']} the citation"
    return shown + ")"


def _md_cause(cause: str) -> str:
    """The cause in words, its command-line options kept as code."""
    parts = cause.split("`")
    return "".join(part.translate(_ESCAPED) if i % 2 == 0 else f"`{part}`" for i, part in enumerate(parts))


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def _value(value: Any) -> str:
    return f"`{_code(' '.join(str(value).split()))}`"


def _link(url: str) -> str:
    """An address as an autolink. NOTE: a table splits its row at every "|" before it reads links (GFM
    spec, tables), so one inside the address would end the cell and start another, where a "![x](...)"
    becomes an image that fetches; percent-encoded, "|" is the same address and no cell edge."""
    if re.fullmatch(r"https?://[^\s<>`]+", url):
        return f"<{url.replace('|', '%7C')}>"
    return _md(url)


@lru_cache(maxsize=256)  # a claim with many citations is quoted once for each
def _md(text: str) -> str:
    return " ".join(text.split()).translate(_ESCAPED)


def _code(text: str) -> str:
    return text.replace("`", "'")
