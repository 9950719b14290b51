"""Seed real date errors into real documents and count how many the date rules report.

Each trial changes one document in one place, reads it again and runs the five
date rules; what is new against the unchanged document is what the change
caused. An error is found when the rule it calls for reports it on the line of
the change. A control moves dates consistently and must cause nothing.

Errors, each placed where a reader would see it:

- a wrong weekday before a date in the text, or in a reference's date;
- an impossible day (31 April, 30 February) in the text, or in a reference;
- an access date moved a month before the publication date;
- a source dated ten days before the event its claim opens with ("On 3 July
  2014, ...");
- a stale duration: in brackets after a range, or in prose after it (", which
  lasted 12 days,"), a week off.

Controls: the right weekday; an access date a month after publication; a
source dated the day of its event; the right duration (counting both ends);
and every year of the document moved back 400 years, which keeps every
weekday, leap day and interval.

Sites are found by their own patterns in the text as a reader sees it, not by
the date extractor, so a date the extractor misses is a miss.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from auditor.config.defaults import rule_defaults
from auditor.config.settings import ActiveRule
from auditor.document import BlockKind, Document, Marker, Reference
from auditor.engine import audit
from auditor.extract.citing import cited_sentence
from auditor.extract.facts import Facts
from auditor.readers.files import read_text

RULES = ("contradictory-dates", "duration-mismatch", "source-predates-claim", "invalid-date", "chronology-order")
MONTHS = "January February March April May June July August September October November December".split()
_MONTH = "|".join(MONTHS)
_SHORT = "|".join(m[:3] for m in MONTHS) + "|Sept"
_PROSE_BLOCKS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
# A full date standing alone: not in a range, not after a weekday.
_FULL = re.compile(
    rf"(?<![–—-] )(?<!day, )(?<!day )(?<! to )(?<! and )(?<! until )(?<![\w–—-])"
    rf"(?:(?P<d>\d{{1,2}}) (?P<m>{_MONTH}) (?P<y>\d{{4}})|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}}))"
    rf"(?![\w–—-])(?! [–—-])"
)
# A claim whose date is plainly its event's: it opens with the date ("On 3 July 2014,", "In July 2014,"), or
# ends with it ("... captured the town on 3 July 2014."), and plans nothing.
_DAY = rf"(?:(?P<d>\d{{1,2}}) (?P<m>{_MONTH}) (?P<y>\d{{4}})|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}}))"
_OPENING = re.compile(rf"(?:On {_DAY}|In (?P<mm>{_MONTH}) (?P<my>\d{{4}})),")
_ENDING = re.compile(rf" (?:on {_DAY}|in (?P<mm>{_MONTH}) (?P<my>\d{{4}}))[.;]?$")
_PLANS = re.compile(r"\b(?:will|would|shall|scheduled|planned|due|expected|set to|is to|was to|if)\b")
_ASIDES = re.compile(r"\(|\b(?:who|which|whose|born|died|since|by|before|until|after)\b", re.IGNORECASE)
# A reference's date, whole: "3 July 2014", "July 3, 2014", "Jul 3, 2014", "3 Jul 2014", "2014-07-03".
_FIELD = re.compile(
    rf"(?P<d>\d{{1,2}}) (?P<m>{_MONTH}|{_SHORT})\.? (?P<y>\d{{4}})|(?P<m2>{_MONTH}|{_SHORT})\.? (?P<d2>\d{{1,2}}),"
    rf" (?P<y2>\d{{4}})|(?P<iy>\d{{4}})-(?P<im>\d\d)-(?P<id>\d\d)"
)
_LABEL = re.compile(
    r"(?:(?P<accessed>access-?date\s*=\s*|etrieved\s+(?:on\s+)?)|(?P<archived>archive-?date\s*=\s*|original\S*\s+"
    r"(?:\S+\s+)?on\s+)|(?P<published>\|\s*(?:date|publication-date)\s*=\s*))$",
    re.IGNORECASE,
)
# "3 May – 1 June 2014", "18–23 September 2013", "April 19, 1775 – September 3, 1783", "December 1–13, 1937"
_RANGE = re.compile(
    rf"(?P<a>\d{{1,2}}) (?P<am>{_MONTH})(?: (?P<ay>\d{{4}}))? ?[–-] ?(?P<b>\d{{1,2}}) (?P<bm>{_MONTH}) (?P<by>\d{{4}})"
    rf"|(?P<c>\d{{1,2}})[–-](?P<e>\d{{1,2}}) (?P<cm>{_MONTH}) (?P<cy>\d{{4}})"
    rf"|(?P<am2>{_MONTH}) (?P<a2>\d{{1,2}})(?:, (?P<ay2>\d{{4}}))? ?[–-] ?"
    rf"(?P<bm2>{_MONTH}) (?P<b2>\d{{1,2}}), (?P<by2>\d{{4}})"
    rf"|(?P<cm2>{_MONTH}) (?P<c2>\d{{1,2}})[–-](?P<e2>\d{{1,2}}), (?P<cy2>\d{{4}})"
)
# A year, not a part of a longer number ("1,944", "2014.5"): commas and stops may stand beside it.
_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])(?:1[4-9]|20)\d\d(?!\d|[,.]\d)")
_EARLY_YEAR = re.compile(r"(?<!\d)(?<!\d[,.])1[0-3]\d\d(?!\d|[,.]\d)")
_SHORT_MONTHS = (2, 4, 6, 9, 11)
_LONGEST = 900  # days: a duration seeded is a count of days, which prose writes in fewer than four digits
# The two kinds of stale duration, seeded alike
BRACKETS, PROSE = "stale duration in brackets", "stale duration in prose"


@dataclass(frozen=True)
class Trial:
    kind: str
    control: bool
    text: str
    rule: str | None = None  # the rule an error calls for
    line: int | None = None  # where it must be reported


@dataclass
class Tally:
    seeded: int = 0
    found: int = 0
    controls: int = 0
    alarms: int = 0

    def add(self, other: Tally) -> None:
        self.seeded += other.seeded
        self.found += other.found
        self.controls += other.controls
        self.alarms += other.alarms


def findings(doc: Document) -> Counter[tuple[str, int, str]]:
    """The date rules' findings on ``doc``, by rule, line and message."""
    active = tuple(ActiveRule(d.rule, d.severity, d.options) for d in rule_defaults() if d.rule.name in RULES)
    return Counter((f.rule, f.line, f.message) for f in audit(Facts(doc), active))


def _places(found: Counter[tuple[str, int, str]]) -> Counter[tuple[str, int]]:
    """Findings by rule and line alone: a control that moves every year changes messages, not places."""
    return Counter({(rule, line): n for (rule, line, _), n in found.items()})


def run(paths: list[Path], per_kind: int, misses: list[str] | None = None) -> dict[str, Tally]:
    """Seed up to ``per_kind`` errors and controls of each kind into each document; a tally per kind.
    ``misses``, when given, collects a line for each error not found and each control alarm."""
    tallies: dict[str, Tally] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        original = read_text(path, str(path), text)
        before = findings(original)
        for trial in trials(original, random.Random(path.name), per_kind):
            after = findings(read_text(path, str(path), trial.text))
            tally = tallies.setdefault(trial.kind, Tally())
            if trial.control:
                new = _places(after) - _places(before)
                tally.controls += 1
                tally.alarms += bool(new)
                if new and misses is not None:
                    misses.append(f"alarm: {trial.kind}: {path.name}: {sorted(new)}")
            else:
                tally.seeded += 1
                hit = any(rule == trial.rule and line == trial.line for rule, line, _ in after - before)
                tally.found += hit
                if not hit and misses is not None:
                    misses.append(f"missed: {trial.kind}: {path.name}:{trial.line}")
    return tallies


def trials(doc: Document, rng: random.Random, per_kind: int) -> Iterator[Trial]:
    text = doc.text
    for _kind, sites in _site_kinds(doc):
        for site in rng.sample(sites, min(per_kind, len(sites))):
            yield from site(text)
    if not _EARLY_YEAR.search(text):
        yield Trial("years moved back 400 years", True, _YEAR.sub(lambda m: str(int(m.group(0)) - 400), text))


# --- sites ---------------------------------------------------------------------------------------

Site = Callable[[str], Iterator[Trial]]


def _site_kinds(doc: Document) -> list[tuple[str, list[Site]]]:
    dates = _text_dates(doc)
    short_references = [s for s in _reference_dates(doc) if _field_month(s[1]) in _SHORT_MONTHS]
    ranges = [m for m in _ranges(doc) if _range_days(m) < _LONGEST]  # "which lasted 23834 days" reads as no duration
    prosed = [m for m in ranges if _in_prose(doc, m.start())]
    return [
        ("weekday in text", [_weekday_in_text(doc, m) for m in dates]),
        ("impossible date in text", [_impossible_in_text(doc, m) for m in dates if _short(m)]),
        ("weekday in a reference", [_weekday_in_reference(doc, *s) for s in _reference_dates(doc) if not s[1]["iy"]]),
        ("impossible date in a reference", [_impossible_in_reference(doc, *s) for s in short_references]),
        ("access before publication", [_access(doc, r, p, a) for r, p, a in _accessed(doc)]),
        ("source dated before its event", [_predates(doc, *s) for s in _cited_events(doc)]),
        ("event dated after its source", [_postdates(doc, *s) for s in _events_in_claims(doc)]),
        (BRACKETS, [_stale_duration(doc, m, BRACKETS, " ({days} days)") for m in ranges]),
        (PROSE, [_stale_duration(doc, m, PROSE, ", which lasted {days} days,") for m in prosed]),
    ]


def _text_dates(doc: Document) -> list[re.Match[str]]:
    """Full dates in prose, written the same in the source as a reader sees them."""
    found = []
    for block in doc.blocks:
        if block.kind in _PROSE_BLOCKS:
            for match in _FULL.finditer(doc.readable, *block.span):
                if doc.text[match.start() : match.end()] == match.group(0):
                    found.append(match)
    return found


def _ranges(doc: Document) -> list[re.Match[str]]:
    found = []
    for block in doc.blocks:
        if block.kind in (*_PROSE_BLOCKS, BlockKind.INFOBOX_FIELD):
            for match in _RANGE.finditer(doc.readable, *block.span):
                after = doc.readable[match.end() : match.end() + 3].lstrip()
                if (doc.text[match.start() : match.end()] == match.group(0) and not after.startswith("(")
                        and _range_days(match) >= 0):  # fmt: skip
                    found.append(match)
    return found


def _reference_dates(doc: Document) -> list[tuple[Reference, re.Match[str]]]:
    """Each reference's publication date, a day, where it is written in the reference."""
    found = []
    for reference in doc.references:
        match = _field_in(doc, reference, reference.fields.date)
        if match:
            found.append((reference, match))
    return found


def _accessed(doc: Document) -> list[tuple[Reference, re.Match[str], re.Match[str]]]:
    found = []
    for reference, published in _reference_dates(doc):
        accessed = _field_in(doc, reference, reference.fields.access_date, accessed=True)
        if accessed:
            found.append((reference, published, accessed))
    return found


def _field_in(doc: Document, reference: Reference, value: str | None, accessed: bool = False) -> re.Match[str] | None:
    """Where a reference writes the date ``value`` of its publication (or access): the one of its places
    that the right words lead to, when the same date is written more than once."""
    if not value or not _FIELD.fullmatch(value):
        return None
    places: dict[str, list[int]] = {}
    visible = [at for at in _occurrences(doc.text, value, *reference.span) if doc.readable.startswith(value, at)]
    for at in visible or _occurrences(doc.text, value, *reference.span):  # a template's values are not visible
        label = _LABEL.search(doc.text, max(0, at - 30), at)
        places.setdefault(label.lastgroup if label and label.lastgroup else "unlabelled", []).append(at)
    # A template labels its dates; a copy's text gives the publication date after the title, which may hold
    # the same date ("7.30 Report – 14 December 1999", then "14 December 1999").
    chosen = places.get("accessed" if accessed else "published") or ([] if accessed else places.get("unlabelled"))
    return _FIELD.match(doc.text, chosen[-1]) if chosen else None


def _occurrences(text: str, value: str, start: int, end: int) -> Iterator[int]:
    at = text.find(value, start, end)
    while at >= 0:
        yield at
        at = text.find(value, at + 1, end)


def _cited_events(doc: Document) -> list[tuple[Marker, Reference, re.Match[str], date]]:
    """Markers that stand alone after a claim plainly dated by its event, citing a reference with a
    publication date; with the first day the event could fall on."""
    dated = {r.key: (r, m) for r, m in _reference_dates(doc)}
    found = []
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        if sentence is None or marker.key not in dated or _grouped(doc, marker):
            continue
        words = doc.readable[sentence.span.start : sentence.content_end].rstrip()
        dated_by = None if _PLANS.search(words) else _OPENING.match(words) or _ENDING.search(words)
        if dated_by:
            found.append((marker, *dated[marker.key], _event_day(dated_by)))
    return found


def _events_in_claims(doc: Document) -> list[tuple[Marker, Reference, re.Match[str], re.Match[str]]]:
    """Markers that stand alone after a claim with one full date, in the clause they close and written as a
    reader sees it, citing a reference with a publication date a day of: the date to move past the source's."""
    dated = {r.key: (r, m) for r, m in _reference_dates(doc)}
    found = []
    for marker in doc.markers:
        sentence = cited_sentence(doc, marker)
        if sentence is None or marker.key not in dated or _grouped(doc, marker):
            continue
        start = max([sentence.span.start, *(m.span.end for m in doc.markers_by_block[marker.block]
                                            if sentence.span.start <= m.span.start < marker.span.start)])  # fmt: skip
        clause = doc.readable[start : min(marker.span.start, sentence.content_end)]
        dates = list(_FULL.finditer(clause))
        if len(dates) != 1 or _PLANS.search(clause) or _ASIDES.search(clause):
            continue
        at = start + dates[0].start()
        if doc.text.startswith(dates[0].group(0), at):
            found.append((marker, *dated[marker.key], _FULL.match(doc.text, at)))
    return found


def _event_day(match: re.Match[str]) -> date:
    if match["mm"]:
        return date(int(match["my"]), MONTHS.index(match["mm"]) + 1, 1)
    return _text_day(match)


def _grouped(doc: Document, marker: Marker) -> bool:
    """Whether another marker stands right beside ``marker`` ("[4][5]"): either may support the claim."""
    return any(
        other is not marker and not doc.masked[min(other.span.end, marker.span.end) : max(other.span.start,
                                                                                          marker.span.start)].strip()
        for other in doc.markers_by_block.get(marker.block, [])
    )  # fmt: skip


# --- trials --------------------------------------------------------------------------------------


def _weekday_in_text(doc: Document, match: re.Match[str]) -> Site:
    day = _text_day(match)

    def seed(text: str) -> Iterator[Trial]:
        line = doc.line_col(match.start())[0]
        wrong, right = _weekdays(day)
        yield Trial("weekday in text", False, _insert(text, match.start(), f"{wrong}, "), "invalid-date", line)
        yield Trial("weekday in text", True, _insert(text, match.start(), f"{right}, "))

    return seed


def _impossible_in_text(doc: Document, match: re.Match[str]) -> Site:
    group = "d" if match["d"] else "d2"

    def seed(text: str) -> Iterator[Trial]:
        impossible = "30" if _text_day(match).month == 2 else "31"
        line = doc.line_col(match.start())[0]
        yield Trial("impossible date in text", False, _replace(text, match.span(group), impossible), "invalid-date",
                    line)  # fmt: skip

    return seed


def _weekday_in_reference(doc: Document, reference: Reference, match: re.Match[str]) -> Site:
    day = _field_day(match)

    def seed(text: str) -> Iterator[Trial]:
        line = doc.line_col(match.start())[0]
        wrong, right = _weekdays(day)
        kind = "weekday in a reference"
        yield Trial(kind, False, _insert(text, match.start(), f"{wrong}, "), "invalid-date", line)
        yield Trial(kind, True, _insert(text, match.start(), f"{right}, "))

    return seed


def _impossible_in_reference(doc: Document, reference: Reference, match: re.Match[str]) -> Site:
    group = "d" if match["d"] else "d2" if match["d2"] else "id"

    def seed(text: str) -> Iterator[Trial]:
        impossible = "30" if _field_month(match) == 2 else "31"
        line = doc.line_col(match.start())[0]
        yield Trial("impossible date in a reference", False, _replace(text, match.span(group), impossible),
                    "invalid-date", line)  # fmt: skip

    return seed


def _access(doc: Document, reference: Reference, published: re.Match[str], accessed: re.Match[str]) -> Site:
    def seed(text: str) -> Iterator[Trial]:
        day, line = _field_day(published), doc.line_col(reference.span.start)[0]
        kind = "access before publication"
        earlier = _write_like(accessed, day - timedelta(days=30))
        yield Trial(kind, False, _replace(text, accessed.span(), earlier), "invalid-date", line)
        yield Trial(kind, True, _replace(text, accessed.span(), _write_like(accessed, day + timedelta(days=30))))

    return seed


def _predates(doc: Document, marker: Marker, reference: Reference, published: re.Match[str], event: date) -> Site:
    def seed(text: str) -> Iterator[Trial]:
        line = doc.line_col(marker.span.start)[0]
        kind = "source dated before its event"
        before = _write_like(published, event - timedelta(days=10))
        yield Trial(kind, False, _replace(text, published.span(), before), "source-predates-claim", line)
        accessed = _field_in(doc, reference, reference.fields.access_date, accessed=True)
        if accessed is None or _field_day(accessed) >= event:
            yield Trial(kind, True, _replace(text, published.span(), _write_like(published, event)))

    return seed


def _postdates(doc: Document, marker: Marker, reference: Reference, published: re.Match[str],
               event: re.Match[str]) -> Site:  # fmt: skip
    later = _field_day(published) + timedelta(days=10)

    def seed(text: str) -> Iterator[Trial]:
        line = doc.line_col(marker.span.start)[0]
        moved = _replace(text, event.span(), _write_text_like(event, later))
        yield Trial("event dated after its source", False, moved, "source-predates-claim", line)

    return seed


def _stale_duration(doc: Document, match: re.Match[str], kind: str, written: str) -> Site:
    """A duration after a date range, ``written`` with ``{days}`` for its count: a week off (an error) and
    right (a control; the range's last day counts)."""
    days = _range_days(match)

    def seed(text: str) -> Iterator[Trial]:
        line = doc.line_col(match.end())[0]
        wrong = _insert(text, match.end(), written.format(days=days + 7))
        yield Trial(kind, False, wrong, "duration-mismatch", line)
        yield Trial(kind, True, _insert(text, match.end(), written.format(days=days + 1)))

    return seed


# --- small helpers -------------------------------------------------------------------------------


def _in_prose(doc: Document, offset: int) -> bool:
    sentence = doc.sentence_at(offset)
    return sentence is not None and doc.blocks[sentence.block].kind in _PROSE_BLOCKS


def _short(match: re.Match[str]) -> bool:
    return MONTHS.index(match["m"] or match["m2"]) + 1 in _SHORT_MONTHS


def _text_day(match: re.Match[str]) -> date:
    if match["d"]:
        return date(int(match["y"]), MONTHS.index(match["m"]) + 1, int(match["d"]))
    return date(int(match["y2"]), MONTHS.index(match["m2"]) + 1, int(match["d2"]))


def _field_month(match: re.Match[str]) -> int:
    if match["iy"]:
        return int(match["im"])
    return [m[:3] for m in MONTHS].index((match["m"] or match["m2"])[:3]) + 1


def _field_day(match: re.Match[str]) -> date:
    if match["iy"]:
        return date(int(match["iy"]), int(match["im"]), int(match["id"]))
    day, year = (match["d"], match["y"]) if match["d"] else (match["d2"], match["y2"])
    return date(int(year), _field_month(match), int(day))


def _write_like(match: re.Match[str], day: date) -> str:
    """``day`` written as the reference wrote its date: "3 July 2014", "Jul 3, 2014", "2014-07-03"."""
    if match["iy"]:
        return day.isoformat()
    month = MONTHS[day.month - 1]
    written = match["m"] or match["m2"]
    if len(written) <= 4:
        month = month[:3]
    return f"{day.day} {month} {day.year}" if match["d"] else f"{month} {day.day}, {day.year}"


def _write_text_like(match: re.Match[str], day: date) -> str:
    month = MONTHS[day.month - 1]
    return f"{day.day} {month} {day.year}" if match["d"] else f"{month} {day.day}, {day.year}"


def _range_days(match: re.Match[str]) -> int:
    """How many days a range spans; -1 for one that runs backwards or names a day that does not exist."""
    tail = "2" if match["am2"] or match["cm2"] else ""
    try:
        if match[f"c{tail}"]:
            month, year = MONTHS.index(match[f"cm{tail}"]) + 1, int(match[f"cy{tail}"])
            return (date(year, month, int(match[f"e{tail}"])) - date(year, month, int(match[f"c{tail}"]))).days
        end = date(int(match[f"by{tail}"]), MONTHS.index(match[f"bm{tail}"]) + 1, int(match[f"b{tail}"]))
        year = int(match[f"ay{tail}"] or match[f"by{tail}"])
        return (end - date(year, MONTHS.index(match[f"am{tail}"]) + 1, int(match[f"a{tail}"]))).days
    except ValueError:
        return -1


def _weekdays(day: date) -> tuple[str, str]:
    """A weekday ``day`` was not, and the one it was."""
    right = day.strftime("%A")
    return (day + timedelta(days=3)).strftime("%A"), right


def _insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


def _replace(text: str, span: tuple[int, int], piece: str) -> str:
    return text[: span[0]] + piece + text[span[1] :]
