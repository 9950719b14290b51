"""What makes a sentence checkable, and why a reader would want its source: the cues of a claim.

The reasons follow Wikipedia's own rule (WP:MINREF: direct quotations, statistics,
material likely to be challenged) and the classes of Redi et al., "Citation
Needed" (2019):

- a **quotation**: someone's words, four or more in quotation marks (a shorter
  quoted span is a term, a nickname or a title);
- a **statistic**: a count, a measure, a share or a sum, but not a year, a clock
  time, an ordinal ("48th Pennsylvania"), a page or volume number, or a number
  that is part of a name ("Pier 39", "Pac-12");
- a **date** or a named **event**: a date, a year, a century, or the name of a
  war, battle, treaty or the like ("the Cold War");
- an **attribution** or **opinion**: a view credited to someone ("according to",
  "historians argue", "is widely regarded as") or a superlative ("the largest");
- a **named party**: a real name acting in a statement: a person with a title
  ("General Gavin"), a name of two words or more ("Weston Bate"), an organisation
  ("the Reform League", "ISIL"), or a people ("the Hittites"); never a sentence's
  first word alone, a quoted letter, a word inside a quotation, or the words of a
  title-cased heading.

Every cue keeps the words it was found in and their place, so a finding can quote
them and covering can tell whether a citation closes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..packaged import packaged_text
from .prefilter import fewest, folded


class Reason(StrEnum):
    """Why a claim needs a source, strongest first."""

    QUOTATION = "quotation"
    STATISTIC = "statistic"
    ATTRIBUTION = "attribution"
    DATE = "date"
    NAMED_PARTY = "named party"
    STATEMENT = "statement"  # no cue at all: prose a reader cannot trace to a source

    @property
    def described(self) -> str:
        return _DESCRIBED[self]


_DESCRIBED = {
    Reason.QUOTATION: "a quotation",
    Reason.STATISTIC: "a statistic",
    Reason.ATTRIBUTION: "an attributed view or opinion",
    Reason.DATE: "a date or event",
    Reason.NAMED_PARTY: "an action by a named party",
    Reason.STATEMENT: "a statement",
}
# A quotation and a statistic need a citation of their own, whatever cites the sentences after them
# (WP:MINREF).
OWN_CITATION = frozenset({Reason.QUOTATION, Reason.STATISTIC})


@dataclass(frozen=True, slots=True)
class Cue:
    """The words that make a sentence a checkable claim, and why."""

    reason: Reason
    text: str  # the words that make the claim checkable
    start: int  # their place in the text searched
    end: int


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_ORDINAL_WORDS = "|".join(
    f"[{w[0].upper()}{w[0]}]{w[1:]}"
    for w in "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)
# NOTE: the leading lookaheads let the regex engine skip most positions at once (a date starts with a
# digit or a month's capital); without them these searches dominated the whole run.
_DATE = re.compile(
    rf"(?=[0-9JFMASONDA])\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b"
    rf"|(?:{_MONTHS})\.?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}})?|(?:1[0-9]|20)\d{{2}}s?\b"
    rf"|\d{{1,4}}\s?(?:BC|BCE|AD|CE)\b|(?:AD|A\.D\.)\s?\d{{1,4}}\b)"
)
# A century ("the 10th century", "9th-century texts"), sought only in a text that has "entur" in it.
_CENTURY = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_WORDS})[\s-]+[Cc]entur(?:y|ies)\b")
# NOTE: the pattern opens with the digit and looks behind it after, so that the regex engine skips to the
# next digit at once instead of trying every position.
_NUMBER = re.compile(r"\d(?<![\w.,:/]\d)[\d,.]*(?:\s?(?:%|percent\b|per cent\b))?")
_DIGIT = re.compile(r"\d")
# Numbers that count nothing: a clock time ("21:05"), an ordinal ("48th"), a hash or a code ("37f90ec"), a
# file's size closing a link's note ("(340.3KB)", "(PDF, 2 MB)": what a page says of a file it links to).
# A size the sentence itself states ("leaked 40 GB of mail") is a count.
_NOT_A_COUNT = re.compile(
    r"\d{1,2}:\d{2}|\d+(?:st|nd|rd|th|ST|ND|RD|TH)\b|\d[\d,.]*[A-Za-z]+\d"
    r"|\d[\d,.]*[ \u00a0]?(?:[kKMGT]i?B|bytes)[)\]]"
)
_LONGEST_COUNT = 8  # digits a count written without separators has at most: "20011120210446" is a stamp or an id
# Words after which a number is a place in a work, not a count: "p. 23", "vol. 4", "chapter 9".
_REFERENCE_WORDS = frozenset(
    "p pp page pages vol volume no nos number chapter ch section sec article art fig figure table verse line"
    " psalm book part issue edition ed version v".split()
)
# NOTE: matched in lower-cased text: the same pattern with re.IGNORECASE on every text took six times
# as long.
# A compound ("forty-five") is one number: its last word alone is not the cue; "twenty-something" is an age.
_NUMBER_WORDS = re.compile(
    r"(?=[tfsenhmbd])\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine)\b|(?!-something\b))"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|dozens?|hundreds?|thousands?|millions?|billions?|trillions?)\b"
)
# Number words that stay a count after "the": "the thousands who fled" is a figure, "the two sides" a set.
_MAGNITUDES = frozenset(
    "dozen dozens hundred hundreds thousand thousands million millions billion billions trillion trillions".split()
)
# Every match of _NUMBER_WORDS holds one of these words: a sentence's lower-cased text is searched with `in`
# for them first, as the pattern is tried at every other position of it and most sentences name no number.
_NUMBER_WORD_STEMS = fewest(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety dozen hundred thousand million"
    " billion trillion".split()
)
# A number that counts time ("three days later", "a 40-day siege", "24-hour") dates an event or measures
# how long it lasted: a date's cue, not a statistic's.
_TIME_UNIT = re.compile(
    r"[\s\u00a0-]*(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"[\"“]([^\"”]{3,}?)[\"”]")
_QUOTED_WORDS = 4  # fewer make a term, a nickname or a title, not someone's words
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.]*")
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|ash|as|at|az|ar|an|ibn|bin|abu|de|di|da|du|van|von|der|le|la)-[A-Z]")
_NAME_JOINERS = frozenset("of the de del della da di van von der den du la le al el bin ibn y".split())
_LOCATIVES = frozenset(
    "in at from to near into across throughout around outside inside within toward towards of".split()
)
_CAPITALISED = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+|(?:al|el|ad|ash|as|at|az|ar|an|ibn|bin|abu|de|di|da|du|van|von|der|le|la)-[A-Z][\w'’.-]*)"
)
# A run of capitalised words: a name, with its joining words ("Government of Aruba") and regnal numbers.
_NAME_RUN = re.compile(
    rf"(?<![\w'’-]){_CAPITALISED}(?:\s+(?:(?:of|the|de|del|della|da|di|van|von|der|den|du|la|le|al|el|bin|ibn|y)\s+)*"
    rf"(?:{_CAPITALISED}|[IVX]{{1,5}}\b))*"
)
_PUNCTUATION = ".,;:()'’\"“”"
# Acronyms that are no party: eras, times, units, media, file formats ("(PDF, 219 KB)"), and the commonest
# initials of places and bodies.
_NOT_PARTIES = frozenset(
    "BC BCE AD CE TV AM FM PM GDP GNP HIV AIDS DNA ID OK CD DVD PC IT AI HQ UTC GMT ISBN ISSN DOI UK US USA"
    " EU UN PDF HTML XML CSS SVG JSON CSV JPEG PNG GIF XLS XLSX DOCX PPTX ZIP RTF KB MB GB TB".split()
)
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by and or but with from as al el bin ibn de la le von van der".split()
)
_MIN_PROSE_WORDS = 6
_MIN_LOWER_CONTENT_WORDS = 3


ALL_REASONS = frozenset(Reason)
# NOTE: the reasons the search reads for every sentence, under plain names: in Python 3.11 a member read off
# its enum class costs ten times a global name (the enum's metaclass hooks attribute lookup).
_R_QUOTATION, _R_STATISTIC, _R_ATTRIBUTION, _R_DATE, _R_NAMED_PARTY = (
    Reason.QUOTATION,
    Reason.STATISTIC,
    Reason.ATTRIBUTION,
    Reason.DATE,
    Reason.NAMED_PARTY,
)
_DATE_OR_PARTY = frozenset({Reason.DATE, Reason.NAMED_PARTY})


def first_cue(
    text: str,
    statement: bool = True,
    wanted: frozenset[Reason] = ALL_REASONS,
    start: int = 0,
    end: int | None = None,
    lower: str | None = None,
) -> Cue | None:
    """The strongest cue of ``text[start:end]`` (a document's masked text: its markers blanked) among the
    ``wanted`` reasons (the first in the text of that reason), or None; ``lower``: the whole text lower-cased
    offset for offset (``prefilter.folded``), when the caller has it. ``statement`` False (a label, a list of
    names) takes only the cues that need no sentence around them: no attribution, no named party.

    NOTE: the reasons are tried strongest first, each pattern run only when a cheaper one found nothing,
    and names, read word by word, last: most claims state a number or a date, and every cited sentence
    too is read for a quotation or statistic that needs a citation of its own."""
    end = len(text) if end is None else end
    lower = folded(text) if lower is None else lower
    quoted = _quoted(text, start, end)
    if _R_QUOTATION in wanted:
        for a, b in quoted:
            if _someones_words(text, a, b):
                return Cue(_R_QUOTATION, text[a:b], a, b)
    digits = _DIGIT.search(text, start, end) is not None
    dates = _dates(text, start, end) if digits or text.find("entur", start, end) != -1 else []
    if _R_STATISTIC in wanted:
        taken = [(cue.start, cue.end) for cue in dates] + quoted
        firsts, timed = [], []
        numbers = (_numbers(text, start, end) if digits else (), _number_words(text, lower, start, end))
        for found in numbers:
            for cue in found:  # in text order: the first statistic of each kind is enough
                if _within(cue.start, taken) or _list_number(text, start, cue):
                    continue
                counted = _counted(text, cue)
                if counted.reason is _R_STATISTIC:
                    firsts.append(counted)
                    break
                timed.append(counted)
        if firsts:
            return min(firsts, key=lambda cue: cue.start)
        dates = sorted(dates + timed, key=lambda cue: cue.start)  # numbers that count time date an event
    if statement and _R_ATTRIBUTION in wanted and (match := _attribution().search(lower, start, end)):
        return Cue(_R_ATTRIBUTION, text[match.start() : match.end()], match.start(), match.end())
    if _R_DATE in wanted and dates:
        return dates[0]
    if not statement or wanted.isdisjoint(_DATE_OR_PARTY):
        return None
    event, party = _names(text, start, end, quoted, _R_DATE in wanted)
    if _R_DATE in wanted and event is not None:
        return event
    if _R_NAMED_PARTY in wanted and party is not None and _reads_as_prose(text[start:end]):
        return party
    return None


def _dates(text: str, start: int, end: int) -> list[Cue]:
    found = [Cue(_R_DATE, m.group(0), m.start(), m.end()) for m in _DATE.finditer(text, start, end)]
    if text.find("entur", start, end) != -1:
        found += [Cue(_R_DATE, m.group(0), m.start(), m.end()) for m in _CENTURY.finditer(text, start, end)]
        found.sort(key=lambda cue: cue.start)
    return found


def _number_words(text: str, lower: str, start: int, end: int) -> Iterator[Cue]:
    """The numbers written in words ("seven", "thousands"), in text order; not one capitalised inside its
    sentence, which is part of a name ("the Thirteen Colonies", "the Thirteen Years' War"), nor one after
    "the" (but for a magnitude), which names a set the reader knows ("the two sides", "the fifty states")."""
    if not _names_a_number(lower[start:end]):
        return
    for match in _NUMBER_WORDS.finditer(lower, start, end):
        at = match.start()
        if text[at].isupper() and text[start:at].strip() and not _opens_clause(text[max(start, at - 4) : at]):
            continue
        if lower.endswith("the ", max(start, at - 4), at) and match.group() not in _MAGNITUDES:
            continue
        yield Cue(_R_STATISTIC, text[at : match.end()], at, match.end())


def _names_a_number(lowered: str) -> bool:
    """Whether lower-cased text may hold a number in words: whether it holds a word of _NUMBER_WORD_STEMS."""
    # NOTE: a loop, not any() over a generator (SIM110): half the cost on the short texts most are
    for word in _NUMBER_WORD_STEMS:  # noqa: SIM110
        if word in lowered:
            return True
    return False


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if text.find('"', start, end) == -1 and text.find("“", start, end) == -1:
        return []
    return [(m.start(), m.end()) for m in _QUOTATION.finditer(text, start, end)]


def _someones_words(text: str, start: int, end: int) -> bool:
    """Whether a quoted span is someone's words: four words or more, not title-cased (a work's title, a
    slogan) and not a gloss in brackets."""
    words = _WORD.findall(text[start + 1 : end - 1])
    if len(words) < _QUOTED_WORDS or text[:start].rstrip().endswith("("):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() and w.lower() not in _FUNCTION_WORDS)
    return capitalised * 2 < sum(1 for w in words if w.lower() not in _FUNCTION_WORDS)


def _numbers(text: str, start: int, end: int) -> Iterator[Cue]:
    """The numbers written in digits from ``start`` to ``end`` that may count or measure, in text order: not
    a clock time, an ordinal, a code, a page or volume number, or part of a name."""
    for match in _NUMBER.finditer(text, start, end):
        at = match.start()
        value = match.group(0).rstrip(",.")
        if _NOT_A_COUNT.match(text, at) or (value.isdigit() and len(value) > _LONGEST_COUNT):
            continue
        if _named_or_referenced(text[max(0, at - 24) : at], at <= 24):
            continue
        yield Cue(_R_STATISTIC, value, at, at + len(value))


def _list_number(text: str, sentence_start: int, cue: Cue) -> bool:
    """Whether a number opens its sentence as a list's does: "1. ...", "2) ..."."""
    return cue.start == _skip_space(text, sentence_start) and text[cue.end : cue.end + 1] in (".", ")")


def _counted(text: str, cue: Cue) -> Cue:
    """A number's cue: a statistic, or, when it counts time, a date's."""
    unit = _TIME_UNIT.match(text, cue.end)
    if unit:
        return Cue(_R_DATE, text[cue.start : unit.end()], cue.start, unit.end())
    return cue


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= offset < b for a, b in spans)


def _named_or_referenced(before: str, whole: bool) -> bool:
    """Whether the word just before a number makes it a reference ("p. 23", "vol. 4", "pp. 39–41") or part
    of a name (joined by a hyphen, "Pac-12"; after a capitalised word that does not open a sentence, "Pier
    39"; "About 3,000" and "The 300" open a quantity). ``before``: the text before the number, from the
    text's start when ``whole``."""
    words = before.split()
    if not words:
        return False
    word = words[-1]
    if before[-1] in "-–" and len(word) > 1:  # joined to the number: a name, or the end of a range
        if word[-2].isdigit():  # "39–41": a range, a reference's when what precedes it is one
            return len(words) > 1 and _reference_word(words[-2])
        return word[-2].isalpha()
    if _reference_word(word):
        return True
    bare = word.strip("(").rstrip(",;:")
    if not bare or not bare[0].isupper() or bare.lower() in _openers() or not bare.replace("-", "").isalnum():
        return False
    preceding = before[: before.rfind(word)].rstrip()
    return not ((whole and not preceding) or preceding.endswith((".", "!", "?")))  # not a sentence's first word


def _reference_word(word: str) -> bool:
    return word in ("§", "#", "¶") or word.lower().rstrip(".") in _REFERENCE_WORDS


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _reads_as_prose(text: str) -> bool:
    """A statement, not a caption, a list of names or a title-cased heading: enough words, and enough of
    them lower-case words that carry meaning (a verb among them)."""
    words = _WORD.findall(text)
    if len(words) < _MIN_PROSE_WORDS:
        return False
    lower = 0
    for w in words:
        if w[0].islower() and w.lower() not in _FUNCTION_WORDS and not _PARTICLE_NAME.match(w):
            lower += 1
            if lower == _MIN_LOWER_CONTENT_WORDS:
                return True
    return False


def _names(
    text: str, start: int, end: int, quoted: list[tuple[int, int]], events: bool = True
) -> tuple[Cue | None, Cue | None]:
    """The first event and the first named party among the runs of capitalised words of ``text[start:end]``
    outside quotations, each run classed: a titled person, an organisation, a people, an acronym, an event,
    or a name of two words or more; no event is sought unless ``events``.

    NOTE: an event is the stronger cue, so the runs are read until the first event; once a party is found,
    a run none of whose words names an event is passed over unclassed: most of a sentence's runs are."""
    party = None
    for match in _NAME_RUN.finditer(text, start, end):
        run_start, run_end = match.start(), match.end()
        if _within(run_start, quoted) or _plain_capital(text, match.group(0), run_start):
            continue
        run = [(m.group(0), run_start + m.start(), run_start + m.end()) for m in _WORD.finditer(match.group(0))]
        if party is not None and not any(_bare(word) in _events() for word, _, _ in run):
            continue
        before = text[max(start, run_start - 40) : run_start]
        previous = tuple(word.strip(_PUNCTUATION).lower() for word in before.split()[-2:])
        following = text[run_end : min(end, run_end + 30)].split()
        opens = not text[start:run_start].strip() or _opens_clause(before)
        cue = _classify(text, run, previous, following[0] if following else "", opens)
        if cue is None:
            continue
        if cue.reason is _R_DATE:
            if events:
                return cue, party
        elif party is None:
            party = cue
            if not events:
                break
    return None, party


def _plain_capital(text: str, word: str, at: int) -> bool:
    """Whether a run is one capitalised word that names no party and no event whatever stands around it
    (most runs: a sentence's first word, a place, an adjective), told without reading its context: not an
    acronym, in no word list, and not after "the"."""
    if " " in word or "\n" in word or "\xa0" in word or word.isupper():
        return False
    bare = word.rstrip(".,;:'’")
    if bare in _events() or bare in _titles() or bare in _organisations() or word in _titles():
        return False
    return text[max(0, at - 4) : at].lower() != "the "


def _opens_clause(before: str) -> bool:
    """Whether a word stands where any word is capitalised, by the text ``before`` it: after a colon, a dash
    or an opening quote."""
    return before.rstrip().endswith((":", '"', "“", "(", "—", "–"))


def _classify(
    text: str, run: list[tuple[str, int, int]], previous: tuple[str, ...], after: str, starts: bool
) -> Cue | None:
    """What a run of capitalised words names, if anything a claim turns on. ``previous``: the two words
    before it, lower-cased; ``after``: the word after it; ``starts``: the run opens its sentence or clause,
    where its first word is capitalised whatever it is."""
    words = [_bare(word) for word, _, _ in run]
    if starts and words[0].lower() in _openers():
        previous, run, words = (*previous, words[0].lower()), run[1:], words[1:]
        if not run:
            return None
    before = previous[-1] if previous else ""
    place = before in _LOCATIVES or (before == "the" and len(previous) > 1 and previous[-2] in _LOCATIVES)
    event = any(w in _events() for w in words[1:]) or (words[0] in _events() and (len(words) > 1 or before == "the"))
    if event:
        return _cue(Reason.DATE, text, run)
    titled = any(w in _titles() for w in words[:-1]) or " ".join(words[:2]) in _titles()
    if titled or (len(words) == 1 and before == "the" and words[0] in _titles()):
        return _cue(Reason.NAMED_PARTY, text, run)
    if any(w in _organisations() for w in words):
        return _cue(Reason.NAMED_PARTY, text, run)
    if len(words) == 1:
        word = words[0]
        if word.isupper() and word.isalpha() and word not in _NOT_PARTIES:
            return _cue(Reason.NAMED_PARTY, text, run)  # an acronym: ISIL, NATO
        if before == "the" and _people(word, after):
            return _cue(Reason.NAMED_PARTY, text, run)  # a people: the Hittites, the Dutch
        return None  # one capitalised word: a place, an adjective, a name too common to tell
    if place:
        return None  # a place: "in San Francisco", "from the Ferry Building"
    if sum(1 for w in words if w.lower() not in _NAME_JOINERS) >= 2:
        return _cue(Reason.NAMED_PARTY, text, run)
    return None


def _people(word: str, after: str) -> bool:
    """Whether "the" and ``word`` name a people: a plural ("the Hittites"), or a demonym that no noun follows
    ("the Dutch took", not "the Turkish border")."""
    if len(word) <= 3:
        return False
    if word.endswith("s") and not word.endswith("ss"):
        return True
    return word.endswith(("ese", "ch", "sh")) and not (after[:1].islower() and not after.endswith("ed"))


def _bare(word: str) -> str:
    """A word without the punctuation it was written with, unless it is a title with its stop ("Gen.")."""
    return word if word in _titles() else word.rstrip(".,;:'’")


def _cue(reason: Reason, text: str, run: list[tuple[str, int, int]]) -> Cue:
    start, end = run[0][1], run[-1][2]
    return Cue(reason, text[start:end].rstrip(".,;:'’"), start, end)


def _lines(name: str) -> list[str]:
    text = packaged_text(__package__, f"data/{name}")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _titles() -> frozenset[str]:
    return frozenset(_lines("titles.txt"))


@cache
def _organisations() -> frozenset[str]:
    return frozenset(_lines("organisations.txt"))


@cache
def _events() -> frozenset[str]:
    return frozenset(_lines("events.txt"))


@cache
def _openers() -> frozenset[str]:
    return frozenset(word for line in _lines("openers.txt") for word in line.split())


@cache
def _attribution() -> re.Pattern[str]:
    """Matched in lower-cased text (see _NUMBER_WORDS)."""
    return re.compile(r"\b(?:" + "|".join(_lines("attribution.txt")) + r")\b")
