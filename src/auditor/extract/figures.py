"""Casualty figures: what each number counts, whose it is, who says so, and which totals it adds up to.

Facts are computed once per document (``Facts.figures``) from every claim
sentence and infobox field, whatever reader produced them. A figure is a
quantity (an interval, see ``quantities``) plus:

- its category: the kinds of loss it counts (killed, executed, wounded,
  captured, missing; "casualties" is all four), found after the number ("42
  people were executed") or in the verb before it ("killing 15 rebels");
- its group: the words naming who was counted ("rebel fighters"), and the sides
  those words name, so that rebels are never compared with civilians;
- its source ("according to the SOHR"), whether the text presents it as a
  competing report ("another stated"), and whether it is qualified by a period
  ("since 9 April"), which makes it a different quantity from a whole-war count.

Breakdowns tie a total to the parts listed with it: infobox ``Total:`` lines
and per-side groups, "of which", "including", "a total of N, with ...", a
parenthesised split, or a list followed by "N total".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import takewhile
from typing import NamedTuple

from ..document import BlockKind, Document
from .quantities import RANGE_HINT, Hedge, Quantity, find_quantities, find_ranges

DEAD, EXECUTED, WOUNDED, CAPTURED, MISSING, DESERTED = "dead", "executed", "wounded", "captured", "missing", "deserted"
CASUALTIES = frozenset({DEAD, WOUNDED, CAPTURED, MISSING})
_KINDS = {
    "killed": DEAD, "dead": DEAD, "died": DEAD, "deaths": DEAD, "death": DEAD, "fatalities": DEAD, "slain": DEAD,
    "executed": EXECUTED, "beheaded": EXECUTED, "massacred": EXECUTED,
    "wounded": WOUNDED, "injured": WOUNDED, "injuries": WOUNDED,
    "captured": CAPTURED, "detained": CAPTURED, "surrendered": CAPTURED,
    "missing": MISSING, "deserted": DESERTED,
}  # fmt: skip
_AGGREGATES = {"casualties": CASUALTIES, "losses": CASUALTIES}
# Verbs before a number that say what it counts: "killing 15 rebels", "executed 30 captives".
_VERBS = {
    "killed": DEAD, "killing": DEAD, "kill": DEAD, "kills": DEAD,
    "executed": EXECUTED, "executing": EXECUTED, "execute": EXECUTED, "massacred": EXECUTED,
    "massacring": EXECUTED, "beheaded": EXECUTED,
    "wounded": WOUNDED, "wounding": WOUNDED, "injured": WOUNDED, "injuring": WOUNDED,
    "captured": CAPTURED, "capturing": CAPTURED, "toll": DEAD,
}  # fmt: skip
_LOSING = {"lost": CASUALTIES, "losing": CASUALTIES}  # "rebels lost 40 fighters": killed, captured or missing
_SKIP_BEFORE = frozenset(
    "a an the total of another at least more than some around about reportedly also had have has been were was "
    "up to as many nearly almost over approximately roughly estimated".split()
)
_AUXILIARIES = frozenset("were was had have has been being are is be".split())
_FILLERS = _AUXILIARIES | frozenset("reportedly also all of their the its more additional further estimated".split())
_STOPS = frozenset(
    "while but after when which who whom whose that in at on near from during since as by to for with "
    "including among into than because before per each every".split()
)
_RATE = frozenset({"per", "each", "every", "annually", "yearly", "daily"})
_NOT_PEOPLE = frozenset(
    """
    village town city district province area region neighbourhood neighborhood base checkpoint position
    building hospital well field tank vehicle car truck humvee aircraft plane helicopter jet drone ship boat
    vessel galley transport gun cannon piece rocket launcher mortar weapon rifle horse elephant frigate sloop
    cruiser destroyer battleship carrier submarine gunboat warship
    km kilometer kilometre mile meter metre foot feet acre hectare year month week day hour minute second
    percent dollar pound euro ton tonne barrel share vote seat point goal run page edition time
    """.split()
)
# A count of "these" or "the other" deaths is part of a count given before it, not another report of it.
SUBSET = frozenset("these those them other remaining rest".split())
_DEMOGRAPHIC = frozenset(
    "child children women woman minor minors boy boys girl girls elderly foreigner foreigners".split()
)
_GENERIC = frozenset(
    "people person persons men man individual individuals fighter fighters combatant combatants member members "
    "prisoner prisoners captive captives soldier soldiers troop troops militant militants unidentified".split()
)
_SIDES = {
    "rebel": "rebels", "rebels": "rebels", "opposition": "rebels", "fsa": "rebels", "anti-isis": "rebels",
    "anti-isil": "rebels", "isil": "isil", "isis": "isil", "is": "isil", "daesh": "isil", "jihadists": "isil",
    "civilian": "civilians", "civilians": "civilians", "government": "government", "regime": "government",
    "nusra": "nusra", "kurdish": "kurds", "kurds": "kurds", "ypg": "kurds",
}  # fmt: skip

# Text without any of these word stems states no losses of people, so its numbers need no closer look.
_LOSS_STEMS = (
    "kill", "dead", "died", "death", "execut", "wound", "injur", "captur", "missing", "casualt", "losses",
    "prisoner", "massacr", "behead", "fatal", "toll", "slain", "desert", "detain", "surrender", "lost", "losing",
)  # fmt: skip
_BEFORE, _AFTER = 80, 160  # characters around the numbers of a sentence that are read for words
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|ic|i)")  # American, Japanese, British, French, Iraqi
_SIDE_NAMES = frozenset({"soviet", "union", "confederate", "allied", "allies", "axis", "greek", "swiss", "thai"})
_SIDE_REACH = 10  # tokens back from a number that may name its side
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.\u00a0]*\+?|[;:()\[\]]|[.,!?]")
_SOURCE = re.compile(
    # "according to the U.S. Department of Defense,": a name runs to the clause's end; "U.S." keeps its dots.
    r"\b[Aa]ccording to\s+(?:the\s+|an?\s+)?\s*"
    r"(?P<according>(?:[^,.;:()]|(?<=\b[A-Z])\.){2,60}?)(?=[,;:()]|(?<!\b[A-Z])\.|$| \d)"
    r"|(?P<named>\b(?:the )?(?:[A-Z][\w'’-]*\s?){1,5}|\b(?:opposition|local|pro-\w+) (?:sources?|activists?|media)"
    r"|\b(?:another|one|a second|other) (?:report|source)s?|\banother"
    r"|\b(?:an?|the) (?:[\w-]+ ){0,2}(?:source|report|monitor|estimate)s?)"
    r" (?:reported|said|stated|claimed|estimated|confirmed|put the)\b"
)
_SOURCE_HINT = re.compile(r"ccording|reported|said|stated|claimed|estimated|confirmed|put the")
_COMPETING = re.compile(
    r"\b(?:another|other|one|a second|a different|some|conflicting|differing) (?:report|source|estimate|account|"
    r"activist|monitor|group)s?\b|\bwhile another\b|\b(?:put|puts|placed|gave) the (?:number|toll|figure|count)\b"
    r"|\bother sources\b|\bestimates (?:vary|range|differ)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b(?:since|as of|until|so far|up to (?:that|this) point)\b|\bbetween\b[^.;]*?\band\b|\bfrom\b[^.;]*?\bto\b"
    r"|\bby (?:the end of |late |early |mid-)?(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|\d{4})",
    re.IGNORECASE,
)
_EXTRA = re.compile(r"\b(?:additional|another|further|extra)\s+$", re.IGNORECASE)
_EXTRA_LINE = re.compile(r"\b(?:additional|another|further|estimated)\b", re.IGNORECASE)
_TOTAL_LINE = re.compile(r"^\W*(?:overall\s+)?total\b", re.IGNORECASE)
_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}total\b", re.IGNORECASE)  # "3,798 total", "24,500 men total"
_TOTAL_BEFORE = re.compile(r"\b(?:a total of|in total|totall?ing|for a total of|total of)\s+$", re.IGNORECASE)
_INCLUSIVE = re.compile(r"\b(?:including|among them|among whom|among those|among the dead|of those|such as)\b", re.I)
# Not "compared with"; and not "of them", which follows the part ("10 civilians, 3 of them from Heesh").
_EXHAUSTIVE = re.compile(r"\b(?:of which|of whom)\b|,\s*with\b|:", re.IGNORECASE)
_OPENS_SPLIT = re.compile(r"[^.;:()\d]{0,40}\(")  # "1,408 casualties (200 killed, ..."
_NEAR_CUE = 24  # characters from a cue ("including", "of which") to the first part it lists
_CUE = re.compile(_INCLUSIVE.pattern + "|" + _EXHAUSTIVE.pattern + r"|\(", re.IGNORECASE)
_HEADER = re.compile(r"^\W*(?P<name>[^\d:]{2,40}?)\s*:\s*(?P<rest>.*)$")
_BREAKDOWN_LABEL = re.compile(r"casualt|loss|strength", re.IGNORECASE)


class Figure(NamedTuple):
    quantity: Quantity
    category: frozenset[str]  # empty when the number is not a count of people's losses
    group: str  # the words naming who was counted, as written
    sides: frozenset[str]  # the sides the group names; empty for "people", "fighters"
    block: int
    source: str | None  # who the text attributes it to
    competing: bool  # presented as one report against another
    period: bool  # qualified by a period or a date ("since 9 April"), not the whole event
    extra: bool  # an additional count ("an additional 1,200 ... estimated")
    infobox: bool
    implied: bool  # the category comes from the infobox field, not the words by the number

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A stated total and the parts listed with it."""

    total: Figure
    parts: tuple[Figure, ...]
    extras: tuple[Figure, ...]  # estimates that only the upper bound of a range total adds
    exhaustive: bool  # False for "including": the parts may leave people out
    cue: str  # what tied them: "Total:", "of which", "including", "(…)", "a total of"


@dataclass(frozen=True, slots=True)
class Figures:
    figures: tuple[Figure, ...]  # every count in text about losses, and every range anywhere
    breakdowns: tuple[Breakdown, ...]

    @property
    def parts(self) -> frozenset[Figure]:
        return frozenset(part for b in self.breakdowns for part in (*b.parts, *b.extras))


def same_side(a: Figure, b: Figure, loose: bool = False) -> bool:
    """Whether two counts are of the same people: both of everyone, or of a side both name.

    "42 people" is not "21 rebel fighters": one includes the other. ``loose``, for reports the text
    sets against each other, lets a count that names no side match one that does.
    """
    return a.sides == b.sides or bool(a.sides & b.sides) or (loose and not (a.sides and b.sides))


def extract_figures(doc: Document) -> Figures:
    masked = doc.masked
    figures: list[Figure] = []
    breakdowns: list[Breakdown] = []
    # Two searches over the whole text tell which sentences can hold a figure at all.
    sentences = doc.claim_sentences
    first, last = (sentences[0].span.start, sentences[-1].span.end) if sentences else (0, 0)
    losses = _stem_positions(masked, first, last)
    ranges = [m.start() for m in RANGE_HINT.finditer(masked, first, last)]
    for sentence in sentences:
        start, end = sentence.span.start, sentence.content_end
        block = doc.blocks[sentence.block]
        if block.kind is BlockKind.INFOBOX_FIELD:
            if not block.label or not _label_category(block.label):  # "desc: 45 civilians dead ...": prose
                found = _unit_figures(masked, start, end, sentence.block, frozenset(), infobox=True)
                figures.extend(found)
                breakdowns.extend(_sentence_breakdowns(masked, found))
            continue
        if not _any_between(losses, start, end):
            if _any_between(ranges, start, end):  # kept for inverted-range; they count nothing
                figures.extend(_bare(q, sentence.block) for q in find_ranges(masked, start, end))
            continue
        found = _unit_figures(masked, start, end, sentence.block, frozenset())
        figures.extend(found)
        breakdowns.extend(_sentence_breakdowns(masked, found))
    for label, lines in _infobox_fields(doc, masked):
        default = _label_category(label)
        field_lines = []
        inner: set[Figure] = set()
        for start, end, block in lines:
            found = _unit_figures(masked, start, end, block, default, infobox=True)
            figures.extend(found)
            in_line = _sentence_breakdowns(masked, found)
            breakdowns.extend(in_line)
            inner.update(part for b in in_line for part in b.parts)
            field_lines.append(_Line(start, end, masked[start:end], found, _depth(doc.text, start)))
        breakdowns.extend(_field_breakdowns(field_lines, frozenset(inner)))
    figures.sort(key=lambda f: f.start)
    return Figures(tuple(figures), tuple(breakdowns))


def _stem_positions(text: str, start: int, end: int) -> list[int]:
    """Where a word about losses may start; str.find is many times faster here than a regex."""
    lowered = text[start:end].lower()
    positions = []
    for stem in _LOSS_STEMS:
        index = lowered.find(stem)
        while index != -1:
            positions.append(start + index)
            index = lowered.find(stem, index + 1)
    positions.sort()
    return positions


def _any_between(positions: list[int], start: int, end: int) -> bool:
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


# --- one sentence or infobox line -------------------------------------------------------------


class _Token(NamedTuple):
    start: int
    end: int
    word: str  # lowercased
    number: bool
    text: str  # as written


def _bare(quantity: Quantity, block: int) -> Figure:
    return Figure(quantity, frozenset(), "", frozenset(), block, None, False, False, False, False, False)


def _unit_figures(
    text: str, start: int, end: int, block: int, default: frozenset[str], infobox: bool = False
) -> list[Figure]:
    """The figures of one sentence or infobox line that speaks of losses."""
    quantities = find_quantities(text, start, end)
    if not quantities:
        return []
    # Words farther from every number than these windows cannot say what it counts.
    window = (max(start, quantities[0].start - _BEFORE), min(end, quantities[-1].end + _AFTER))
    tokens = _tokens(text, *window, quantities)
    starts = [t.start for t in tokens]
    unit = text[start:end]
    sources = _sources(text, start, end)
    competing = bool(_COMPETING.search(unit))
    period = bool(_PERIOD.search(unit))
    found: list[Figure] = []
    uncounted: list[bool] = []  # a count of people whose category is not yet known
    previous: tuple[frozenset[str], int] | None = None  # category and token index of the last figure
    for quantity in quantities:
        first = bisect_left(starts, quantity.start)
        after = bisect_left(starts, quantity.end)
        category, group, adjective = _after(tokens, after, infobox)
        verb = _verb_before(tokens, first)
        if verb and (adjective or not category):
            category = verb  # "killed 46 captured fighters": "captured" describes them
        if not category and previous and _chained(tokens, previous[1], first):
            category = previous[0]
        if category == {WOUNDED} and any(t.word == "fatal" for t in group):
            category = frozenset({DEAD})  # "171 fatal injuries"
        people = not (quantity.percent or _is_rate(tokens, after, group) or _not_people(group))
        if not people:
            category = frozenset()
        extra = bool(_EXTRA.search(text, max(start, quantity.start - 20), quantity.start))
        if infobox and _EXTRA_LINE.search(unit):
            extra = True
        found.append(
            Figure(
                quantity,
                category,
                " ".join(t.word for t in group),
                _sides(group) or _side_before(tokens, first),
                block,
                _source_of(quantity, sources),
                competing,
                period,
                extra,
                infobox,
                False,
            )
        )
        uncounted.append(people and not category)
        previous = (category, after - 1) if category else None
    found = _inherit(text, found, uncounted)
    if infobox:  # what nothing in the text names, the field's label does ("Casualties": 979)
        found = [
            f._replace(category=default, implied=True) if still else f
            for f, still in zip(found, _uncounted(found, uncounted), strict=True)
        ]
    return found


def _uncounted(found: list[Figure], uncounted: list[bool]) -> list[bool]:
    return [flag and not figure.category for figure, flag in zip(found, uncounted, strict=True)]


def _inherit(text: str, found: list[Figure], uncounted: list[bool]) -> list[Figure]:
    """Parts listed after a breakdown cue count what their total counts, and a total before
    "including" counts what its parts do: "killed 26 people, of which 23 were rebel fighters",
    "16 people including six rebels were killed"."""
    for index in range(1, len(found)):
        if uncounted[index] and found[index - 1].category:
            between = text[found[index - 1].end : found[index].start]
            if _CUE.search(between) or (not uncounted[index - 1] and re.fullmatch(r"[^.;:()]{0,40}", between)):
                found[index] = found[index]._replace(category=found[index - 1].category)
                uncounted[index] = False
    for index in range(len(found) - 2, -1, -1):
        if uncounted[index] and found[index + 1].category:
            between = text[found[index].end : found[index + 1].start]
            if _INCLUSIVE.search(between) and len(between) < 40:
                found[index] = found[index]._replace(category=found[index + 1].category)
    return found


def _tokens(text: str, start: int, end: int, quantities: list[Quantity]) -> list[_Token]:
    tokens: list[_Token] = []
    spans = iter(quantities)
    current = next(spans, None)
    for match in _TOKEN.finditer(text, start, end):
        while current and current.end <= match.start():
            current = next(spans, None)
        in_number = current is not None and current.start <= match.start() < current.end
        tokens.append(_Token(match.start(), match.end(), match.group(0).lower(), in_number, match.group(0)))
    return tokens


def _after(tokens: list[_Token], index: int, infobox: bool) -> tuple[frozenset[str], list[_Token], bool]:
    """The category named after a number, the words naming who was counted, and whether the
    category word only describes them ("46 captured fighters")."""
    group: list[_Token] = []
    collecting = True
    auxiliary = False
    for position in range(index, min(len(tokens), index + 12)):
        token = tokens[position]
        word = token.word
        if word in ";:()[].,!?":
            if word == "," and _category_at(tokens, position + 1):
                continue  # "dead, wounded, or captured"
            break
        if kinds := _category_at(tokens, position):
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            if following and not infobox and not auxiliary and _active(word, following):
                break  # "two ISIL suicide bombers killed a number of rebels": they killed, not died
            adjective = position == index and following is not None and _names_people(following)
            return _category_run(tokens, position, kinds), group, adjective
        if word == "as" and (kinds := _category_at(tokens, position + 1)):
            return kinds, group, False  # "20,000 lost as prisoners"
        if word in _AUXILIARIES:
            auxiliary = True
        if token.number or word in ("and", "or"):
            collecting = False
            continue
        if word in _STOPS:
            break
        if collecting and word not in _FILLERS:
            group.append(token)
    return frozenset(), group, False


def _active(word: str, following: _Token) -> bool:
    """A verb with an object after it: the counted people did the killing."""
    if word not in _VERBS:
        return False
    return following.word not in _STOPS and following.word not in ";:()[].,!?" and following.word not in ("and", "or")


def _names_people(token: _Token) -> bool:
    word = token.word
    return word in _GENERIC or word.rstrip("s") in _GENERIC or word in _SIDES


def _category_at(tokens: list[_Token], position: int) -> frozenset[str]:
    if position >= len(tokens):
        return frozenset()
    word = tokens[position].word
    if word in _AGGREGATES:
        return _AGGREGATES[word]
    if word == "taken" and position + 1 < len(tokens) and tokens[position + 1].word == "prisoner":
        return frozenset({CAPTURED})
    if word in ("prisoner", "prisoners") and position and tokens[position - 1].word == "as":
        return frozenset({CAPTURED})  # "lost as prisoners", "taken as prisoners"
    kind = _KINDS.get(word)
    return frozenset({kind}) if kind else frozenset()


def _category_run(tokens: list[_Token], position: int, kinds: frozenset[str]) -> frozenset[str]:
    """Join "killed or wounded", "dead, wounded, or captured" into one category."""
    joined = set(kinds)
    position += 1
    while position + 1 < len(tokens) and tokens[position].word in ("or", "and", ","):
        step = 2 if tokens[position + 1].word in ("or", "and") else 1
        more = _category_at(tokens, position + step)
        if not more:
            break
        joined |= more
        position += step + 1
    return frozenset(joined)


def _verb_before(tokens: list[_Token], index: int) -> frozenset[str]:
    for position in range(index - 1, max(-1, index - 6), -1):
        word = tokens[position].word
        if word in _VERBS:
            return frozenset({_VERBS[word]})
        if word in _LOSING:
            return _LOSING[word]
        if word not in _SKIP_BEFORE:
            return frozenset()
    return frozenset()


def _chained(tokens: list[_Token], last: int, index: int) -> bool:
    """Whether a number continues a list begun by the previous one ("37 rebels and 10 ISIL fighters")."""
    between = tokens[last + 1 : index]
    if len(between) > 5 or not any(t.word in ("and", ",") for t in between):
        return False
    return all(t.word not in ";:()." and t.word not in _STOPS for t in between)


def _is_rate(tokens: list[_Token], index: int, group: list[_Token]) -> bool:
    window = [t.word for t in tokens[index : index + len(group) + 4]]
    return any(word in _RATE for word in window) or " a year" in " ".join(window)


def _not_people(group: list[_Token]) -> bool:
    return any(t.word in _NOT_PEOPLE or t.word.rstrip("s") in _NOT_PEOPLE for t in group)


def _sides(group: list[_Token]) -> frozenset[str]:
    """Known sides, and names (capitalised words) the group gives; "IS" but not "is"."""
    sides = set()
    for token in group:
        if token.word == "state" and "islamic" in sides:
            sides.discard("islamic")
            sides.add("isil")
        elif token.word in _SIDES and (token.word != "is" or token.text == "IS"):
            sides.add(_SIDES[token.word])
        elif token.text[0].isupper() and token.word not in _GENERIC:
            sides.add(token.word)
    return frozenset(sides)


def _sources(text: str, start: int, end: int) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if not _SOURCE_HINT.search(text, start, end):
        return found
    for match in _SOURCE.finditer(text, start, end):
        name = " ".join((match["according"] or match["named"]).split())
        found.append((match.start(), "another report" if name.lower() == "another" else name))
    return found


def _side_before(tokens: list[_Token], index: int) -> frozenset[str]:
    """The side a clause names before its number: "Soviet forces sustained 81,116 dead" (the nearest one)."""
    for position in range(index - 1, max(-1, index - _SIDE_REACH), -1):
        token = tokens[position]
        if token.word in ";:.()" or token.word in _VERBS or token.word in _LOSING:
            break  # "ISIL executed 50 prisoners": what comes before the verb names the killers
        if token.text[:1].isupper() and (
            token.word in _SIDES or token.word in _SIDE_NAMES or _DEMONYM.fullmatch(token.text)
        ):
            return frozenset({_SIDES.get(token.word, token.word)})
    return frozenset()


def _source_of(quantity: Quantity, sources: list[tuple[int, str]]) -> str | None:
    """The attribution nearest before a figure ("while another stated nearly 100"), else the first after."""
    before = [name for position, name in sources if position < quantity.start]
    if before:
        return before[-1]
    return sources[0][1] if sources else None


# --- breakdowns in a sentence or line ---------------------------------------------------------


def _sentence_breakdowns(text: str, figures: list[Figure]) -> list[Breakdown]:
    # Extras ("with another 20,000 lost as prisoners") add to a total; they are not parts of it.
    counted = [f for f in figures if f.category and f.quantity.hedge is not Hedge.VAGUE and not f.extra]
    found: list[Breakdown] = []
    used: set[int] = set()
    for index, total in enumerate(counted):
        if index in used:
            continue
        rest = counted[index + 1 :]
        gap = text[total.end : rest[0].start] if rest else ""
        breakdown: Breakdown | None = None
        if rest and (split := _OPENS_SPLIT.match(gap)):
            # "1,408 casualties (200 killed, 969 wounded and 239 missing)"; not "7,000 (810 of which ...)"
            closing = _closing(text, total.end)
            parts = _list_after(text, total.end + split.end(), [f for f in rest if f.start < closing])
            inside = text[total.end + split.end() : closing]
            subset = bool(_INCLUSIVE.search(inside) or _EXHAUSTIVE.search(inside))
            breakdown = Breakdown(total, tuple(parts), (), len(parts) > 1 and not subset, "(…)")
        elif rest and _TOTAL_BEFORE.search(text, max(0, total.start - 20), total.start) and (cue := _CUE.search(gap)):
            parts = _list_after(text, total.end + cue.end(), rest)
            breakdown = Breakdown(total, tuple(parts), (), True, "a total of")
        elif rest and (cue := _INCLUSIVE.search(gap) or _EXHAUSTIVE.search(gap)) and cue.start() <= _NEAR_CUE:
            parts = _list_after(text, total.end + cue.end(), rest)
            inclusive = bool(_INCLUSIVE.match(cue.group(0)))
            demographic = any(set(p.group.split()) & _DEMOGRAPHIC for p in parts)
            breakdown = Breakdown(
                total, tuple(parts), (), not inclusive and len(parts) > 1 and not demographic, cue.group(0).lower()
            )
        elif index and _TOTAL_AFTER.match(text, total.end) and not total.infobox:
            parts = [f for f in counted[:index] if f.start > total.start - 400]
            breakdown = Breakdown(total, tuple(parts), (), True, "total")
        if breakdown is None:
            continue
        parts = [p for p in breakdown.parts if _fits(p, total)]
        if parts:
            found.append(Breakdown(total, tuple(parts), (), breakdown.exhaustive, breakdown.cue))
            if breakdown.cue != "total":
                used.update(i for i, f in enumerate(counted) if f in parts)
    return found


def _closing(text: str, start: int) -> int:
    opening = text.find("(", start)
    closing = text.find(")", opening)
    return closing if closing != -1 else len(text)


def _list_after(text: str, cue_end: int, rest: list[Figure]) -> list[Figure]:
    """The figures listed right after a cue, each joined to the last by a comma or "and".

    The first must follow the cue closely: "including Major Max Gruber, II./KG 53's commander"
    lists a person, not a count.
    """
    if not rest or rest[0].start - cue_end > _NEAR_CUE:
        return []
    parts = [rest[0]]
    for figure in rest[1:]:
        between = text[parts[-1].end : figure.start]
        if len(between) > 60 or any(mark in between for mark in ";()") or not re.search(r",|\band\b", between):
            break
        parts.append(figure)
    return parts


# --- infobox fields ---------------------------------------------------------------------------


class _Line(NamedTuple):
    start: int
    end: int
    text: str
    figures: list[Figure]
    depth: int  # list depth in the source ("* Netherlands: 17,000" under "Anglo-allies: 68,000")


@dataclass
class _Group:
    """A side's lines in a field ("United States:" and what follows), or one line outside any side."""

    total: Figure | None  # the group's own total, if it states one
    members: list[Figure]  # the figures its lines list, brackets left out
    top: bool = False  # a field-wide "Total:" line
    partial: bool = False  # a line names people without a count ("the rest were militia"): the list is incomplete


def _infobox_fields(doc: Document, masked: str) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """Each field that counts losses or strength, as its lines (start, end, block); a copy gives one block per
    line. A field counts losses when its label says so: "casualties1", "Casualties and losses", "Reported killed"."""
    fields: list[tuple[str, list[tuple[int, int, int]]]] = []
    previous: str | None = None
    for index, block in enumerate(doc.blocks):
        if block.kind is not BlockKind.INFOBOX_FIELD or not block.label or not _label_category(block.label):
            previous = None
            continue
        if block.label != previous:
            fields.append((block.label, []))
            previous = block.label
        position = block.span.start
        for line in masked[block.span.start : block.span.end].split("\n"):
            if line.strip():
                fields[-1][1].append((position, position + len(line), index))
            position += len(line) + 1
    return fields


def _label_category(label: str) -> frozenset[str]:
    """What the numbers of a field count, from its label: "casualties1", "strength2", "Reported killed"."""
    if _BREAKDOWN_LABEL.search(label):
        return frozenset({"strength"}) if "strength" in label.casefold() else CASUALTIES
    kinds = {_KINDS[word] for word in re.findall(r"[a-z]+", label.casefold()) if word in _KINDS}
    return frozenset(kinds)


def _depth(source: str, start: int) -> int:
    """How deep a line sits in a wikitext list: the bullets at its start in the source."""
    line_start = source.rfind("\n", 0, start) + 1
    head = source[line_start : start + 1].lstrip(" \t")
    return len(head) - len(head.lstrip("*#:;"))


def _field_breakdowns(lines: list[_Line], inner: frozenset[Figure]) -> list[Breakdown]:
    """Totals in an infobox field.

    A field-wide ``Total:`` line covers the groups before it, or, when it comes
    first, the groups after it. A side's group counts as its own total when it
    states one ("Anglo-allies: 17,000", "3,798 total"), else as the figures it
    lists; a group's total is checked against the lines under it too, and a side
    listed deeper under another ("* Netherlands: 17,000") is one of its lines.
    Lines in brackets ("(2,112 in the United States)") and figures another
    figure's "including" covers are not parts; a line that names people without
    a count makes the list incomplete.
    """
    groups = _groups(lines, inner)
    found: list[Breakdown] = []
    covered_until = 0
    for position, group in enumerate(groups):
        if group.total is None:
            continue
        if not group.top:
            parts = [f for f in group.members if _fits(f, group.total)]
            exhaustive = _exhaustive_split(group.total, parts) and not group.partial
            found.append(Breakdown(group.total, tuple(parts), (), exhaustive, "total"))
            continue
        before = groups[covered_until:position]
        after = list(takewhile(lambda g: not g.top, groups[position + 1 :]))
        covered = before if before else after
        covered_until = position + 1 + (0 if before else len(after))
        parts: list[Figure] = []
        extras: list[Figure] = []
        for member in covered:
            for figure in [member.total] if member.total else member.members:
                if _fits(figure, group.total):
                    (extras if figure.extra and not group.total.extra else parts).append(figure)
        complete = not any(member.partial for member in covered) and not group.partial
        found.append(Breakdown(group.total, tuple(parts), tuple(extras), complete, "Total:"))
    return [b for b in found if b.parts]


def _groups(lines: list[_Line], inner: frozenset[Figure]) -> list[_Group]:
    groups: list[_Group] = []
    side: int | None = None  # the depth of the open side's header; None when no side is open
    for line in lines:
        text = line.text.strip()
        counted = [
            f
            for f in line.figures
            if f.category and f.quantity.hedge is not Hedge.VAGUE and f not in inner and not _listed_within(line, f)
        ]
        header = _HEADER.match(text)
        if _TOTAL_LINE.match(text):
            groups.append(_Group(counted[0] if counted else None, counted[1:], top=True))
            side = None
        elif header and not re.search(r"\d", header["name"]):
            if side is not None and line.depth > side:
                groups[-1].members.extend(counted)  # a side within the open one
                continue
            # "Anglo-allies: 17,000" states the side's total; "Germans: 1,800 killed in battle" one of its lines.
            own = counted[0] if counted and counted[0].implied else None
            groups.append(_Group(own, counted[1:] if own else counted))
            side = line.depth
        elif text.startswith("("):
            continue
        elif counted and (text.endswith(":") or _TOTAL_AFTER.match(line.text, counted[0].end - line.start)):
            if side is not None and groups[-1].total is None and not groups[-1].members:
                groups[-1].total, groups[-1].members = counted[0], counted[1:]  # "United States:", "25,000 total"
            else:
                groups.append(_Group(counted[0], counted[1:]))
                side = line.depth
        elif side is not None and groups:
            groups[-1].members.extend(counted)
            groups[-1].partial |= not line.figures and _names_people_text(text)
        elif counted:
            groups.append(_Group(None, counted))
        elif not line.figures and _names_people_text(text):
            groups.append(_Group(None, [], partial=True))
    return groups


def _listed_within(line: _Line, figure: Figure) -> bool:
    """A figure an "including" or "of which" earlier in its line lists: part of another line's count."""
    before = line.text[: figure.start - line.start]
    return bool(_INCLUSIVE.search(before) or re.search(r"\bof (?:which|whom)\b", before, re.IGNORECASE))


def _names_people_text(text: str) -> bool:
    """A line such as "the rest were Hispanic Americans and militia": people, and no count of them."""
    words = [word.lower() for word in re.findall(r"[A-Za-z]+", text)]
    if "rest" in words or "others" in words:
        return True
    return len(words) >= 3 and any(word in _GENERIC or word.rstrip("s") in _GENERIC for word in words)


def _fits(part: Figure, total: Figure) -> bool:
    """Whether a part counts the kind of loss its total counts (deserters are not dead)."""
    return part.implied or as_losses(part.category) <= as_losses(total.category)


def as_losses(category: frozenset[str]) -> frozenset[str]:
    """Executions are deaths when adding up."""
    return (category - {EXECUTED}) | {DEAD} if EXECUTED in category else category


def _exhaustive_split(total: Figure, parts: list[Figure]) -> bool:
    """ "3,798 total / 504 killed / 1,881 wounded / 1,413 missing" splits casualties by kind and is
    exhaustive; "43,633 total dead / 9,372 killed in battle" lists some causes of death and is not."""
    kinds = [p.category for p in parts]
    disjoint = all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])
    return len(total.category) > 1 and len(kinds) > 1 and disjoint
