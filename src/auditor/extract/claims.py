"""Which claims no citation covers, why each needs one, and how sure that is.

A citation covers the sentence it ends and those before it in its paragraph,
back to the previous citation: that is how a paragraph cited once at its end
reads. What it does not cover (WP:MINREF): a quotation or a statistic needs a
citation of its own, closing its sentence or clause, so one further on in the
paragraph leaves it uncited. Text after a paragraph's last
citation, and a paragraph, list item or infobox field with none, is uncited.

An uncited sentence is a claim when it states something a reader could check
(``cues``), or when it is body prose long enough to need a source whatever it
says. Where it stands, and how strong its cue is, say how sure that is: a body
paragraph's quotation, statistic, dated event or attribution is what an editor
must cite (high confidence); the lead, list items and infobox fields summarise
or label what the body says, and an action by a named party is the weakest of
the cues (low confidence); and a lead sentence or infobox field that a cited
body sentence repeats is no claim at all (WP:LEADCITE).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice

from ..document import BlockKind, Document, Marker, Sentence
from .cues import ALL_REASONS, OWN_CITATION, Cue, Reason, first_cue
from .joined import JoinedSentences
from .prefilter import folded

# Infobox fields that state an outcome: their value is a claim whatever it names ("Rebel victory").
OUTCOME_FIELDS = frozenset({"result", "status", "territorial changes"})
_SPACE = " \t\n\xa0,;:"
_STATEMENT_ENDINGS = (".", "!", "?", '"', "”", "’")
# Lines that are no claims: a credit or source line ("Source: Gardiner (1975)"), or what a copy kept of an
# image ("[Ambox current red.svg]").
_CREDIT = re.compile(r"(?:Sources?|Credits?|Photo|Image|Picture|Courtesy)\s*:", re.IGNORECASE)
_IMAGE = re.compile(r"\[[^\]\n]{1,80}\.(?:svg|png|jpe?g|gif)\]", re.IGNORECASE)
# The author speaking of their own text or evidence ("This report ...", "the table below", "we can see"):
# what they observed or wrote, which no outside source could support.
# NOTE: the lookahead (every alternative starts with t, o or w) lets the engine skip most positions at once:
# it halves the search.
_OWN_VOICE = re.compile(
    r"\b(?=[tow])(?:(?:this|the present|our)"
    r" (?:report|article|section|page|paper|study|dataset|investigation|analysis)\b"
    r"|the (?:table|figure|chart|graph|map|list|image|photo|video)s? (?:below|above)\b"
    r"|we (?:(?:can|could|also|clearly|then|now|further) )*"
    r"(?:see|saw|observed?|noted?|found|find|identif(?:y|ied)|verif(?:y|ied)|determined?)\b)",
    re.IGNORECASE,
)
# Every match of _OWN_VOICE holds one of these words, folded (``prefilter.folded``): looked for with `in` first,
# as the pattern is tried at most positions of a claim and hardly any claim holds a match.
_OWN_VOICE_WORDS = (
    *"report article section page paper study dataset investigation analysis below above".split(),
    "we ",
)
_QUOTES = frozenset('"“”')
# A run of tokens most of which are not words (a data file's records, a table's figures, code) is no prose:
# tokens with a digit or a character of code or addresses in them.
_DATA_CHARACTER = re.compile(r"[\d/=_|<>{}@\\]")
_TOKENS_TO_JUDGE = 8  # fewer tokens are a label or a short item, judged by the other rules
_DATA_SHARE = 0.5
# Fewer words than this make a label, a link or a fragment of a table, not a claim (an infobox field
# excepted: "605 civilians killed" is one).
_MIN_WORDS = 3
_WORD_OF_LETTERS = re.compile(r"\S*?[^\W\d_]{2}\S*")  # a word with two letters in a row
_STATEMENT_LENGTH = 50  # characters of prose that need a source whatever they say, as Edit Check asks
_NUMBER_TOKEN = re.compile(r"\d[\d,.]*\d|\d")
_STEM = 5  # letters that tell a word's stem well enough: "withd|raws", "withd|rawn"
_STEM_OF_WORD = re.compile(rf"(?<![^\W\d_])([^\W\d_]{{{_STEM}}})[^\W\d_]*")
_SHORT_WORD = re.compile(r"[^\W\d_]{3,}")  # "may" of "3 May 2014"
_REPEATED = 0.6  # of a claim's words a cited body sentence must hold to repeat it
_STOP_WORDS = frozenset(
    "about after again against also among another because been before being between both could during each"
    " either every from have having into itself many more most much other over since some such than that"
    " their them then there these they this those through under until upon very were what when where which"
    " while whom whose with within without would".split()
)
_STOP_STEMS = frozenset(word[:_STEM] for word in _STOP_WORDS if len(word) >= _STEM)


class Place(StrEnum):
    BODY = "body"
    LEAD = "lead"
    LIST_ITEM = "list item"
    INFOBOX = "infobox field"


# Where a claim may only repeat what the cited body says (WP:LEADCITE).
_SUMMARIES = frozenset({Place.LEAD, Place.INFOBOX})


class Why(StrEnum):
    """Why no citation covers a claim."""

    NO_CITATION = "no citation"  # its paragraph, list item or field has none
    AFTER_LAST = "after the last citation"  # it follows the last one of its paragraph
    OWN_CITATION = "no citation of its own"  # a quotation or statistic only a later citation follows


class Confidence(StrEnum):
    HIGH = "high"  # a body paragraph's quotation, statistic, dated event or attribution, cited nowhere near
    LOW = "low"  # the lead, a list item, an infobox field, a named party, plain prose, or a later citation


@dataclass(frozen=True, slots=True)
class UncitedClaim:
    """A checkable claim no citation covers: the sentence, the uncited part, its cue."""

    sentence: Sentence
    start: int  # the uncited text: the sentence, or its part after the last citation in it
    end: int
    cue: Cue  # the strongest; its offsets are into the document
    place: Place
    why: Why

    @property
    def confidence(self) -> Confidence:
        """How sure it is that the claim wants a source. Low when it may summarise the body (the lead, an
        infobox field, a list), when its only cue is the weakest (a named party, or none at all), or when a
        citation further on in its paragraph may support it, as it often does (WP:CITEBUNDLE)."""
        weak = self.cue.reason in (Reason.NAMED_PARTY, Reason.STATEMENT)
        if self.place is not Place.BODY or weak or self.why is Why.OWN_CITATION:
            return Confidence.LOW
        return Confidence.HIGH


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which claim sentences the citations cover, and which checkable claims they leave uncited."""

    uncovered: tuple[Sentence, ...]  # claim sentences no citation covers, in part or whole
    claims: tuple[UncitedClaim, ...]  # those a reader could check, and that the cited body does not repeat


@dataclass(frozen=True, slots=True)
class _Gap:
    """A claim sentence's text no citation covers, from ``start`` to ``end``."""

    sentence: Sentence
    start: int
    end: int
    place: Place
    why: Why
    statement: bool  # read as a statement: prose, or an infobox field that states an outcome
    cue: Cue | None  # for a gap a later citation follows: the quotation or statistic it holds


@dataclass(frozen=True, slots=True)
class Uncited:
    """Which claim sentences no citation covers: what a document's summary counts, read without the cues
    of every claim, which only ``coverage`` reads."""

    sentences: tuple[Sentence, ...]  # in part or whole
    gaps: tuple[_Gap, ...]  # their uncited text, in the same order
    cited: tuple[Sentence, ...]  # body sentences a citation covers: what the lead and infobox may repeat
    lower: str  # the document's masked text, folded (``prefilter.folded``)


def uncited(doc: Document) -> Uncited:
    """Which claim sentences no citation covers. A sentence a later citation covers is uncovered only when
    it holds a quotation or statistic, the cues that need a citation of their own."""
    lead = _lead_section(doc)
    masked, lower = doc.masked, folded(doc.masked)
    sentences: list[Sentence] = []
    gaps: list[_Gap] = []
    cited: list[Sentence] = []
    for sentence in doc.claim_sentences:
        block = doc.blocks[sentence.block]
        place = _place(block.kind, block.section == lead)
        gap = _gap(doc, sentence, doc.markers_by_block.get(sentence.block, []))
        if gap is None:
            if place is Place.BODY:
                cited.append(sentence)
            continue
        why, start = gap
        end = sentence.content_end
        if _not_prose(doc.readable, sentence.span.start, end):
            continue
        statement = place is not Place.INFOBOX or (block.label or "").casefold() in OUTCOME_FIELDS
        cue = None
        if why is Why.OWN_CITATION:
            cue = _cue(masked, lower, start, end, statement, place, block.label, OWN_CITATION)
            if cue is None:  # the citation further on covers what it says
                if place is Place.BODY:
                    cited.append(sentence)
                continue
        sentences.append(sentence)
        gaps.append(_Gap(sentence, start, end, place, why, statement, cue))
    return Uncited(tuple(sentences), tuple(gaps), tuple(cited), lower)


def coverage(doc: Document, found: Uncited | None = None) -> Coverage:
    """Which claim sentences no citation covers, and which of them are claims a reader could check;
    ``found``: the document's ``uncited``, when read already."""
    found = uncited(doc) if found is None else found
    masked = doc.masked
    claims: list[UncitedClaim] = []
    for gap in found.gaps:
        start, end, place = gap.start, gap.end, gap.place
        cue = gap.cue
        if gap.why is not Why.OWN_CITATION:
            label = doc.blocks[gap.sentence.block].label
            cue = _cue(masked, found.lower, start, end, gap.statement, place, label, ALL_REASONS)
        text = doc.readable[start:end]
        if cue is None and place is Place.BODY and _statement(text):
            cue = Cue(Reason.STATEMENT, " ".join(text.split()), start, end)
        if cue is not None and (place is Place.INFOBOX or _has_words(text, _MIN_WORDS)) and not _no_claim(text, place):
            claims.append(UncitedClaim(gap.sentence, start, end, cue, place, gap.why))
    repeats = _Repeats(list(found.cited), found.lower)
    kept = tuple(
        claim
        for claim in claims
        if claim.place not in _SUMMARIES or not repeats.repeat(claim, doc.blocks[claim.sentence.block].label)
    )
    return Coverage(found.sentences, kept)


def _lead_section(doc: Document) -> int | None:
    """The lead's section: the first with text, when it stands before the first heading or under the
    document's title (a heading above all the others, and the only one at its level), and a section of
    prose with text follows it (else it is the body itself)."""
    sections = doc.sections
    with_text = {block.section for block in doc.blocks}
    if not with_text:
        return None
    first = min(with_text)
    lead = sections[first]
    if not any(sections[other].prose for other in with_text if other > first):
        return None
    if lead.heading is None or all(lead.level < other.level for other in sections[first + 1 :]):
        return first
    return None


def _place(kind: BlockKind, in_lead: bool) -> Place:
    if kind is BlockKind.INFOBOX_FIELD:
        return Place.INFOBOX
    if kind is BlockKind.LIST_ITEM:
        return Place.LIST_ITEM
    return Place.LEAD if in_lead else Place.BODY


def _gap(doc: Document, sentence: Sentence, markers: list[Marker]) -> tuple[Why, int] | None:
    """Why no citation may cover ``sentence``, and where its uncited text starts; None when one does.

    Text after the block's last citation is uncited. A sentence a later citation covers may still hold a
    quotation or statistic that needs its own (Why.OWN_CITATION): after the last citation inside it, when no
    citation closes it."""
    start, end = sentence.span.start, sentence.content_end
    last_citation = markers[-1].span.end if markers else -1
    if end > last_citation:
        return (Why.NO_CITATION if not markers else Why.AFTER_LAST), _skip(doc, max(start, last_citation), end)
    if any(end <= m.span.start <= sentence.span.end for m in markers):
        return None  # a citation closes it
    inside = [m.span.end for m in markers if start <= m.span.start < end]
    tail = _skip(doc, max([start, *inside]), end)
    return (Why.OWN_CITATION, tail) if tail < end else None


def _skip(doc: Document, start: int, end: int) -> int:
    """The first offset at or after ``start`` that is not a space or a separator a citation leaves."""
    readable = doc.readable
    while start < end and readable[start] in _SPACE:
        start += 1
    return start


def _cue(
    masked: str,
    lower: str,
    start: int,
    end: int,
    statement: bool,
    place: Place,
    label: str | None,
    wanted: frozenset[Reason],
) -> Cue | None:
    """The strongest cue of the document's masked text from ``start`` to ``end`` among ``wanted``
    (``lower``: that text lower-cased)."""
    text = masked[start:end]
    if place is Place.BODY or place is Place.LEAD:
        statement = statement and text.rstrip().endswith(_STATEMENT_ENDINGS)  # a caption or label has none
    cue = first_cue(masked, statement, wanted, start, end, lower)
    if cue is not None:
        return cue
    if place is Place.INFOBOX and (label or "").casefold() in OUTCOME_FIELDS and text.strip() and Reason.DATE in wanted:
        return Cue(Reason.DATE, " ".join(text.split()), start, end)  # an outcome: a claim about the event
    return None


def _not_prose(readable: str, start: int, end: int) -> bool:
    """A credit or source line, or a copy's trace of an image: text, but no claim."""
    return bool(_CREDIT.match(readable, start, end) or _IMAGE.search(readable, start, end))


def _no_claim(text: str, place: Place) -> bool:
    """The author speaking of their own text or evidence, or (outside an infobox, whose values are short by
    nature) a run of tokens most of which are not words: prose that states nothing a source could support."""
    if _own_voice(text) and _QUOTES.isdisjoint(text):
        return True
    if place is Place.INFOBOX:
        return False
    tokens = text.split()
    if len(tokens) < _TOKENS_TO_JUDGE:
        return False
    most = _DATA_SHARE * len(tokens)
    # NOTE: prose has too few such characters to make most of its tokens data: counting them in one pass
    # spares it the token by token test, which took a sixth of the rule.
    if len(_DATA_CHARACTER.findall(text)) <= most:
        return False
    return sum(1 for token in tokens if _DATA_CHARACTER.search(token)) > most


def _own_voice(text: str) -> bool:
    """Whether the author speaks of their own text or evidence in ``text`` (``_OWN_VOICE``)."""
    lowered = folded(text)
    for word in _OWN_VOICE_WORDS:
        if word in lowered:
            return _OWN_VOICE.search(text) is not None
    return False


def _statement(text: str) -> bool:
    """Prose long enough to need a source whatever it says (Wikimedia's Edit Check asks one of a new
    paragraph of 50 characters), ending as a statement does."""
    return len(" ".join(text.split())) >= _STATEMENT_LENGTH and text.rstrip().endswith(_STATEMENT_ENDINGS)


def _has_words(text: str, count: int) -> bool:
    """Whether ``text`` has ``count`` words of two letters or more (a copy joins a link's words by underscores
    into one); told by the first words, as most texts have them."""
    return sum(1 for _ in islice(_WORD_OF_LETTERS.finditer(text), count)) == count


class _Repeats:
    """The cited body, to tell whether a lead sentence or an infobox field repeats what it says: some one
    cited body sentence holds every number of the claim and most of its words (compared by their first
    letters, so "withdraws" meets "withdrawn").

    NOTE: each word is sought with str.find, not through an index of the cited body's words: a document
    has a few summary claims and thousands of cited sentences, and indexing them all cost more than the rest
    of the rule. It is sought in the cited sentences' text alone, a line each, not in the whole document's:
    that is a third as much to read, with no finds outside a cited sentence to discard."""

    def __init__(self, cited: list[Sentence], lower: str) -> None:
        self._starts = [sentence.span.start for sentence in cited]
        self._ends = [sentence.content_end for sentence in cited]
        self._lower = lower
        self._body = JoinedSentences(lower, cited, "\n")

    def repeat(self, claim: UncitedClaim, label: str | None) -> bool:
        """Whether ``claim`` repeats a cited body sentence; ``label``: its infobox field's, which a copy
        keeps before the value ("Date 3 May 2014") and is no part of what it states."""
        if not self._starts:
            return False
        text = self._lower[claim.start : claim.end]
        if label and text.startswith(label.casefold()):
            text = text[len(label) :]
        words = set(_STEM_OF_WORD.findall(text)) - _STOP_STEMS
        candidates: set[int] | None = None
        for number in set(_NUMBER_TOKEN.findall(text)):
            holding = self._holding(number, candidates, number=True)
            if "," in number:
                holding |= self._holding(number.replace(",", ""), candidates, number=True)
            candidates = holding
            if not candidates:
                return False
        if not words:  # a date or a count alone ("3 May 2014"): it stands whole in one cited sentence
            short = _SHORT_WORD.findall(text)
            return candidates is not None and any(
                all(word in self._lower[self._starts[i] : self._ends[i]] for word in short) for i in candidates
            )
        needed = _REPEATED * len(words)
        hits: Counter[int] = Counter()
        left = len(words)
        for word in sorted(words, key=len, reverse=True):  # the longest, the rarest: the likeliest to decide
            left -= 1
            among = candidates
            if left + 1 < needed:  # a sentence this word does not find yet can no longer hold enough
                # NOTE: nor can one too far behind; a count only grows by one a word, so those still in reach
                # have been counted for every word before, and the answer is the same as counting all.
                among = {index for index, count in hits.items() if count + 1 + left >= needed}
            hits.update(self._holding(word, among))
            best = max(hits.values(), default=0)
            if best >= needed or best + left < needed:
                return best >= needed
        return False

    def _holding(self, token: str, among: set[int] | None, number: bool = False) -> set[int]:
        """The cited sentences (of ``among``, when given) where ``token`` starts a word (and, when it is a
        ``number``, is all of it)."""
        if among is None:
            return self._found(token, 0, len(self._body.text), number)
        found: set[int] = set()
        for index in among:
            line = self._body.starts[index]
            found |= self._found(token, line, line + self._ends[index] - self._starts[index], number)
        return found

    def _found(self, token: str, start: int, end: int, number: bool) -> set[int]:
        """The cited sentences where ``token`` stands from ``start`` to ``end`` of ``_body``; a token has no line
        break, so each find lies within one sentence, and is judged in the document's text around it."""
        lower, body, found = self._lower, self._body.text, set()
        at = body.find(token, start, end)
        while at != -1:
            index = self._body.sentence_at(at)
            offset = self._starts[index] + at - self._body.starts[index]
            if not _continues(lower, offset - 1, -1, number) and not (
                number and _continues(lower, offset + len(token), 1, number)
            ):
                found.add(index)
            at = body.find(token, at + 1, end)
        return found


def _continues(text: str, at: int, step: int, number: bool) -> bool:
    """Whether the character at ``at`` carries on the word or number beside it (``step``: -1 before it, 1
    after it): a letter, or a digit, or a separator between digits ("5,641")."""
    if not 0 <= at < len(text):
        return False
    char = text[at]
    if not number:
        return char.isalpha()
    return char.isdigit() or (char in ",." and 0 <= at + step < len(text) and text[at + step].isdigit())
