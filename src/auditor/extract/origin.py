"""A copy against the wiki revision it was made from: how alike they are, and what the copy lost or changed.

Both documents are reduced to the words and numbers of their claim sentences (``profile``). The score
of a revision (``similarity``) is mostly how much of the copy it holds, word trigrams and figures, and a
little how much of it the copy holds, so that of two revisions holding the whole copy the one that had
not yet grown wins. ``compare`` then aligns each copy sentence with the revision sentence that shares
most of its trigrams, and reads off the footnotes the copy emptied, the revision's sentences and
sections the copy lacks, the sentences it moved, and the figures and dates it changed.

Pure: the revisions reach this module as Documents; fetching them is ``archive/``'s work.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import NamedTuple

from ..document import BlockKind, Document, Reference, Span

_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+")
_SHINGLE = 3  # words per trigram
_MATCHED = 0.5  # share of two sentences' words that must agree (difflib's ratio) for them to be counterparts
_CANDIDATES = 3  # sentences sharing most trigrams with one, among which its counterpart is sought
_SAME_WORDS = 0.8  # share of words two counterparts must have in common for a changed number to count
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_MONTH_NUMBER = {name: n for n, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
SHOWN_MISSING = 20  # missing sentences a report lists; the count says how many there are


class Token(NamedTuple):
    norm: str  # lower case; a number without its thousands separators
    span: Span  # in the document's text
    raw: str  # as written

    @property
    def numeric(self) -> bool:
        return self.norm[0].isdigit()


@dataclass(frozen=True, slots=True)
class Passage:
    """One claim sentence, as its words."""

    tokens: tuple[Token, ...]
    span: Span
    block: int
    section: str  # its section's title ("" for the lead, "infobox" for an infobox field)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.norm for t in self.tokens)

    def shingles(self) -> set[tuple[str, ...]]:
        words = self.words
        return {words[i : i + _SHINGLE] for i in range(len(words) - _SHINGLE + 1)}


@dataclass(frozen=True, slots=True)
class Profile:
    """What a text is compared by: its passages, word shingles, numbers and references."""

    passages: tuple[Passage, ...]
    shingles: frozenset[tuple[str, ...]]
    numbers: Counter[str]
    citations: frozenset[tuple[str, ...]]  # the trigrams of the references' texts


def profile(doc: Document) -> Profile:
    """The claim sentences of ``doc`` as words, their trigrams and their numbers."""
    text = doc.masked
    passages = []
    for sentence in doc.claim_sentences:
        end = sentence.content_end
        tokens = tuple(_token(m.group(0), m.start()) for m in _TOKEN.finditer(text, sentence.span.start, end))
        if len(tokens) >= _SHINGLE:
            block = doc.blocks[sentence.block]
            found = doc.sections[block.section]
            section = "infobox" if block.kind is BlockKind.INFOBOX_FIELD else found.title if found.heading else ""
            passages.append(Passage(tokens, Span(sentence.span.start, end), sentence.block, section))
    shingles = frozenset(s for p in passages for s in p.shingles())
    numbers = Counter(t.norm for p in passages for t in p.tokens if t.numeric)
    citations = frozenset(
        words[i : i + _SHINGLE]
        for reference in doc.references
        if not reference.empty
        for words in [tuple(_token(m.group(0), 0).norm for m in _TOKEN.finditer(reference.text))]
        for i in range(max(1, len(words) - _SHINGLE + 1))
    )
    return Profile(tuple(passages), shingles, numbers, citations)


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_STAMP_DAY = re.compile(r"\b([A-Z][a-z]{2})[a-z]* +(\d{1,2})\b.*?\b(\d{4})\b")  # "Thu Aug 8 23:01:19 IST 2019"


def retrieved_day(stamp: str | None) -> date | None:
    """The day a copy says it was taken, from its header's stamp (ISO, or as ``date(1)`` prints it)."""
    if not stamp:
        return None
    try:
        if found := _ISO_DAY.search(stamp):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if (found := _STAMP_DAY.search(stamp)) and found[1].lower() in _MONTH_NUMBER:
            return date(int(found[3]), _MONTH_NUMBER[found[1].lower()], int(found[2]))
    except ValueError:  # 31 February
        return None
    return None


def _token(raw: str, start: int) -> Token:
    norm = raw.replace(",", "") if raw[0].isdigit() else raw.lower()
    return Token(norm, Span(start, start + len(raw)), raw)


def similarity(copy: Profile, revision: Profile) -> float:
    """How well ``revision`` explains ``copy``, from 0 to 1: 0.5 for the copy's trigrams it holds, 0.2 for
    the copy's figures it gives as often, 0.15 for the trigrams of the copy's footnotes its references
    hold, 0.15 for its own trigrams the copy holds."""
    if not copy.shingles or not revision.shingles:
        return 0.0
    shared = len(copy.shingles & revision.shingles)
    total = sum(copy.numbers.values())
    figures = sum((copy.numbers & revision.numbers).values()) / total if total else 1.0
    cited = len(copy.citations & revision.citations) / len(copy.citations) if copy.citations else 1.0
    return 0.5 * shared / len(copy.shingles) + 0.2 * figures + 0.15 * cited + 0.15 * shared / len(revision.shingles)


@dataclass(frozen=True, slots=True)
class LostFootnote:
    """A footnote the copy lost, as the revision gives it."""

    key: str  # the copy's footnote
    original: str  # the revision's reference name or number
    text: str  # what the revision's reference says


@dataclass(frozen=True, slots=True)
class Missing:
    """A sentence of the revision the copy does not have."""

    section: str
    text: str


@dataclass(frozen=True, slots=True)
class Alteration:
    """A figure or date the copy gives otherwise than the revision."""

    kind: str  # "figure" or "date"
    copy: str  # the value as the copy gives it
    revision: str  # and as the revision does
    span: Span  # of the copy's value
    sentence: Span  # the copy's sentence
    section: str  # the revision's section the sentence is in


@dataclass(frozen=True, slots=True)
class OriginDiff:
    """How a copy differs from the revision it was made from."""

    lost_footnotes: tuple[LostFootnote, ...]
    missing_sentences: tuple[Missing, ...]
    missing_sections: tuple[str, ...]
    matched: int  # copy sentences with a counterpart in the revision
    reordered: int  # of those, the ones out of the revision's order
    altered: tuple[Alteration, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A revision a copy may have been made from, and how well it matches."""

    revision: int
    timestamp: str
    score: float


@dataclass(frozen=True, slots=True)
class PinnedRevision:
    """The revision a copy was made from, how it was found, and the diff against it."""

    site: str
    title: str
    revision: int
    timestamp: str
    score: float
    runner_up: Candidate | None
    fetched: int  # revisions whose text was read
    listed: int  # revisions the history listing gave
    diff: OriginDiff

    @property
    def permalink(self) -> str:
        return f"https://{self.site}/w/index.php?oldid={self.revision}"


def compare(copy: Document, revision: Document) -> OriginDiff:
    """What ``copy`` lost or changed against ``revision``."""
    ours, theirs = profile(copy), profile(revision)
    counterpart = _align(ours.passages, theirs.passages)
    back = _align(theirs.passages, ours.passages)
    altered = [
        change
        for i, j in counterpart.items()
        for change in _changed_numbers(copy.text, ours.passages[i], theirs.passages[j], revision.text)
    ]
    missing = tuple(
        Missing(p.section, _shown(revision, p.span)) for j, p in enumerate(theirs.passages) if j not in back
    )
    order = [counterpart[i] for i in sorted(counterpart)]
    return OriginDiff(
        lost_footnotes=tuple(_lost_footnotes(copy, revision)),
        missing_sentences=missing,
        missing_sections=tuple(_missing_sections(copy, revision)),
        matched=len(order),
        reordered=len(order) - _longest_increasing(order),
        altered=tuple(altered),
    )


def _align(ours: tuple[Passage, ...], theirs: tuple[Passage, ...]) -> dict[int, int]:
    """For each of ``ours``, the one of ``theirs`` most alike, word for word, when at least half their words
    agree; the candidates are the few that share most of its trigrams."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j, passage in enumerate(theirs):
        for shingle in passage.shingles():
            index.setdefault(shingle, []).append(j)
    found: dict[int, int] = {}
    for i, passage in enumerate(ours):
        votes = Counter(j for s in passage.shingles() for j in set(index.get(s, ())))
        best, best_ratio = None, _MATCHED
        for j, _ in votes.most_common(_CANDIDATES):
            ratio = SequenceMatcher(None, passage.words, theirs[j].words, autojunk=False).ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = j, ratio
        if best is not None:
            found[i] = best
    return found


def _changed_numbers(copy_text: str, ours: Passage, theirs: Passage, revision_text: str) -> Iterable[Alteration]:
    """The numbers of a copy sentence that its counterpart gives otherwise, the rest of their words alike."""
    mine, other = ours.words, theirs.words
    if mine == other:
        return
    matcher = SequenceMatcher(None, mine, other, autojunk=False)
    alike = sum(block.size for block in matcher.get_matching_blocks())
    if alike < _SAME_WORDS * max(len(mine), len(other)):
        return
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or not all(t.numeric for t in ours.tokens[i1:i2] + theirs.tokens[j1:j2]):
            continue
        date = _in_date(ours.tokens, i1, i2) or _in_date(theirs.tokens, j1, j2)
        a1, a2 = _date_extent(ours.tokens, i1, i2) if date else (i1, i2)
        b1, b2 = _date_extent(theirs.tokens, j1, j2) if date else (j1, j2)
        span = Span(ours.tokens[a1].span.start, ours.tokens[a2 - 1].span.end)
        shown = Span(theirs.tokens[b1].span.start, theirs.tokens[b2 - 1].span.end)
        yield Alteration(
            "date" if date else "figure",
            copy_text[span.start : span.end],
            revision_text[shown.start : shown.end],
            span,
            ours.span,
            theirs.section,
        )


def _in_date(tokens: tuple[Token, ...], start: int, end: int) -> bool:
    """Whether the numbers ``tokens[start:end]`` are a day or year next to a month, or a year alone."""
    before = tokens[start - 1].norm if start else ""
    after = tokens[end].norm if end < len(tokens) else ""
    if before in _MONTHS or after in _MONTHS:
        return True
    return all(t.raw.isdigit() and len(t.raw) == 4 and 1000 <= int(t.raw) <= 2100 for t in tokens[start:end])


def _date_extent(tokens: tuple[Token, ...], start: int, end: int) -> tuple[int, int]:
    """The whole date around ``tokens[start:end]``: the day, month and year words beside it."""

    def part(token: Token) -> bool:
        return token.norm in _MONTHS or (token.raw.isdigit() and len(token.raw) in (1, 2, 4))

    while start > 0 and part(tokens[start - 1]) and end - start < 3:
        start -= 1
    while end < len(tokens) and part(tokens[end]) and end - start < 3:
        end += 1
    return start, end


def _longest_increasing(values: list[int]) -> int:
    """The length of the longest strictly increasing subsequence (patience sorting)."""
    from bisect import bisect_left

    tails: list[int] = []
    for value in values:
        place = bisect_left(tails, value)
        tails[place : place + 1] = [value]
    return len(tails)


def rendered_order(doc: Document) -> list[str]:
    """The keys of a wiki document's references in the order the rendered page numbers them: by first
    citation, notes of another group apart."""
    seen: dict[str, None] = {}
    by_key = doc.references_by_key
    for marker in doc.markers:
        reference = by_key.get(marker.key)
        if reference is not None and reference.group is None:
            seen.setdefault(marker.key, None)
    return list(seen)


def _lost_footnotes(copy: Document, revision: Document) -> Iterable[LostFootnote]:
    """The copy's empty footnotes whose reference the revision gives: a copy numbers footnotes as the
    rendered page did, so footnote n is the revision's n-th reference."""
    order = rendered_order(revision)
    by_key = revision.references_by_key
    for reference in copy.references:
        if not reference.empty:
            continue
        original = reference.key if reference.key in by_key else None
        if original is None and reference.key.isdigit() and 0 < int(reference.key) <= len(order):
            original = order[int(reference.key) - 1]
        if original is not None and (text := citation_text(by_key[original])):
            yield LostFootnote(reference.key, original, text)


def citation_text(reference: Reference) -> str:
    """A reference as a reader would see it, with its address."""
    url = reference.fields.url
    return f"{reference.text} {url}" if url and url not in reference.text else reference.text


def _missing_sections(copy: Document, revision: Document) -> Iterable[str]:
    """The revision's section titles that the copy's text never gives."""
    folded = " ".join(copy.text.split()).casefold()
    for section in revision.sections:
        if section.heading is not None and section.prose and " ".join(section.title.split()).casefold() not in folded:
            yield section.title


def _shown(doc: Document, span: Span) -> str:
    return " ".join(doc.masked[span.start : span.end].split())
