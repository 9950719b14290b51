"""Seeded single-number errors in real documents: how many the figure rules find, and what they say of controls.

The documents are the seed and the corpus (``../shared/corpus``: wikitext, rendered HTML, copies, reports).
What counts as a total, and which infobox count belongs to which side, is found here by plain arithmetic
and layout, not by the extractor under test:

- **broken totals**: in every claim sentence and infobox field, a number followed or preceded by a run of
  two or more numbers of the same unit that add up to it exactly is a total that adds up. The largest part
  gets its leading digit changed (504 -> 604); found when ``figure-sum-mismatch`` then reports exactly one
  new finding, on that total.
- **infobox sides**: for each ``casualtiesN`` field of a wikitext infobox with a ``combatantN``, its first
  count is copied into a new "Casualties" section in one of several phrasings, naming the combatant, with
  its value changed by 40%; found when ``conflicting-figures`` reports the copy.
- **controls**, which must raise nothing: the same copies with the value unchanged (reworded agreement), and
  every number that stands alone in its sentence (so in no total) with its leading digit changed, for which
  ``figure-sum-mismatch`` must stay silent.

Run from the repository root: ``python3 benchmarks/seeded_figures.py``; ``tests/test_seeded_figures.py``
holds the targets (90% found, no control alarm).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from auditor.document import BlockKind, Document
from auditor.extract.facts import Facts
from auditor.extract.quantities import Hedge, Quantity, find_quantities
from auditor.readers.detect import SUFFIXES
from auditor.readers.files import read_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rules_helper import run_rule  # noqa: E402  (the tests' way to run one rule with its defaults)

SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("wikitext", "html", "reports")
_DIGITS = re.compile(r"\d[\d,]*")
_CASUALTIES = re.compile(r"casualties([1-9])")
# "dead, wounded, or captured": an infobox count's own words, up to markup or the line's end.
_WORDS_AFTER = re.compile(r"[ \t]*[a-z][a-z ,]*[a-z]", re.IGNORECASE)
_LOSSES = re.compile(r"kill|dead|died|death|wound|injur|captur|missing|casualt|losses|execut|prisoner", re.IGNORECASE)
_THINGS = re.compile(r"\b(?:ships?|guns?|aircraft|tanks?|vessels?|cannons?)\b", re.IGNORECASE)
_COUNTING_FIELD = re.compile(r"casualt|loss|strength|killed|dead", re.IGNORECASE)
_SECTION_END = re.compile(r"^==\s*(?:See also|Notes|References|Footnotes|Citations|Sources|Bibliography)", re.M)
# Numbers that the arithmetic finds but that are no total of losses or strength, read one by one:
# (document, total as written, its first part as written) and why.
NOT_TOTALS = {
    ("Battle_of_Britain_Day.wikitext", "1,120", "620"): "aircraft, not people",
    ("Battle_of_Britain_Day.wikitext", "19", "nine"): "19 killed, nine captured and 10 wounded: a list",
    ("Battle_of_Naupactus.wikitext", "twenty", "eleven"): "ships, and three different groups of them",
    ("Battle_of_Waterloo.wikitext", "17,000", "11,000"): "Netherlands 17,000, Hanover 11,000, Brunswick 6,000: a list",
    ("Battle_of_Bakhmut.later.md", "50,000", "10,000"): "recruits, most of them not losses (26,000 pardoned)",
    ("Medical-Facilities-Under-Fire__Incident-3.md", "10", "3"): "10 killed, 3 of them from Heesh; 7 displaced",
}

# A copy of an infobox count in the body, naming its side: "{counted}" is the infobox's own words for it.
_PHRASINGS = (
    "{side} losses were {n} {counted}.",
    "The {side} forces suffered {n} {counted}.",
    "In all, the {side} lost {n} {counted}.",
)


@dataclass
class Tally:
    cases: list[tuple[bool, str]] = field(default_factory=list)  # whether each case was reported, and what it was

    def add(self, reported: bool, what: str) -> None:
        self.cases.append((reported, what))

    @property
    def tried(self) -> int:
        return len(self.cases)

    @property
    def found(self) -> int:
        return sum(reported for reported, _ in self.cases)

    @property
    def rate(self) -> float:
        return self.found / self.tried if self.tried else 0.0

    def listed(self, reported: bool) -> list[str]:
        return [what for flag, what in self.cases if flag is reported]


@dataclass
class Results:
    totals: Tally = field(default_factory=Tally)  # broken totals found
    sides: Tally = field(default_factory=Tally)  # changed infobox copies found
    agreeing: Tally = field(default_factory=Tally)  # control: unchanged copies that raised an alarm
    lone: Tally = field(default_factory=Tally)  # control: lone numbers changed that raised a sum alarm

    def table(self) -> str:
        rows = [
            ("broken totals (figure-sum-mismatch)", self.totals, "found"),
            ("changed infobox copies (conflicting-figures)", self.sides, "found"),
            ("control: unchanged copies, reworded", self.agreeing, "alarms"),
            ("control: lone numbers changed", self.lone, "alarms"),
        ]
        lines = ["| seeded change | cases | result | rate |", "|---|---:|---:|---:|"]
        for name, tally, word in rows:
            lines.append(f"| {name} | {tally.tried} | {tally.found} {word} | {tally.rate:.0%} |")
        return "\n".join(lines)


def documents() -> list[Path]:
    paths = [SEED]
    for folder in FOLDERS:
        paths.extend(sorted(p for p in (CORPUS / folder).rglob("*") if p.suffix.lower() in SUFFIXES))
    return [p for p in paths if p.exists()]


def measure(paths: list[Path] | None = None) -> Results:
    results = Results()
    for path in documents() if paths is None else paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = read_text(path, str(path), text)
        _broken_totals(path, text, doc, results)
        _infobox_copies(path, text, doc, results)
    return results


# --- broken totals ---------------------------------------------------------------------------------------


def _units(doc: Document) -> Iterator[tuple[int, int]]:
    """Where a total of losses or strength may be: infobox fields that count them, whole (a copy gives one
    block per line), and claim sentences outside infoboxes that speak of losses."""
    fields: dict[tuple[str | None, int], list[int]] = {}
    for block in doc.blocks:
        if block.kind is BlockKind.INFOBOX_FIELD:
            span = fields.setdefault((block.label, block.column), [block.span.start, block.span.end])
            span[1] = block.span.end
    boxed = [(start, end) for (label, _), (start, end) in fields.items()]
    yield from ((start, end) for (label, _), (start, end) in fields.items() if _COUNTING_FIELD.search(label or ""))
    for sentence in doc.claim_sentences:
        start, end = sentence.span.start, sentence.content_end
        if not any(a <= start < b for a, b in boxed) and _LOSSES.search(doc.masked, start, end):
            yield start, end


def _plain(quantity: Quantity) -> bool:
    """A single count as written ("504", "2,764+", "three"), not a range, share or guess."""
    return (
        not quantity.is_range
        and not quantity.percent
        and quantity.low >= 2
        and quantity.hedge in (Hedge.EXACT, Hedge.AT_LEAST)
    )


def _changeable(doc: Document, text: str, quantity: Quantity) -> bool:
    """Written in digits in the source itself, not made by a template ({{convert|160|acre}})."""
    return not quantity.words and text[quantity.start : quantity.end] == doc.masked[quantity.start : quantity.end]


def totals_that_add_up(doc: Document) -> Iterator[tuple[Quantity, list[Quantity]]]:
    """Each number that a run of two or more numbers right after or right before it adds up to exactly."""
    for start, end in _units(doc):
        numbers = [q for q in find_quantities(doc.masked, start, end) if _plain(q)]
        for index, total in enumerate(numbers):
            for run in (numbers[index + 1 :], numbers[:index][::-1]):
                added = 0.0
                for count, part in enumerate(run, start=1):
                    added += part.low
                    if added == total.low and count >= 2:
                        yield total, sorted(run[:count], key=lambda q: q.start)
                        break
                    if added > total.low:
                        break


def _changed(text: str, quantities: list[Quantity]) -> str:
    """The text with each quantity's leading digit changed (up by one, or down from 9), its length kept."""
    chars = list(text)
    for quantity in quantities:
        match = _DIGITS.search(text, quantity.start, quantity.end)
        assert match is not None
        chars[match.start()] = _other_digit(text[match.start()])
    return "".join(chars)


def _other_digit(digit: str) -> str:
    return str(int(digit) + 1 if digit < "9" else 8)


def _new_findings(rule: str, path: Path, text: str, before: set[int]) -> list:
    """The findings of ``rule`` on ``text`` read as ``path``, but for those at offsets in ``before``."""
    return [f for f in run_rule(rule, Facts(read_text(path, str(path), text))) if f.start not in before]


def _broken_totals(path: Path, text: str, doc: Document, results: Results) -> None:
    """Every total that adds up, one part of each changed at once: totals lie in separate sentences or fields,
    so each change must give exactly one finding, on its own total, and none elsewhere."""
    before = {f.start for f in run_rule("figure-sum-mismatch", Facts(doc))}
    changes: dict[int, tuple[Quantity, Quantity, list[Quantity]]] = {}  # by total: total, changed part, parts
    taken: set[int] = set()
    for total, parts in totals_that_add_up(doc):
        if (path.name, text[total.start : total.end], text[parts[0].start : parts[0].end]) in NOT_TOTALS:
            continue
        changeable = [q for q in parts if _changeable(doc, text, q)]
        if total.start in changes or not changeable or taken & {q.start for q in (total, *parts)}:
            continue
        taken.update(q.start for q in (total, *parts))
        changes[total.start] = (total, max(changeable, key=lambda q: q.low), parts)
    if changes:
        new = _new_findings("figure-sum-mismatch", path, _changed(text, [c[1] for c in changes.values()]), before)
        for total, _, parts in changes.values():
            on_it = [f for f in new if f.start <= total.start < f.end]
            results.totals.add(len(on_it) == 1, f"{path.name}: {text[total.start : total.end]} = {_terms(text, parts)}")
        for finding in new:
            if not any(finding.start <= total.start < finding.end for total, _, _ in changes.values()):
                results.totals.add(False, f"{path.name}: a finding on no seeded total: {finding.message}")
    lone = []
    for sentence in doc.claim_sentences:
        numbers = find_quantities(doc.masked, sentence.span.start, sentence.content_end)
        if (
            len(numbers) == 1
            and _plain(numbers[0])
            and _changeable(doc, text, numbers[0])
            and _LOSSES.search(doc.masked, sentence.span.start, sentence.content_end)
        ):
            lone.append((numbers[0], sentence))
    if lone:
        alarms = _new_findings("figure-sum-mismatch", path, _changed(text, [q for q, _ in lone]), before)
        for _, sentence in lone:
            raised = any(sentence.span.start <= f.start < sentence.content_end for f in alarms)
            results.lone.add(raised, f"{path.name}: {text[sentence.span.start : sentence.content_end]}")


def _terms(text: str, parts: list[Quantity]) -> str:
    return " + ".join(text[q.start : q.end] for q in parts)


# --- infobox sides ---------------------------------------------------------------------------------------


def _infobox_copies(path: Path, text: str, doc: Document, results: Results) -> None:
    """Each side's first infobox count copied into a new section, in several phrasings: changed, all at once
    (each in a paragraph of its own), and unchanged, all at once."""
    if doc.format != "wikitext":
        return
    combatants = {
        int(b.label[-1]): _first_line(doc, b.span.start, b.span.end)
        for b in doc.blocks
        if b.kind is BlockKind.INFOBOX_FIELD and b.label and re.fullmatch(r"combatant[1-9]", b.label)
    }
    copies: list[tuple[str, str, str]] = []  # the changed sentence, the unchanged one, what was copied
    for block in doc.blocks:
        match = _CASUALTIES.fullmatch(block.label or "") if block.kind is BlockKind.INFOBOX_FIELD else None
        side = combatants.get(int(match.group(1))) if match else None
        numbers = [q for q in find_quantities(doc.masked, block.span.start, block.span.end) if _plain(q)]
        if not side or not numbers or not _changeable(doc, text, numbers[0]) or numbers[0].hedge is not Hedge.EXACT:
            continue  # "over 1,000 killed" allows 2,000 too
        count = numbers[0]
        if re.match(r"\D{0,5}\d", doc.masked[count.end : count.end + 6]):
            continue  # "92,000–100,000", or a range the source garbled
        words = _WORDS_AFTER.match(doc.readable, count.end)
        counted = " ".join(words.group(0).split()) if words else ""
        if (counted and not _LOSSES.search(counted)) or _THINGS.search(counted):
            continue  # "8 ships captured", "3 guns"
        written = text[count.start : count.end]
        digit = _DIGITS.search(written)
        assert digit is not None
        changed = written[: digit.start()] + _other_digit(written[digit.start()]) + written[digit.start() + 1 :]
        for phrasing in _PHRASINGS:
            sentences = [phrasing.format(side=side, n=n, counted=counted or "casualties") for n in (changed, written)]
            sentences = [s[0].upper() + s[1:] for s in sentences]
            copies.append((*sentences, f"{path.name}: {written} {counted} of {side}"))
    if not copies:
        return
    end = _SECTION_END.search(text)
    at = end.start() if end else len(text)
    for index, tally in ((0, results.sides), (1, results.agreeing)):
        inserted, spans = "\n== Casualties ==\n", []
        for number, copy in enumerate(copies):
            spans.append((at + len(inserted), at + len(inserted) + len(copy[index])))
            inserted += f"{copy[index]}<ref>Seeded, p. {number}.</ref>\n\n"
        found = _new_findings("conflicting-figures", path, text[:at] + inserted + text[at:], set())
        for (start, stop), copy in zip(spans, copies, strict=True):
            tally.add(any(start <= f.start < stop for f in found), f"{copy[2]}: {copy[index]}")


def _first_line(doc: Document, start: int, end: int) -> str:
    """A combatant field's name, as a reader sees it ("United States", "Kingdom of France"), when it names one
    combatant only: a count in a column of several is all of theirs, not the first one's."""
    names = []
    pairs = zip(doc.readable[start:end], doc.text[start:end], strict=True)
    shown = "".join(c for c, s in pairs if not (c == " " and s in "[]"))
    for line in shown.split("\n"):  # "[[Cavalier|Royalist]]s" renders "Royalists"
        name = " ".join(re.sub(r"\[\d+\]|\(.*?\)|[^\w\s.'’-]", " ", line).split())
        if name and name[0].isupper() and not any(c.isdigit() for c in name):
            names.append(name)
    return names[0] if len(names) == 1 else ""


def main() -> None:
    results = measure()
    print(results.table())
    for what in results.totals.listed(False):
        print(f"missed total: {what}")
    for what in results.sides.listed(False):
        print(f"missed copy: {what}")
    for what in results.agreeing.listed(True) + results.lone.listed(True):
        print(f"control alarm: {what}")


if __name__ == "__main__":
    main()
