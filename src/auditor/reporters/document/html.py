"""A document's report as one self-contained HTML page: the text with every finding highlighted, a
findings panel filterable by rule and severity, claims per section as bars, and the provenance table.

No external asset, so it opens offline and from an e-mail. All document text is
escaped, and a Content-Security-Policy lets only the page's own script run
(by its hash), so an article that contains ``<script>`` shows it as text.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from itertools import pairwise
from typing import Any

from ...document import Document
from ..origin import origin_lines
from ..paragraphs import grouped, heading, of_shape
from .model import archive_sentences, marker_label, note_sentence, origin_sentence, reference_words

_SEVERITY_ORDER = ("error", "warning", "info")
_BLANK_RUNS = re.compile(r"[ \t\xa0]{2,}")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
_LINK_CHARS = 120  # of an address shown as a link's text; the link itself is whole

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa;overflow-wrap:break-word}
header,main>section{padding:0 1.5rem}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
a,code{overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.5rem 0;max-width:100%}
td,th{border:1px solid #ccc;padding:.2rem .5rem;vertical-align:top}
th{background:#eee}td.n{text-align:right}
table.provenance{width:100%}table.provenance td.status{white-space:nowrap}
table.provenance td.claim{min-width:14rem;width:38%}table.provenance td.reference{width:30%}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;padding:.5rem 1rem}
.card b{display:block;font-size:1.4rem}.card.alert{border-color:#d9822b}
.bars td.bar{width:24rem;max-width:40vw}.bar span{display:inline-block;height:.9rem}
.bar .cited{background:#4c8c4a}.bar .empty{background:#b58900}.bar .uncited{background:#d9822b}
.cause{background:#fff4e0;border-left:4px solid #d9822b;padding:.5rem 1rem}
#audit{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1rem;align-items:start}
#text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #ddd;padding:1rem;
max-height:80vh;overflow:auto}
#panel{max-height:80vh;overflow:auto}#panel ol{padding-left:2.4rem}#panel li{margin:.3rem 0;cursor:pointer}
#panel li.paragraph{cursor:default}#panel li.paragraph ol{padding-left:1.2rem}
mark{background:#ffe08a}mark.error{background:#ffb3b3}mark.info{background:#cfe3ff}mark.off{background:none}
mark.point::before{content:"⚑";color:#b00}mark.point.off::before{content:none}mark.focus{outline:2px solid #b00}
.sev{font-size:.8rem;padding:0 .3rem;border-radius:3px;background:#eee}.sev.error{background:#ffb3b3}
.sev.warning{background:#ffe08a}.sev.info{background:#cfe3ff}.quiet{color:#666}
@media (max-width:50rem){
header,main>section{padding:0 .75rem}#audit{grid-template-columns:minmax(0,1fr)}
#text,#panel{max-height:60vh}
table.provenance,table.provenance tbody,table.provenance tr,table.provenance td{display:block}
table.provenance tr:first-child{display:none}
table.provenance tr{border:1px solid #ccc;margin:.5rem 0;background:#fff}
table.provenance td{border:0;padding:.1rem .5rem;text-align:left}
table.provenance td.claim,table.provenance td.reference{min-width:0;width:auto}
.bars{width:100%}.bars th{font-size:.8rem}.bars td,.bars th{padding:.2rem .3rem}
.bars td.bar{width:auto;min-width:2.5rem}
table.provenance td::before{content:attr(data-label) ": ";font-weight:600;color:#555}
}
"""

SCRIPT = """
(function () {
  const rule = document.getElementById('rule'), severity = document.getElementById('severity');
  const items = Array.from(document.querySelectorAll('#findings li[data-f]'));
  const paragraphs = Array.from(document.querySelectorAll('#findings li.paragraph'));
  const marks = Array.from(document.querySelectorAll('#text mark'));
  const shown = document.getElementById('shown');
  function apply() {
    const visible = new Set();
    for (const li of items) {
      const on = (!rule.value || li.dataset.rule === rule.value) &&
                 (!severity.value || li.dataset.severity === severity.value);
      li.hidden = !on;
      if (on) visible.add(li.dataset.f);
    }
    for (const mark of marks) {
      const on = mark.dataset.f.split(' ').some(function (id) { return visible.has(id); });
      mark.classList.toggle('off', !on);
    }
    for (const li of paragraphs) li.hidden = !li.querySelector('li[data-f]:not([hidden])');
    shown.textContent = visible.size;
  }
  rule.addEventListener('change', apply);
  severity.addEventListener('change', apply);
  for (const li of items) {
    li.addEventListener('click', function () {
      const mark = marks.find(function (m) { return m.dataset.f.split(' ').includes(li.dataset.f); });
      if (!mark) return;
      marks.forEach(function (m) { m.classList.remove('focus'); });
      mark.classList.add('focus');
      mark.scrollIntoView({block: 'center'});
    });
  }
  apply();
})();
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
POLICY = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{_SCRIPT_HASH}'"


def render(data: dict[str, Any], doc: Document) -> str:
    """The page for a document's report ``data`` (``model.build``), showing ``doc``'s text."""
    findings = data["findings"]
    title = escape(data["title"] or data["path"])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Audit of {title}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>Audit of {title}</h1>",
        f'<p class="quiet">{escape(data["path"])} · {escape(data["format"])} · auditor {data["tool"]["version"]}</p>',
        f"<p>{origin_sentence(data, _link, escape)}</p>",
        *(f"<p>Note: {escape(note_sentence(code))}.</p>" for code in data["notes"]),
        "</header><main>",
        f"<section><h2>Summary</h2>{_summary(data)}</section>",
        "<section><h2>Archive</h2><ul>"
        + "".join(f"<li>{line}</li>" for line in archive_sentences(data, _link, escape))
        + "</ul></section>",
        *([_origin(data["pinned"])] if data["pinned"] else []),
        '<section><h2>Document and findings</h2><div id="audit">',
        f'<div id="text">{_highlighted(doc, findings)}</div>',
        f'<div id="panel">{_filters(findings)}{_finding_list(findings)}</div>',
        "</div></section>",
        f"<section><h2>Provenance</h2>{_provenance(data)}</section>",
        f"</main><script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _origin(pinned: dict[str, Any]) -> str:
    """The revision the copy was pinned to and what it changed: a list, an item's details nested in it."""
    items: list[tuple[str, list[str]]] = []
    for depth, line in origin_lines(pinned, _link, escape):
        if depth and items:
            items[-1][1].append(f"<li>{line}</li>")
        else:
            items.append((line, []))
    shown = "".join(f"<li>{line}{'<ul>' + ''.join(sub) + '</ul>' if sub else ''}</li>" for line, sub in items)
    return f"<section><h2>Origin</h2><ul>{shown}</ul></section>"


def _summary(data: dict[str, Any]) -> str:
    s = data["summary"]
    archived = "not consulted" if not data["archive_consulted"] else f"{s['archived_sources']} of {s['cited_urls']}"
    cards = [
        ("Claims", s["claims"], ""),
        ("Cited", s["cited_claims"], ""),
        ("Cited only to empty footnotes", s["empty_cited_claims"], "alert" if s["empty_cited_claims"] else ""),
        ("Uncited", s["uncited_claims"], "alert" if s["uncited_claims"] else ""),
        ("References", s["references"], ""),
        ("Empty references", s["empty_references"], "alert" if s["empty_references"] else ""),
        ("Archived sources", archived, ""),
        ("Findings", s["findings"], ""),
    ]
    html = '<div class="cards">' + "".join(f'<div class="card {c}"><b>{v}</b>{k}</div>' for k, v, c in cards) + "</div>"
    if data["cause"]:
        cause = re.sub(r"`([^`]*)`", r"<code>\1</code>", escape(data["cause"]))
        html += f'<p class="cause"><b>Most findings share one cause:</b> {cause}.</p>'
    if data["sections"]:
        widest = max(section["claims"] for section in data["sections"])
        rows = []
        for section in data["sections"]:
            empty, uncited = section["empty_cited"], section["uncited"]
            cited = section["claims"] - empty - uncited
            bar = "".join(
                f'<span class="{kind}" style="width:{100 * n / widest:.1f}%"></span>'
                for kind, n in (("cited", cited), ("empty", empty), ("uncited", uncited))
            )
            rows.append(
                f'<tr><td>{escape(section["title"])}</td><td class="bar" title="{cited} cited, '
                f'{empty} cited only to empty footnotes, {uncited} uncited">{bar}</td><td class="n">{cited}</td>'
                f'<td class="n">{empty}</td><td class="n">{uncited}</td></tr>'
            )
        html += (
            '<h3>Claims per section</h3><p class="legend"><span class="sev" style="background:#4c8c4a;color:#fff">'
            'cited</span> <span class="sev" style="background:#b58900;color:#fff">cited only to empty footnotes'
            '</span> <span class="sev" style="background:#d9822b;color:#fff">uncited</span></p>'
            '<table class="bars"><tr><th>Section</th><th>Claims</th><th>Cited</th><th>Cited to empty</th>'
            "<th>Uncited</th></tr>" + "".join(rows) + "</table>"
        )
    return html


def _filters(findings: list[dict[str, Any]]) -> str:
    rules = sorted({(f["code"], f["rule"]) for f in findings})
    rule_options = "".join(f'<option value="{code}">{code} {escape(name)}</option>' for code, name in rules)
    present = [s for s in _SEVERITY_ORDER if any(f["severity"] == s for f in findings)]
    severity_options = "".join(f'<option value="{s}">{s}</option>' for s in present)
    return (
        '<p><label>Rule <select id="rule"><option value="">all</option>'
        f"{rule_options}</select></label> "
        '<label>Severity <select id="severity"><option value="">all</option>'
        f"{severity_options}</select></label> "
        f'<span id="shown">{len(findings)}</span> of {len(findings)} findings shown</p>'
    )


def _finding_list(findings: list[dict[str, Any]]) -> str:
    index = {id(f): i for i, f in enumerate(findings)}
    items = []
    for group in grouped(findings, of_shape):
        shown = "".join(_finding_item(index[id(f)], f) for f in group.findings)
        if group.paragraph_line is None:
            items.append(shown)
        else:
            items.append(f'<li class="paragraph">{escape(heading(group))}<ol>{shown}</ol></li>')
    return f'<ol id="findings">{"".join(items)}</ol>'


def _finding_item(i: int, f: dict[str, Any]) -> str:
    return (
        f'<li data-f="{i}" data-rule="{f["code"]}" data-severity="{f["severity"]}">'
        f'<span class="sev {f["severity"]}">{f["code"]}</span> line {f["line"]}: {escape(f["message"])}</li>'
    )


def _highlighted(doc: Document, findings: list[dict[str, Any]]) -> str:
    """The document's readable text, each stretch that findings cover inside one ``mark`` naming them all
    (``data-f``), so overlapping findings each keep their highlight; a finding with no extent is a flag."""
    text = doc.readable
    bounds = sorted({0, len(text)} | {f["offset"] for f in findings} | {f["end_offset"] for f in findings})
    starting: dict[int, list[int]] = {}
    points: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        (points if f["offset"] == f["end_offset"] else starting).setdefault(f["offset"], []).append(i)
    active: dict[int, int] = {}  # finding -> its end
    out = []
    for start, end in pairwise(bounds):
        for i in points.get(start, []):
            out.append(f'<mark class="point {findings[i]["severity"]}" data-f="{i}"></mark>')
        active = {i: e for i, e in active.items() if e > start}
        active.update({i: findings[i]["end_offset"] for i in starting.get(start, [])})
        piece = escape(_tidy(text[start:end]))
        if active:
            ids = sorted(active)
            worst = min(_SEVERITY_ORDER.index(findings[i]["severity"]) for i in ids)
            out.append(f'<mark class="{_SEVERITY_ORDER[worst]}" data-f="{" ".join(map(str, ids))}">{piece}</mark>')
        else:
            out.append(piece)
    for i in points.get(len(text), []):
        out.append(f'<mark class="point {findings[i]["severity"]}" data-f="{i}"></mark>')
    return "".join(out)


def _tidy(text: str) -> str:
    """Markup the reader blanked leaves runs of spaces and blank lines: fold them for reading."""
    return _BLANK_LINES.sub("\n\n", _BLANK_RUNS.sub(" ", text))


def _provenance(data: dict[str, Any]) -> str:
    rows = data["provenance"]
    if not rows:
        return "<p>No citations.</p>"
    legend = "".join(f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in data["statuses"].items())
    body = []
    for row in rows:
        reference = ", ".join(escape(word) for word in reference_words(row))
        if row["url"]:
            reference += f"{', ' if reference else ''}{_link(row['url'])}"
        capture = "—"
        if row["capture"]:
            capture = f"{_link(row['capture']['url'])} ({row['capture']['timestamp'][:8]}"
            if row["days"] is not None:
                capture += f", {row['days']} days {row['direction']}"
            capture += ")"
        cells = [
            ("n", "Line", str(row["line"])),
            ("claim", "Claim", escape(row["claim"])),
            ("ref", "Ref", f"[{escape(marker_label(row))}]"),
            ("reference", "Reference", reference or "—"),
            ("capture", "Archived capture", capture),
            ("status", "Status", escape(row["status"])),
            ("supports", "Supports", _supports(row)),
        ]
        body.append("<tr>" + "".join(f'<td class="{c}" data-label="{label}">{v}</td>' for c, label, v in cells))
    legend += "".join(f"<li><b>supports {escape(k)}</b>: {escape(v)}</li>" for k, v in data["supports"].items())
    return (
        f'<ul>{legend}</ul><table class="provenance"><tr><th>Line</th><th>Claim</th><th>Ref</th><th>Reference</th>'
        f"<th>Archived capture</th><th>Status</th><th>Supports</th></tr>{''.join(body)}</table>"
    )


def _supports(row: dict[str, Any]) -> str:
    """The verdict, and for each figure or date the source lacks, what it gives instead; the source's sentence
    where each was found on hover."""
    said = []
    for stated in row["support"]:
        if stated["kind"] == "party" or stated["found"] is None:
            continue
        if stated["found"]:
            said.append(f'<span title="{escape(stated["quote"] or "")}">{escape(stated["stated"])} found</span>')
        else:
            instead = f" (gives {escape(stated['instead'])})" if stated["instead"] else ""
            where = escape(stated["instead_quote"] or "")
            said.append(f'<span title="{where}">{escape(stated["stated"])} not found{instead}</span>')
    return escape(row["supports"]) + (": " + "; ".join(said) if said else "")


def _link(url: str) -> str:
    """A link for a web address; anything else (a ``javascript:`` address in a document, say) as text."""
    if re.match(r"https?://", url, re.IGNORECASE):
        shown = url if len(url) <= _LINK_CHARS else url[: _LINK_CHARS - 1] + "…"
        return f'<a href="{escape(url)}" title="{escape(url)}" rel="noopener noreferrer">{escape(shown)}</a>'
    return f"<code>{escape(url)}</code>"
