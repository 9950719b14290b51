"""Who gives a count, and what it covers: the clauses of a sentence, their sources and their qualifiers.

A sentence may set reports against each other ("A puts it at 70, while B reports
100"; "70 according to A; 100 according to B"), so sources and scope are read
clause by clause. A clause ends at a semicolon, and at a comma or conjunction
that opens a rival clause ("while", "whereas", "but", "and" before a source).

Scope qualifiers (see ``figure_model``): a period ("since 9 April", "during the
period 16 December – 25 January"), a rate ("each day"), a part of a side's
force ("restricted to the First and Third Armies", "for the three German
armies"), a place ("on the Western Front"), a day ("on 9 April"), an incident
("the car bomb killed"), and a subset ("including", "of whom", "the other
17,000").
"""

from __future__ import annotations

import re

from .figure_model import INCIDENT, PERIOD, RATE, SUBSET_OF
from .prefilter import Gated
from .vocabulary import FORCE_UNITS, SOURCE_VERBS

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# The start of a date: "9 April", "early May", "April", "1945". NOTE: the months once, not in each form
# ("9 April", "April 9", "early April"), which doubled the cost of compiling _PERIOD; that pattern only
# says whether a clause has a period, and the rest of a date ("April 9") is left to what follows.
_DATE = rf"(?:(?:\d{{1,2}} |(?:early|mid|late)[ -])?(?:{_MONTHS})|\d{{4}})"
_SOURCE_VERBS = SOURCE_VERBS | {"cite", "list", "put", "give", "count", "estimate", "report"}
_SOURCE_VERB = "|".join(sorted(_SOURCE_VERBS))
_SOURCE = re.compile(
    # "according to the U.S. Department of Defense,": a name runs to the clause's end; "U.S." keeps its dots.
    r"\b[Aa]ccording to\s+(?:the\s+|an?\s+)?"
    r"(?P<according>(?:[^,.;:()]|(?<=\b[A-Z])\.){2,60}?)(?=[,;:()]|(?<!\b[A-Z])\.|$| \d| while\b| but\b)"
    r"|(?P<named>\b(?:the )?[A-Z][\w'’.-]*(?: (?:of |the |de |von |van )?[A-Z][\w'’.-]*){0,5}"
    r"|\b(?:opposition|local|pro-\w+) (?:sources?|activists?|media)"
    r"|\b[A-Z][\w'’-]* (?:research|researchers|historians|scholars|sources|records|archives|estimates)"
    r"|\b(?:another|one|a second|other) (?:report|source|estimate|account)s?|\banother"
    r"|\b(?:an?|the) (?:[\w-]+ ){0,2}(?:source|report|monitor|estimate|study|survey)s?)"
    rf"(?:, (?:pp?\. ?[\d–-]+|[\w. ]{{1,20}}),)? (?:also |later |instead |however )?(?:{_SOURCE_VERB})\b"
    r"|(?P<owner>\b(?:the )?[A-Z][\w'’.-]*(?: (?:of |the )?[A-Z][\w'’.-]*){0,6})['’]s? (?:own |official |final )?"
    r"(?:figure|estimate|count|tally|report|list)s?\b"
)
_SOURCE_HINT = re.compile(r"ccording|'s|’s|\b(?:" + _SOURCE_VERB + r")\b")
_COMPETING = Gated(
    re.compile(
        r"\b(?:another|other|one|a second|a different|some|conflicting|differing) (?:report|source|estimate|account|"
        r"activist|monitor|group)s?\b|\bwhile another\b|\b(?:put|puts|placed|gave) the (?:number|toll|figure|count)\b"
        r"|\bother sources\b|\bestimates (?:vary|range|differ)\b",
        re.IGNORECASE,
    ),
    ("report", "source", "estimate", "account", "activist", "monitor", "group", "while another", "the number",
     "the toll", "the figure", "the count"),
)  # fmt: skip
# A rival clause opens at ";" or at "while", "whereas", "but", or at ", and" / "," before a source speaks.
_CLAUSE_BREAK = Gated(
    re.compile(
        r";|,?\s\b(?:while|whereas|but)\b|,\s(?:and\s)?(?=(?:the )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} "
        rf"(?:{_SOURCE_VERB})\b)|,\s(?:and\s)?(?=according to\b)|\s\band\s(?=according to\b)"
    ),
    (";", "while", "whereas", "but", "according to", *_SOURCE_VERBS),
)
_NTH = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_PERIOD = Gated(
    re.compile(
        rf"\b(?:since|as of|until|so far|up to (?:that|this) point|in the (?:first|last|past) \w+ (?:days|weeks|months)"
        rf"|(?:in|during|on|over|within) the (?:{_NTH}|last|final|past|opening|next|following)(?: \w+)?"
        rf" (?:days?|nights?|weeks?|months?|years?|hours?|phase|stage)"
        rf"|(?:during|in|over) the period)\b|\bbetween {_DATE}[^.;]*?\band {_DATE}|\bfrom {_DATE}[^.;]*?\bto {_DATE}"
        rf"|\bby (?:the end of |late |early |mid-)?(?:\d{{1,2}} )?(?:{_MONTHS}|\d{{4}})\b",
        re.IGNORECASE,
    ),
    ("since", "as of", "until", "so far", "point", "day", "night", "week", "month", "year", "hour", "phase", "stage",
     "period", "between", "from", "by "),
)  # fmt: skip
_RATE = Gated(
    re.compile(
        r"\b(?:each|every|a|per) (?:day|week|month|year)\b|\b(?:daily|annually|yearly)\b|\bfor every\b|\bratio\b",
        re.IGNORECASE,
    ),
    ("day", "week", "month", "year", "daily", "annually", "every", "ratio"),
)
# A count that takes in more, or less, than the event's own: "Counting in accidents and the two Bishops'
# wars, an estimate of 190,000 dead is achieved".
_COUNTING = Gated(
    re.compile(
        r"\b(?P<how>counting(?: in)?|not counting|excluding|together with|in addition to|plus)\b(?P<what>[^,;]{0,60})",
        re.IGNORECASE,
    ),
    ("counting", "excluding", "together with", "in addition to", "plus"),
)
_MONTH_OPENINGS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # of each name
_DAY = re.compile(rf"\b(?:[Oo]n|[Ii]n|[Bb]y) (?P<day>\d{{1,2}} (?:{_MONTHS})|(?:{_MONTHS}) \d{{1,2}}|(?:{_MONTHS}))\b")
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|two|three|four|five|six|seven|eight|nine"
    r"|ten|\d{1,2}(?:st|nd|rd|th)|[IVX]{1,5}|both)"
)
# Longest first, ties in one order: the pattern's source is the same in every process (and kept compiled)
_FORCE = "|".join(sorted(FORCE_UNITS, key=lambda unit: (-len(unit), unit)))
_PART = Gated(
    re.compile(
        r"\b(?:restricted|limited|confined) to\b(?P<restricted>[^,;()]{2,60})"
        rf"|\b(?P<unit>{_ORDINAL}(?:[\s,]+(?:and\s+)?(?:{_ORDINAL}|[A-Z][\w.]*)){{0,4}}\s+(?:{_FORCE}))\b",
        re.IGNORECASE,
    ),
    ("restricted to", "limited to", "confined to", *FORCE_UNITS),
)
_PLACE = re.compile(
    r"\b(?:on|at|inside|near|around|in) (?:the )?(?P<place>(?!(?:" + _MONTHS + r"|All|Total|The)\b)"
    r"[A-Z][\w'’-]+(?: (?:of |de |al-)?[A-Z][\w'’-]+){0,3})"
)
# A subset cue a few words before the count: "including about 8,000", "of whom 23", "the other 17,000".
_SUBSET = re.compile(
    r"(?:\b(?:including|among them|among whom|among those|of those|of whom|of which|of these|such as)\b"
    r"(?:\s+[\w-]+){0,2}|\b(?:the other|the remaining|the rest of|another))\s*$",
    re.IGNORECASE,
)
_NOT_A_PLACE = frozenset({"According", "In", "On", "At"})
# A count given for comparison is another event's: "in comparison to the Battle of Britain, in which it lost".
_COMPARED = Gated(
    re.compile(r"\b(?:in comparison (?:to|with)|compared (?:to|with)|as against|as opposed to)\b", re.I),
    ("comparison", "compared", "as against", "as opposed"),
)
# One incident's toll, not an event's: "the car bomb killed 26 people", "in an airstrike on the market".
_INCIDENT = Gated(
    re.compile(
        r"\b(?:(?:car |truck |suicide |barrel )?bomb(?:s|ing|ings|er|ers)?|air ?strikes?|explosions?|blasts?"
        r"|ambush(?:es)?|shelling|raids?|assaults?|attacks?|massacres?|clash(?:es)?|skirmish(?:es)?)\b",
        re.IGNORECASE,
    ),
    ("bomb", "strike", "explosion", "blast", "ambush", "shelling", "raid", "assault", "attack", "massacre", "clash",
     "skirmish"),
)  # fmt: skip


def clause_breaks(text: str, lowered: str) -> list[int]:
    """Where each clause after the first begins (``lowered``: the text folded)."""
    return [m.end() for m in _CLAUSE_BREAK.finditer(text, lowered)]


def competing(text: str, lowered: str) -> bool:
    """Whether a text (``lowered``: folded) sets one report against another ("another report put the number
    at")."""
    return bool(_COMPETING.search(text, lowered))


def sources(text: str) -> list[tuple[int, int, str]]:
    """Each attribution in a text: where it starts and ends, and the name it gives."""
    if not _SOURCE_HINT.search(text):
        return []
    found = []
    for match in _SOURCE.finditer(text):
        name = " ".join((match["according"] or match["named"] or match["owner"]).split())
        if name.lower() in ("another", "the", "it", "this", "that"):
            name = "another report"
        found.append((match.start(), match.end(), name))
    return found


def clause_scope(clause: str, lowered: str) -> frozenset[str]:
    """The qualifiers a clause (``lowered``: folded) puts on every count in it: period, rate, comparison,
    incident, day, part of a force, place."""
    qualifiers = set()
    if _PERIOD.search(clause, lowered):
        qualifiers.add(PERIOD)
    if _RATE.search(clause, lowered):
        qualifiers.add(RATE)
    if _COMPARED.search(clause, lowered):
        qualifiers.add("part:compared")
    if _INCIDENT.search(clause, lowered):
        qualifiers.add(INCIDENT)
    if _names_month(clause):
        for match in _DAY.finditer(clause):
            qualifiers.add("date:" + match["day"].lower())
    for match in _PART.finditer(clause, lowered):
        words = match["restricted"] or match["unit"]
        qualifiers.add("part:" + " ".join(w for w in words.lower().replace(",", " ").split() if w != "the"))
    for match in _PLACE.finditer(clause):
        if match["place"] not in _NOT_A_PLACE:
            qualifiers.add("place:" + match["place"].lower())
    return frozenset(qualifiers)


def _names_month(clause: str) -> bool:
    """Whether a clause may name a month, as every match of ``_DAY`` does: a quick test that spares most
    clauses the search."""
    for opening in _MONTH_OPENINGS:  # noqa: SIM110 (a loop, as in ``prefilter``: quicker than any())
        if opening in clause:
            return True
    return False


def counting_cues(text: str, lowered: str, clause_start: int, clause_end: int) -> list[re.Match[str]]:
    """Each "counting in", "excluding" or "plus" of a clause (``lowered``: the text folded): found once per
    clause, not once per count in it."""
    if not _COUNTING.possible(lowered[clause_start:clause_end]):
        return []
    return list(_COUNTING.pattern.finditer(text, clause_start, clause_end))


def count_scope(text: str, clause_start: int, start: int, cues: list[re.Match[str]]) -> frozenset[str]:
    """The qualifiers of one count at ``start`` from the words of its clause before it (``cues``: the
    clause's ``counting_cues``): what it counts in or leaves out ("counting in accidents"), and whether it
    is a subset ("including", "the other")."""
    qualifiers = set()
    for cue in cues:
        if cue.end("how") > start:
            break
        what = text[cue.start("what") : min(cue.end("what"), start)]  # what the cue says, up to the count
        qualifiers.add("part:" + cue["how"].lower() + " " + " ".join(what.lower().split()))
    if _SUBSET.search(text, max(clause_start, start - 40), start):
        qualifiers.add(SUBSET_OF)
    return frozenset(qualifiers)
