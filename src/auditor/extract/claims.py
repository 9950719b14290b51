"""Which sentences state something a reader could check, and which citations cover them.

A sentence is checkable when it states a figure, a date, a quotation, or an
action by a named party. The last is the weakest signal, so it needs a sentence
that reads as prose: enough lowercase words to carry a verb, not a bare name
with a role in brackets as in an infobox.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from ..document import Document, Sentence
from ..text import INLINE

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# NOTE: the leading lookaheads let the regex engine skip most positions at once;
# without them these searches dominated the whole run.
_DATE = re.compile(
    rf"(?=[0-9JFMASOND])\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b|(?:{_MONTHS})\.?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}})?|(?:1[0-9]|20)\d{{2}}s?\b)"
)
_NUMBER = re.compile(r"(?=\d)(?<![\w.])\d[\d,.\u00a0 ]*\d?(?:\s?(?:%|percent|per cent))?")
_NUMBER_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds
    thousand thousands million millions
    """.split()
)
_QUOTATION = re.compile(r"[\"“][^\"”]{3,}[\"”]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that open a clause after a colon ("Proof: If ...", "Note: The ..."), where a name would not.
_CLAUSE_OPENERS = frozenset("if when where then thus so the a an this that these it note proof see for".split())
_AFTER_COLON = re.compile(r":\s+([^\W\d_][\w'’-]*)")
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by and or but with from as al el bin ibn de la le von van der".split()
)
_NAME_PARTICLE = re.compile(r"^[a-z]{1,3}-[A-Z]")  # al-Nusra, el-Sisi, ad-Din
_MIN_PROSE_WORDS = 6
_MIN_LOWER_CONTENT_WORDS = 3


@dataclass(frozen=True, slots=True)
class Checkability:
    reason: str  # "figure", "date", "quotation" or "named party"
    evidence: str  # the text that made it checkable


def _particle_name(word: str) -> bool:
    return "-" in word[1:4] and bool(_NAME_PARTICLE.match(word))


def checkable(text: str, named_party: bool = True) -> Checkability | None:
    """Why ``text`` states something checkable, or None when it does not.

    ``named_party`` False accepts only the hard cues, for a list of names.
    """
    if "[" in text:
        text = INLINE.sub(" ", text)
    if match := _DATE.search(text):
        return Checkability("date", match.group(0))
    if match := _NUMBER.search(text):
        return Checkability("figure", match.group(0).strip())
    words = _WORD.findall(text)
    if not _NUMBER_WORDS.isdisjoint(map(str.lower, words)):
        return Checkability("figure", next(w for w in words if w.lower() in _NUMBER_WORDS))
    if ('"' in text or "“" in text) and (match := _QUOTATION.search(text)):
        return Checkability("quotation", match.group(0))
    if not named_party or len(words) < _MIN_PROSE_WORDS:
        return None
    initial = {w for w in _AFTER_COLON.findall(text) if w.lower() in _CLAUSE_OPENERS} if ":" in text else set()
    named = next(
        (
            w
            for w in islice(words, 1, None)
            if ((w[0].isupper() and w != "I") or _particle_name(w)) and w not in initial
        ),
        None,
    )
    if named is None:
        return None
    content = 0
    for word in words:
        if word[0].islower() and word.lower() not in _FUNCTION_WORDS and not _particle_name(word):
            content += 1
            if content == _MIN_LOWER_CONTENT_WORDS:
                return Checkability("named party", named)
    return None


def uncovered_sentences(doc: Document) -> list[Sentence]:
    """Claim sentences that no citation covers.

    A citation covers the sentence it ends and those before it in the same
    block back to the previous citation, so what is uncovered is the text after
    a block's last citation, and every sentence of a block without one.
    """
    cited_up_to = doc.last_citation_end
    return [s for s in doc.claim_sentences if s.content_end > cited_up_to.get(s.block, -1)]


def uncovered_text(doc: Document, sentence: Sentence) -> tuple[int, int]:
    """The part of ``sentence`` after the last citation of its block (all of it when none)."""
    start = max(sentence.span.start, doc.last_citation_end.get(sentence.block, -1))
    while start < sentence.content_end and doc.readable[start] in " \t\n\xa0,;:":
        start += 1
    return start, sentence.content_end
