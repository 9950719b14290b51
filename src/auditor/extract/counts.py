"""Reading the counts of one sentence, infobox line or note: what each number counts, and whose it is.

The category of a count is read from anywhere in its clause, in this order:

1. the words after the number: "42 people were executed", "3,500 killed or
   wounded", "70 executed rebels" (a kind right after the number, before the
   people it describes, is what happened to them), "20,000 lost as prisoners",
   and past "after" or "when" to what happened to the same people ("the bodies
   of 70 rebels were delivered ... after they were executed");
2. a verb before it: "killing 15 rebels", "rebels lost 40 fighters";
3. a noun before it, joined by a verb or a preposition: "Union casualties were
   3,798", "a death toll of 42", "put the number of executed prisoners at 100";
4. the count before it in a list ("37 rebels and 10 ISIL fighters were
   killed", "3,500 Union casualties, 1,500 Confederate"), or in the rival clause
   before it ("A gives Union casualties as 1,900, while B gives 2,100"), which
   lends its side too;
5. a breakdown cue: parts listed after "of which" count what their total
   counts, and a total before "including" counts what its parts count;
6. for an infobox, the field's label ("casualties1").

Everything here works on a squeezed text (``squeeze``), in its own offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from .attribution import clause_breaks, clause_scope, competing, count_scope, counting_cues, sources
from .figure_model import Figure, covers
from .prefilter import folded
from .quantities import Quantity, find_quantities
from .vocabulary import (
    AGGREGATES,
    AUXILIARIES,
    CAPTURED,
    CASUALTIES,
    DEAD,
    DEMOGRAPHIC,
    FILLERS,
    GENERIC,
    KINDS,
    LINKERS,
    LOSING,
    NOT_PEOPLE,
    NOUNS_BEFORE,
    RATE,
    SIDE_ALIASES,
    SIDES,
    SKIP_BEFORE,
    SOURCE_VERBS,
    STOPS,
    VERBS,
    WOUNDED,
    side_name,
)

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_][\w'’-]*|\d(?:[\d,.\u00a0]*\d)?\+?|[;:()\[\]]|[.,!?]")
# Each token and the text before it: the first place _TOKEN matches after the last token, as a search finds it.
_GAPPED = re.compile(r"(.*?)(" + _TOKEN.pattern + ")", re.DOTALL)
_EXTRA = re.compile(r"\b(?:additional|another|further|extra)\s+$", re.IGNORECASE)
_EXTRA_LINE = re.compile(r"\b(?:additional|another|further|estimated)\b", re.IGNORECASE)
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|ic|i)")  # American, Japanese, British, French, Iraqi
_SIDE_NAMES = frozenset({"soviet", "union", "confederate", "allied", "allies", "axis", "greek", "swiss", "thai"})
_BEFORE, _AFTER = 80, 160  # characters around the numbers of a unit that are read for words
_LONGEST_NAME = 5  # words in a combatant's name: "Confederate States of America"
_SIDE_REACH = 10  # tokens back from a number that may name its side
_NOUN_REACH = 7  # tokens back from a number that may name what it counts
_SUBORDINATE = frozenset({"after", "when", "once", "because", "before", "as"})
_BACK_REFERENCE = frozenset({"they", "who", "whom", "these", "those", "all"})
_PUNCTUATION = frozenset(";:()[].,!?")
_PUNCTUATION_NOT_COLON = _PUNCTUATION - {":"}
_SOURCE_NOT_LOSING = SOURCE_VERBS - LOSING  # "said", "reported"; not "lost", which names losses
_BEFALLING = AUXILIARIES | {"all", "later", "then"}  # between "after they" and what befell them
# Words after a loss verb that are not its object: "1,900 killed according to Fox" were killed, not killers.
_NOT_AN_OBJECT = frozenset({"and", "or", "according", "in", "altogether", "overall", "total"})
_SKIP_TO_LINKER = SKIP_BEFORE - LINKERS - {"had", "have", "has", "been"}  # hedges are linkers themselves
_RELATIVE = frozenset({"which", "who", "whom", "whose", "that", "where", "while", "whereas", "but"})
# Parts after a cue count what their total counts: "killed 26 people, of which 23 were rebel fighters".
INCLUSIVE = re.compile(r"\b(?:including|among them|among whom|among those|among the dead|of those|such as)\b", re.I)
# Not "compared with"; and not "of them", which follows the part ("10 civilians, 3 of them from Heesh").
EXHAUSTIVE = re.compile(
    r"\b(?:of which|of whom|compris(?:es|ing|ed)|consist(?:s|ing|ed) of|made up of)\b|,\s*with\b|:", re.IGNORECASE
)
CUE = re.compile(INCLUSIVE.pattern + "|" + EXHAUSTIVE.pattern + r"|\(", re.IGNORECASE)


# What opens a list of a count's kinds: "1,491 (361 killed", "12,652 comprising 3,100 killed".
_OPENS_KINDS = re.compile(r"\s*(?:\(|:|,?\s*(?:comprising|consisting of|made up of))\s*", re.IGNORECASE)


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lowercased
    number: bool
    text: str  # as written


class Context(NamedTuple):
    """What a unit's counts share: where they stand and what the text around them says."""

    block: int
    unit: int
    infobox: bool = False
    default: frozenset[str] = frozenset()  # an infobox field's category ("casualties1": casualties)
    sides: frozenset[str] = frozenset()  # the side of the infobox column or section, when the text names none
    names: frozenset[str] = frozenset()  # the combatants the infobox names, one spelling each ("kingdom of france")


def read_counts(text: str, context: Context, quantities: list[Quantity] | None = None) -> list[Figure]:
    """The figures of one unit of squeezed ``text`` that speaks of losses (``quantities``: its quantities,
    when they are known already)."""
    quantities = find_quantities(text) if quantities is None else quantities
    if not quantities:
        return []
    # Words farther from every number than these windows cannot say what it counts.
    window = (max(0, quantities[0].start - _BEFORE), quantities[-1].end + _AFTER)
    tokens = tokenize(text, quantities, *window)
    starts = [t.start for t in tokens]
    lowered = folded(text)
    # A lone count needs its clause only for its source and scope, which only a count of losses is given.
    breaks = clause_breaks(text, lowered) if len(quantities) > 1 else None
    found: list[Figure] = []
    clauses: list[int] = []  # the clause of each count
    uncounted: list[bool] = []  # a count of people whose category is not yet known
    previous: tuple[frozenset[str], int, int] | None = None  # category, token index and clause of the last count
    outer: tuple[frozenset[str], int, int] | None = None  # category, index and clause of the last one out of brackets
    extra_line = context.infobox and bool(_EXTRA_LINE.search(text))  # once: per count, a long field was quadratic
    brackets = _Brackets(text)
    for quantity in quantities:
        first = bisect_left(starts, quantity.start)
        after = bisect_left(starts, quantity.end)
        clause = bisect_right(breaks, quantity.start) if breaks is not None else 0
        category, group, adjective = _after(tokens, after, context.infobox)
        verb = _verb_before(tokens, first)
        if verb and (adjective or not category):
            category = verb  # "killed 46 captured fighters": "captured" describes them
        if not category:
            category = _noun_before(tokens, first)
        inherited_sides: frozenset[str] = frozenset()
        if not category and previous and previous[2] == clause and _chained(tokens, previous[1], first):
            category = previous[0]
        elif not category and outer and outer[2] == clause - 1 and _elliptical(tokens, after, group):
            category = outer[0]  # "A gives Union casualties as 1,900, while B gives 2,100"
            inherited_sides = found[outer[1]].sides
        if category == {WOUNDED} and any(t.word == "fatal" for t in group):
            category = frozenset({DEAD})  # "171 fatal injuries"
        people = not (quantity.percent or _is_rate(tokens, after, group) or _not_people(group))
        if not people:
            category = frozenset()
        extra = bool(_EXTRA.search(text, max(0, quantity.start - 20), quantity.start))
        found.append(
            Figure(
                quantity,
                category,
                " ".join(t.word for t in group),
                _named_after(tokens, after, context.names)
                or _sides(group)
                or _side_before(tokens, first, context.names)
                or inherited_sides
                or context.sides,
                context.block,
                context.unit,
                None,
                False,
                frozenset(),
                extra or extra_line,
                context.infobox,
                False,
            )
        )
        clauses.append(clause)
        uncounted.append(people and not category)
        previous = (category, after - 1, clause) if category else None
        if category and not brackets.open_before(quantity.start):
            outer = (category, len(found) - 1, clause)  # not a part in brackets: "2,832 (500 killed, ...)"
    found = _inherit(text, found, uncounted)
    if context.infobox:  # what nothing in the text names, the field's label does ("Casualties": 979)
        found = [
            f._replace(category=context.default, implied=True) if still and not f.category else f
            for f, still in zip(found, uncounted, strict=True)
        ]
    if not any(f.category for f in found):
        return found
    if breaks is None:
        breaks = clause_breaks(text, lowered)
        clauses = [bisect_right(breaks, quantities[0].start)]
    return _attributed(text, lowered, found, clauses, breaks)


class _Brackets:
    """Whether more brackets open than close before a position, for positions in increasing order: counted
    on from the last position asked, so a unit of many counts is read once, not once per count."""

    def __init__(self, text: str) -> None:
        self._text, self._at, self._depth = text, 0, 0

    def open_before(self, position: int) -> bool:
        if position < self._at:  # out of order: count from the start
            self._at, self._depth = 0, 0
        self._depth += self._text.count("(", self._at, position) - self._text.count(")", self._at, position)
        self._at = position
        return self._depth > 0


def _attributed(text: str, lowered: str, found: list[Figure], clauses: list[int], breaks: list[int]) -> list[Figure]:
    """The counts of losses with their sources and the qualifiers of their clauses, each clause read once:
    read only for a unit that counts losses (``lowered``: its text folded)."""
    attributions = sources(text)
    rival = competing(text, lowered)
    qualifiers: dict[int, frozenset[str]] = {}
    cues: dict[int, list[re.Match[str]]] = {}  # each clause's "counting in", "excluding", "plus"
    done = []
    for figure, clause in zip(found, clauses, strict=True):
        if figure.category:
            start = breaks[clause - 1] if clause else 0
            end = breaks[clause] if clause < len(breaks) else len(text)
            if clause not in qualifiers:
                qualifiers[clause] = clause_scope(text[start:end], lowered[start:end])
                cues[clause] = counting_cues(text, lowered, start, end)
            source = _source_of(figure.quantity, attributions, start, end)
            scope = qualifiers[clause] | count_scope(text, start, figure.start, cues[clause])
            # NOTE: built from the fields, as in ``moved``: _replace, through a dict of keywords, costs several times
            # as much. The fields replaced are source, competing and scope.
            figure = Figure(*figure[:6], source, rival, scope, *figure[9:])
        done.append(figure)
    return done


def bare(quantity: Quantity, context: Context) -> Figure:
    """A range in text about no losses, kept for inverted-range: it counts nothing."""
    return Figure(
        quantity, frozenset(), "", frozenset(), context.block, context.unit, None, False, frozenset(), False,
        False, False,
    )  # fmt: skip


def tokenize(text: str, quantities: list[Quantity], start: int = 0, end: int | None = None) -> list[Token]:
    """The words, numbers and marks of ``text[start:end]``; those inside a quantity are marked as numbers.

    NOTE: built as plain tuples in one loop, then marked: tokenizing was half of reading a count. Each token comes
    with the text before it (``_GAPPED``), which gives its offsets: a third quicker than asking a match for them.
    """
    make = tuple.__new__
    tokens: list[Token] = []
    at = start
    for gap, written in _GAPPED.findall(text, start, len(text) if end is None else end):
        at += len(gap)
        after = at + len(written)
        tokens.append(make(Token, (at, after, written.lower(), False, written)))
        at = after
    starts = [token[0] for token in tokens]
    for quantity in quantities:
        index = bisect_left(starts, quantity.start)
        while index < len(tokens) and starts[index] < quantity.end:
            token = tokens[index]
            tokens[index] = make(Token, (token[0], token[1], token[2], True, token[4]))
            index += 1
    return tokens


def _inherit(text: str, found: list[Figure], uncounted: list[bool]) -> list[Figure]:
    """Parts listed after a breakdown cue count what their total counts, and a total before
    "including" counts what its parts do: "killed 26 people, of which 23 were rebel fighters",
    "16 people including six rebels were killed"."""
    for index in range(1, len(found)):
        if uncounted[index] and found[index - 1].category:
            between = text[found[index - 1].end : found[index].start]
            if CUE.search(between) or (not uncounted[index - 1] and re.fullmatch(r"[^.;:()]{0,40}", between)):
                found[index] = found[index]._replace(category=found[index - 1].category)
                uncounted[index] = False
    for index in range(len(found) - 2, -1, -1):
        if uncounted[index] and found[index + 1].category:
            between = text[found[index].end : found[index + 1].start]
            if INCLUSIVE.search(between) and len(between) < 40:
                found[index] = found[index]._replace(category=found[index + 1].category)
                uncounted[index] = False
            elif _OPENS_KINDS.fullmatch(between) and (kinds := _kinds_listed(text, found, index + 1)):
                found[index] = found[index]._replace(category=kinds)  # "Confederate 1,491 (361 killed, ...)"
                uncounted[index] = False
    return found


def _kinds_listed(text: str, found: list[Figure], first: int) -> frozenset[str]:
    """The aggregate that the counts listed from ``first`` on split by kind ("361 killed, 727 wounded, 403
    missing"), or nothing."""
    kinds = [found[first].category]
    for index in range(first + 1, len(found)):
        between = text[found[index - 1].end : found[index].start]
        if not found[index].category or not re.fullmatch(r"[^.;:()\d]{0,30}", between):
            break
        kinds.append(found[index].category)
    return CASUALTIES if covers(CASUALTIES, kinds) else frozenset()


# --- the category --------------------------------------------------------------------------------


def _after(tokens: list[Token], index: int, infobox: bool) -> tuple[frozenset[str], list[Token], bool]:
    """The category named after a number, the words naming who was counted, and whether the
    category word only describes them ("46 captured fighters")."""
    group: list[Token] = []
    collecting = True
    auxiliary = False
    for position in range(index, min(len(tokens), index + 12)):
        token = tokens[position]
        word = token.word
        if word in _PUNCTUATION:
            if word == "," and _category_at(tokens, position + 1):
                continue  # "dead, wounded, or captured"
            break
        if kinds := _category_at(tokens, position):
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            adjective = position == index and following is not None and _names_people(following)
            if following and not adjective and not infobox and not auxiliary and _active(word, following):
                break  # "two ISIL suicide bombers killed a number of rebels": they killed, not died
            if adjective:  # "70 executed rebels": the people it describes are who was counted
                group = [t for t in tokens[position + 1 : position + 4] if t.word not in _PUNCTUATION][:1]
            return _category_run(tokens, position, kinds), group, adjective
        if word == "as" and (kinds := _category_at(tokens, position + 1)):
            return kinds, group, False  # "20,000 lost as prisoners"
        if word in AUXILIARIES:
            auxiliary = True
        if token.number or word in ("and", "or"):
            collecting = False  # "30 rebels and 12 soldiers were killed": the list shares its words
            continue
        if word in STOPS:
            return _what_befell_them(tokens, position), group, False
        if collecting and word not in FILLERS:
            group.append(token)
    return frozenset(), group, False


def _what_befell_them(tokens: list[Token], position: int) -> frozenset[str]:
    """ "the bodies of 70 rebels were delivered to the hospital after they were executed": what a later
    clause of the same sentence says happened to the people counted, before any other number."""
    for index in range(position, min(len(tokens) - 2, position + 14)):
        word = tokens[index].word
        if tokens[index].number or word in ";()":
            return frozenset()
        if word in _SUBORDINATE and tokens[index + 1].word in _BACK_REFERENCE:
            cursor = index + 2
            while cursor < len(tokens) and tokens[cursor].word in _BEFALLING:
                cursor += 1
            if cursor > index + 2 and (kinds := _category_at(tokens, cursor)):
                return kinds
            return frozenset()
    return frozenset()


def _active(word: str, following: Token) -> bool:
    """A verb with an object after it: the counted people did the killing."""
    if word not in VERBS:
        return False
    return following.word not in STOPS and following.word not in _PUNCTUATION and following.word not in _NOT_AN_OBJECT


def _names_people(token: Token) -> bool:
    word = token.word
    return word in GENERIC or word.rstrip("s") in GENERIC or word in SIDES or bool(_DEMONYM.fullmatch(token.text))


def _category_at(tokens: list[Token], position: int) -> frozenset[str]:
    if position >= len(tokens):
        return frozenset()
    word = tokens[position].word
    if word in AGGREGATES:
        return AGGREGATES[word]
    if word == "taken" and position + 1 < len(tokens) and tokens[position + 1].word == "prisoner":
        return frozenset({CAPTURED})
    if word in ("prisoner", "prisoners") and position and tokens[position - 1].word == "as":
        return frozenset({CAPTURED})  # "lost as prisoners", "taken as prisoners"
    kind = KINDS.get(word)
    return frozenset({kind}) if kind else frozenset()


def _category_run(tokens: list[Token], position: int, kinds: frozenset[str]) -> frozenset[str]:
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


def _verb_before(tokens: list[Token], index: int) -> frozenset[str]:
    for position in range(index - 1, max(-1, index - 6), -1):
        word = tokens[position].word
        if word in VERBS:
            return frozenset({VERBS[word]})
        if word in LOSING:
            return AGGREGATES["losses"]
        if word not in SKIP_BEFORE:
            return frozenset()
    return frozenset()


def _noun_before(tokens: list[Token], index: int) -> frozenset[str]:
    """ "Union casualties were 3,798", "a death toll of 42", "put the number of executed prisoners at 100":
    a noun naming losses, joined to the number by a verb or preposition right before it."""
    position = index - 1
    while position >= 0 and tokens[position].word in _SKIP_TO_LINKER:
        position -= 1  # "casualties were reportedly 3,798"
    if position < 0 or (tokens[position].word not in LINKERS and tokens[position].word != ":"):
        return frozenset()
    for back in range(position, max(-1, position - _NOUN_REACH), -1):
        token = tokens[back]
        if token.number or token.word in _PUNCTUATION_NOT_COLON or token.word in ("while", "but", "whereas"):
            return frozenset()
        if back < position and token.word in NOUNS_BEFORE:
            before = tokens[back - 1].word if back else ""
            if (token.word in GENERIC or token.word == "prisoners") and before in VERBS:
                return frozenset({VERBS[before]})  # "executed prisoners"
            return NOUNS_BEFORE[token.word]
    return frozenset()


def _chained(tokens: list[Token], last: int, index: int) -> bool:
    """Whether a number continues a list begun by the previous one ("37 rebels and 10 ISIL fighters")."""
    between = tokens[last + 1 : index]
    if len(between) > 5 or not any(t.word in ("and", ",") for t in between):
        return False
    return all(t.word not in ";:()." and t.word not in STOPS for t in between)


def _elliptical(tokens: list[Token], after: int, group: list[Token]) -> bool:
    """A rival clause that states only a number ("while B gives 2,100"), or a number and a side."""
    if any(not _side_word(t) for t in group):
        return False
    following = tokens[after].word if after < len(tokens) else "."
    return following in _PUNCTUATION or following in ("while", "but", "whereas", "according", "and")


def _side_word(token: Token) -> bool:
    return token.text[:1].isupper() or token.word in SIDES


def _is_rate(tokens: list[Token], index: int, group: list[Token]) -> bool:
    window = [t.word for t in tokens[index : index + len(group) + 4]]
    return not RATE.isdisjoint(window) or " a year" in " ".join(window)


def _not_people(group: list[Token]) -> bool:
    return any(t.word in NOT_PEOPLE or t.word.rstrip("s") in NOT_PEOPLE for t in group)


# --- sides and sources ---------------------------------------------------------------------------


def _named_after(tokens: list[Token], index: int, names: frozenset[str]) -> frozenset[str]:
    """A combatant of the infobox named right after a number: "2,520 Kingdom of France soldiers"."""
    if not names:
        return frozenset()
    end = index
    while end < min(len(tokens), index + _LONGEST_NAME + 1) and tokens[end].word not in _PUNCTUATION:
        end += 1
    return _named_in(tokens[index:end], names)


def _sides(group: list[Token]) -> frozenset[str]:
    """Known sides, and names (capitalised words) the group gives; "IS" but not "is"."""
    sides = set()
    for token in group:
        if token.word == "state" and "islamic" in sides:
            sides.discard("islamic")
            sides.add("isil")
        elif token.word in SIDES and (token.word != "is" or token.text == "IS"):
            sides.add(SIDES[token.word])
        elif token.text[0].isupper() and token.word not in GENERIC:
            sides.add(side_name(token.word))
    return frozenset(sides)


def _named_in(tokens: list[Token], names: frozenset[str]) -> frozenset[str]:
    """A combatant of the document's infobox that ``tokens`` name, as a run of capitalised words."""
    words = [t.text for t in tokens]
    capital = [word[:1].isupper() for word in words]  # once a word, not once for each run it is in
    for size in range(min(_LONGEST_NAME, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            if (
                capital[start]
                and capital[start + size - 1]
                and (name := side_name(" ".join(words[start : start + size]))) in names
            ):
                return frozenset({name})
    return frozenset()


def _side_before(tokens: list[Token], index: int, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The side a clause names before its number: "Soviet forces sustained 81,116 dead" (the nearest one), or
    a combatant the infobox names ("The Kingdom of France lost 1,800 killed")."""
    for position in range(index - 1, max(-1, index - _SIDE_REACH), -1):
        token = tokens[position]
        if (
            names
            and token.text[:1].isupper()
            and (named := _named_in(tokens[max(0, position - _LONGEST_NAME + 1) : position + 1], names))
        ):
            return named
        if token.word in ";:.()" or token.word in VERBS or token.word in _SOURCE_NOT_LOSING:
            break  # "ISIL executed 50 prisoners": what comes before the verb names the killers
        if token.word in _RELATIVE:
            break  # "the Battle of Britain, in which it lost 2,800": the clause has its own subject
        if token.text[:1].isupper() and (
            token.word in SIDES or token.word in _SIDE_NAMES or token.word in SIDE_ALIASES
            or _DEMONYM.fullmatch(token.text) or _owns_losses(tokens, position)
        ):  # fmt: skip
            return frozenset({side_name(token.word)})
    return frozenset()


def _owns_losses(tokens: list[Token], position: int) -> bool:
    """A name right before a noun naming losses is whose they are: "RAF losses amounted to 29". A capital that
    only opens the sentence ("Total casualties") names nobody, unless the word is written in capitals."""
    following = tokens[position + 1].word if position + 1 < len(tokens) else ""
    if following not in NOUNS_BEFORE or following in GENERIC:
        return False
    opening = position == 0 or tokens[position - 1].word in _PUNCTUATION
    return not opening or (len(tokens[position].text) > 1 and tokens[position].text.isupper())


def _source_of(quantity: Quantity, attributions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The attribution in a count's own clause, nearest before it, else after it; else the nearest before
    it in the sentence ("According to the SOHR, 42 ..."), else the first after ("... 30 rebels were killed,
    according to one report")."""
    in_clause = [(s, name) for s, e, name in attributions if start <= s < end]
    before = [name for s, name in in_clause if s < quantity.start]
    if before:
        return before[-1]
    if in_clause:
        return in_clause[0][1]
    before = [name for s, e, name in attributions if e <= quantity.start]
    if before:
        return before[-1]
    return attributions[0][2] if attributions else None


def demographic(figure: Figure) -> bool:
    return bool(set(figure.group.split()) & DEMOGRAPHIC)
