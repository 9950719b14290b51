"""Where a date stands in its sentence, read the way a reader reads it.

Four questions decide what a date may be used for:

- does it open the sentence ("On 9 October, ...")? Only such a date moves the
  narrative's year, unless its clause looks back ("In 1940 German forces had
  passed through");
- is it an aside: in brackets, in a relative clause (", who was tried in
  1947,"), or naming something ("the 20 July plot")? An aside dates something
  beside the narrative;
- is it planned, expected or conditional ("will", "is due to", "was
  scheduled for", "planned for")? Then it dates no event that happened;
- is it a bound ("by 21 December", "before 3 May"; "after 21 December",
  "since 2013")? Then the event may be earlier, or later, than the date.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_LEADING = re.compile(
    r"\W*(?:(?:On|By|In|Between|From|Since|During|Until|Early|Late|Before|After|At)\s+)?(?:the\s+)?"
    r"(?:(?:morning|afternoon|evening|night|start|end|beginning|middle)\s+of\s+)?$"
)
# The modal and planning words that put what follows in the future, or out of the facts.
_PLANNED = re.compile(
    r"(?=[wscmibdpahtfu'])\b(?:will|won't|shall|would|wouldn't|could|might|should"
    r"|(?:is|are|was|were|be|been|being|'s)\s+(?:not\s+)?(?:due|set|scheduled|expected|planned|slated|projected"
    r"|forecast|supposed|meant|going|intended|proposed|estimated|predicted)\s+to"
    r"|(?:is|are|was|were)\s+(?:not\s+)?to\s+(?:be|take|start|begin|open|hold|end|close|run|go)"
    r"|(?:plans?|planned|planning|intends?|intended|aims?|aimed|hopes?|hoped|expects?|proposes?|proposed"
    r"|promised?|pledged?|vowed?|threatened|scheduled|announced|set|slated)\s+(?:to|for)"
    r"|due\s+(?:for|on|in|to\s+(?:be|open|begin|start|take|close|end|hold|run|arrive|launch|return|expire|finish"
    r"|complete|resume))"
    r"|scheduled|deadline|target\s+date|projected|forecasts?|if|unless)\b",
)
# Where a clause ends: a semicolon or colon, or a comma that joins another main clause.
_CLAUSE_BREAKS = ("; ", ": ", ", and ", ", but ", ", while ", ", whereas ", ", although ", ", though ")
_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|where)\b|\s*(?:born|died|b\.|d\.)\s")
# The words right before a date that bound it: "by 21 December", "no later than the end of", "after".
_UPPER = frozenset(("by", "before", "until", "till", "prior to", "up to", "no later than"))
_LOWER = frozenset(("after", "since", "from", "following"))
_PART_OF = frozenset(("end", "middle", "start", "beginning"))
_NOUN_AFTER = re.compile(r"[\s\u00a0]+[a-z]")
_PAST_PERFECT = re.compile(
    r"\bhad\s+(?:not\s+|already\s+|long\s+)?(?!been\s+(?:due|set|scheduled|expected))\w+(?:ed|en|wn|ne|t)\b"
)
# A leading date's main clause, up to its first subordinate clause or break.
_MAIN_END = re.compile(r"[,;:()]|\b(?:that|which|who|whom|whose|because|after|before|when|while|as)\b")


_REACH = 300  # characters before a date that can put it in brackets, a clause or the future
_BOUND_REACH = 48  # "On the afternoon of the ", "no later than the end of the "
_CUE_REACH = 100  # "would not participate in the", "due to open in May 2017, with applications accepted from"


class Setting(NamedTuple):
    leading: bool
    aside: bool
    planned: bool
    upper_bound: bool
    lower_bound: bool


def setting(text: str, sentence_start: int, sentence_end: int, start: int, end: int) -> Setting:
    """Where the date at ``text[start:end]`` stands in the sentence ``text[sentence_start:sentence_end]``."""
    # NOTE: what matters lies just before the date; reading no further back keeps a long sentence cheap.
    head = text[max(sentence_start, start - _REACH) : start]
    upper, lower, attributive = _bounds(head[-_BOUND_REACH:])
    if attributive and _NOUN_AFTER.match(text, end):
        return Setting(False, True, False, False, False)  # "the 20 July plot" names something
    if start - sentence_start <= _BOUND_REACH and _LEADING.fullmatch(head):
        main = text[end : min(sentence_end, end + _REACH)].lstrip(" ,\u00a0")
        cut = _MAIN_END.search(main)
        main = main[: cut.start() if cut else len(main)]
        # "In 1940 German forces had passed through ...": a look back, not the narrative's next step
        leading = upper or not _PAST_PERFECT.search(main)
        return Setting(leading, False, bool(_PLANNED.search(main.lower())), upper, lower)
    recent = head[-_CUE_REACH:].lower()
    return Setting(False, _aside(head), bool(_PLANNED.search(recent, _clause_start(recent))), upper, lower)


def _clause_start(text: str) -> int:
    """Where the last clause of ``text`` starts."""
    start = 0
    for mark in _CLAUSE_BREAKS:
        at = text.rfind(mark)
        if at >= 0:
            start = max(start, at + len(mark))
    return start


def _bounds(tail: str) -> tuple[bool, bool, bool]:
    """Whether the words ending ``tail`` make the date after them an upper bound ("by", "before the end
    of"), a lower bound ("after", "since"), or a name's part ("the 20 July plot")."""
    words = tail.lower().split()[-7:]
    attributive = bool(words) and words[-1] == "the"
    if attributive:
        words.pop()
    if len(words) >= 4 and words[-1] == "of" and words[-2] in _PART_OF and words[-3] == "the":
        del words[-3:]
    if not words:
        return False, False, attributive
    last = words[-1]
    upper = last in _UPPER or " ".join(words[-2:]) in _UPPER or " ".join(words[-3:]) in _UPPER
    lower = last in _LOWER
    return upper, lower, attributive


def _aside(head: str) -> bool:
    """Whether the text before a date leaves it inside brackets or a relative clause."""
    if head.count("(") > head.count(")"):
        return True
    dash = max(head.rfind(" – "), head.rfind(" - "))
    opening = max(head.rfind(","), head.rfind("("), head.rfind("—"), dash + 2 if dash >= 0 else -1)
    return opening >= 0 and bool(_RELATIVE.match(head, opening + 1))
