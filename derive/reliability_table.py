"""Derive the shipped reliability table from a snapshot of Wikipedia:Reliable sources/Perennial sources.

The snapshot is one JSON object per listed source (``rsp_sources.jsonl``), each with
the row's raw wikitext (``alltext``). The table keeps, per row: the source's name, its
rating, every site the row lists (``{{WP:RSPUSES|...}}``, hosts and host/path
sections), the period the rating holds for when the row's name gives one ("pre–October
2020", "November 2022–present"), a topic it is limited to ("politics and science"),
its shortcuts (``WP:RSPSHORTCUT``, in the row's order), and whether the site is on the spam
blacklist. Rows without a site are left out: a citation cannot be matched to them.

Run from the repository root:

    python derive/reliability_table.py ../shared/corpus/sources_lists/rsp_sources.jsonl 2026-04-19

where the date is the snapshot's. The output, ``src/auditor/extract/data/reliability.json``,
carries the page's attribution and licence (CC BY-SA 4.0) with it.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "auditor" / "extract" / "data" / "reliability.json"
MONTHS = "January February March April May June July August September October November December".split()
_MONTH = "|".join(MONTHS)
# A point in time as the page writes one: "2013", "October 2020", "5 August 2010".


def _point(p: str) -> str:
    return rf"(?:(?P<{p}day>\d{{1,2}})\s+)?(?:(?P<{p}month>{_MONTH})\s+)?(?P<{p}year>\d{{4}})"


_FROM = _point("a")
_UNTIL = _point("b")
_DASH = r"\s*[–—-]\s*"
_RANGE = re.compile(rf"^{_FROM}{_DASH}(?:present|{_UNTIL})$")
_BEFORE = re.compile(rf"^pre{_DASH}?{_UNTIL}$", re.I)
_AFTER = re.compile(rf"^post{_DASH}?{_FROM}$", re.I)
# Qualifiers that tell one publication from another of the same name, not a part of it; "print issue" names
# the printed magazine a row rates beside its site ("Forbes.com (pre–5 August 2010) and Forbes (print issue)").
DISAMBIGUATORS = frozenset({"uk", "usa", "us", "india", "wsws", "self-published", "print issue"})
# Topics that say where a rating does not apply, so that it holds for everything else: the general rating.
_GENERAL = re.compile(r"^(?:excluding|general topics|non-sponsored|news excluding)", re.I)


def main(source: Path, snapshot: str, out: Path = OUT) -> None:
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    derived = [entry for row in rows if (entry := derive(row)) is not None]
    _scope_by_name(derived)
    table = {
        "title": "Wikipedia:Reliable sources/Perennial sources",
        "attribution": "Wikipedia contributors, Wikipedia:Reliable sources/Perennial sources",
        "licence": "CC BY-SA 4.0",
        "url": "https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources",
        "snapshot": snapshot,
        "statuses": {
            "gr": "generally reliable",
            "nc": "no consensus",
            "m": "marginally reliable",
            "gu": "generally unreliable",
            "d": "deprecated",
        },
        "fields": ["name", "status", "sites", "from", "until", "period", "topic", "shortcuts", "blacklisted"],
        "sources": derived,
    }
    lines = ",\n".join("    " + json.dumps(entry, ensure_ascii=False) for entry in derived)
    head = json.dumps({k: v for k, v in table.items() if k != "sources"}, ensure_ascii=False, indent=2)[:-2]
    out.write_text(f'{head},\n  "sources": [\n{lines}\n  ]\n}}\n', encoding="utf-8")
    dated = sum(1 for entry in derived if entry[5])
    print(f"{len(derived)} of {len(rows)} rows ({dated} with a period) -> {out}")


def derive(row: dict[str, object]) -> list[object] | None:
    text = str(row["alltext"])
    sites = [s.strip().lower() for uses in re.findall(r"\{\{WP:RSPUSES\|([^}]*)\}\}", text) for s in uses.split("|")]
    sites = [s for s in dict.fromkeys(sites) if s and "=" not in s]
    if not sites:
        return None
    status = re.search(r"\{\{WP:RSPSTATUS\|(\w+)([^}]*)\}\}", text)
    assert status is not None, row["id"]
    qualifiers = _qualifiers(_name_cell(text))
    period, topics = None, []
    for qualifier in qualifiers:
        for part in (p.strip() for p in qualifier.split(",")):
            if _period(part) is not None:
                period = part
            elif part.lower() not in DISAMBIGUATORS:
                topics.append(part)
    start, end = _period(period) if period else (None, None)
    if start and period and _month_only(period) and (day := _day_in(str(row.get("summary", "")), start)):
        start = day  # the summary gives the day the name has no room for: "12 March 2014"
        period = f"{int(day[8:])} {period}"
    topic = ", ".join(topics) or None
    if topic and _GENERAL.match(topic):
        topic = None  # "excluding culture": the rating for everything but its exception
    return [
        re.sub(r"\s*\([^()]*\)$", "", str(row["name"])),  # "Polygon (website)": the article's disambiguation
        status.group(1),
        sites,
        start,
        end,
        period.replace("-", "–") if period else None,
        topic,
        list(dict.fromkeys(re.findall(r"\{\{WP:RSPSHORTCUT\|([^}|]+)\}\}", text))),
        "b=y" in status.group(2),
        _words_after_name(_name_cell(text)),
    ]


def _scope_by_name(derived: list[list[object]]) -> None:
    """Words after a name ("HuffPost contributors", "Bloomberg profiles") limit a row to that part of a site
    when another row rates the same site: then they are its topic. Alone on its site ("Fandom wikis") they
    describe all of it. The words are dropped from the row either way."""
    rows_by_site: dict[str, int] = {}
    for entry in derived:
        for site in entry[2]:  # type: ignore[attr-defined]
            rows_by_site[site] = rows_by_site.get(site, 0) + 1
    for entry in derived:
        words = entry.pop()
        shared = any(rows_by_site[site] > 1 for site in entry[2])  # type: ignore[attr-defined]
        if words and shared and entry[6] is None:
            entry[6] = words


def _words_after_name(cell: str) -> str | None:
    """ "non-staff authored articles" in "''Forbes.com'' non-staff authored articles"."""
    match = re.search(r"(?:\]\]|'')\s*(?P<words>[a-z][a-z -]*?)\s*(?:\(|$)", cell.strip())
    return match["words"] if match else None


def _name_cell(text: str) -> str:
    """The row's first cell, the source's name, without its aliases, anchors, notes and shortcuts."""
    cell = text.split("\n| {{WP:RSPSTATUS", 1)[0].split("\n", 1)[1]
    cell = re.sub(r"\{\{(?:snd|ndash|spaced ndash)\}\}", "–", cell)
    cell = re.sub(r"<small>.*?</small>|<span[^>]*>.*?</span>|<span[^>]*/>|data-sort-value=\"[^\"]*\"\s*\|", "", cell)
    cell = re.sub(r"\{\{efn\|[^{}]*(?:\[\[[^\]]*\]\][^{}]*)*\}\}|\{\{[^{}]*\}\}", "", cell)
    return re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"[[\1]]", cell)  # links as their text: [[Fandom]]


def _qualifiers(cell: str) -> list[str]:
    cell = re.sub(r"\[\[[^\]]*\]\]", "", cell)  # "[[Fandom (website)|Fandom]]": the article's, not the row's
    return [" ".join(q.replace("''", "").replace('"', "").split()) for q in re.findall(r"\(([^()]+)\)", cell)]


def _period(text: str | None) -> tuple[str | None, str | None] | None:
    """A period's first day and the day after its last, as ISO dates (None for an open end)."""
    if not text:
        return None
    if match := _BEFORE.match(text):
        return None, _start(match, "b")
    if match := _AFTER.match(text):
        return _after(match, "a"), None
    if match := _RANGE.match(text):
        return _start(match, "a"), _after(match, "b") if match["byear"] else None
    return None


def _start(match: re.Match[str], p: str) -> str:
    month = MONTHS.index(match[f"{p}month"]) + 1 if match[f"{p}month"] else 1
    return date(int(match[f"{p}year"]), month, int(match[f"{p}day"] or 1)).isoformat()


def _after(match: re.Match[str], p: str) -> str:
    """The day after the point ends: after its day, its month or its year."""
    year = int(match[f"{p}year"])
    if not match[f"{p}month"]:
        return date(year + 1, 1, 1).isoformat()
    month = MONTHS.index(match[f"{p}month"]) + 1
    if match[f"{p}day"]:
        return date.fromordinal(date(year, month, int(match[f"{p}day"])).toordinal() + 1).isoformat()
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)).isoformat()


def _month_only(period: str) -> bool:
    return re.match(rf"^(?:{_MONTH})\s+\d{{4}}", period) is not None


def _day_in(summary: str, start: str) -> str | None:
    """The day of the month the summary names for a period that starts with a month ("March 2014" and
    "published on or after 12 March 2014"): a summary gives it where the name has no room."""
    first = date.fromisoformat(start)
    days = {int(d) for d in re.findall(rf"\b(\d{{1,2}})\s+{MONTHS[first.month - 1]}\s+{first.year}\b", summary)}
    return first.replace(day=days.pop()).isoformat() if len(days) == 1 else None


if __name__ == "__main__":
    if len(sys.argv) != 3 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", sys.argv[2]):
        sys.exit("usage: python derive/reliability_table.py RSP_SOURCES.jsonl SNAPSHOT-DATE (YYYY-MM-DD)")
    main(Path(sys.argv[1]), sys.argv[2])
