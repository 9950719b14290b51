"""The quick searches for dates: the anchors and the forms tried at a word find what the full patterns find."""

from __future__ import annotations

import re
import string
from re import _constants as C
from re import _parser

import pytest

from auditor.extract import dateforms
from auditor.extract.dateforms import DATE, OPENINGS, find, find_anchors
from auditor.readers import read_mirror, read_wikitext
from conftest import CORPUS, SEED

SENTENCES = [
    "Between 28 June 2014 and 28 April 2015 the front held; from 16 April until 19 April it rained.",
    "The siege ran 17 September – 7 October 1620, and April 19, 1775 – September 3, 1783 the war.",
    "Fighting on 18–23 September 2013 and December 1–13, 1937 left 2,000 dead on Thursday, 3 July 2014.",
    "Sun. 4 May 1941, Tues 5 May, 2014-07-01, the summer of 1972, Winter 1944, early March 1945.",
    "Mid-June, in May, by 1946, during 2014, since 2013, until March, through 1999, Early 1900, late 2001.",
    "On Christmas Eve 1914, Boxing Day, New Year's Day 2000 and New Year’s Eve the guns fell silent.",
    "The next day, the following morning, the day before, the same day, the previous night, later that day.",
    "Earlier that day, three days later, 2 weeks earlier, a month later, Ten years later, one week earlier.",
    "A few days later, several weeks afterwards, Months later, later that year, the next week, Some days later.",
    "In 1234 Maya met 20 others; 12345 and 2000000 are numbers; the 1st of May; 3rd March 2001; Sept. 9, 1939.",
    "He arrived in Jan. 1917 (Feb 2, 1917 – Mar 3, 1918) and left on Monday 31 April 2014.",
    "They left in March 1945; on 9 October they returned, on October 12 they rested; the log reads 2014-07-01.",
    "The years ٢٠١٤ and 2 days later, \u0661\u0662 days later; fall 1863, Fall of 1863; the spring of 1917.",
]


def _first(items: list) -> tuple[set[str], bool, bool]:
    """The characters a parsed pattern can open with, whether it opens with any other character (a class, a
    category, a negation), and whether it can match nothing."""
    chars: set[str] = set()
    for op, value in items:
        if op is C.LITERAL:
            return chars | {chr(value)}, False, False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width: the next item opens
        if op is C.SUBPATTERN:
            found, other, empty = _first(value[3].data)
        elif op is C.BRANCH:
            found, other, empty = set(), False, False
            for branch in value[1]:
                more, more_other, more_empty = _first(branch.data)
                found |= more
                other |= more_other
                empty |= more_empty
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            found, other, empty = _first(value[2].data)
            empty = empty or value[0] == 0
        elif op is C.IN:
            found, other, empty = set(), False, False
            for item, argument in value:
                if item is C.LITERAL:
                    found.add(chr(argument))
                elif item is C.RANGE:
                    found.update(chr(c) for c in range(argument[0], argument[1] + 1))
                elif item is C.CATEGORY and argument is C.CATEGORY_DIGIT:
                    found.update(string.digits)
                    other = True  # a digit of another script
                else:
                    other = True
        else:
            return chars, True, False
        chars |= found
        if other:
            return chars, True, False
        if not empty:
            return chars, False, False
    return chars, False, True


@pytest.mark.parametrize("name", [name for name, _ in dateforms._TEXT_FORMS])
def test_a_form_opens_only_with_its_characters(name: str) -> None:
    pattern = dict(dateforms._TEXT_FORMS)[name]
    chars, other, empty = _first(_parser.parse(pattern).data)
    assert not empty
    assert chars == set(OPENINGS[name])
    # Only a digit of another script opens a form other than with an ASCII character, and such a character is
    # tried with the whole of DATE.
    assert not other or name == "relative"
    assert dateforms._opening("\u0661") is DATE


def _old_anchors(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """find_anchors as two searches, as it was written before they were one."""
    months = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Christmas|Boxing|New Year)")
    years = re.compile(r"(?:1[0-9]|20)\d\d")
    _, units = find_anchors(text, start, end)
    found = [m.start() for pattern in (months, years) for m in pattern.finditer(text, start, end)]
    return sorted(found + units), units


def _texts() -> list[str]:
    texts = [*SENTENCES, read_mirror(str(SEED), SEED.read_text(encoding="utf-8")).masked]
    articles = sorted((CORPUS / "wikitext").rglob("*.wikitext"))[:12]
    texts += [read_wikitext(str(path), path.read_text(encoding="utf-8")).masked for path in articles]
    return texts


def _matches(text: str) -> list[tuple[int, int, str | None, dict[str, str | None]]]:
    anchors, _ = find_anchors(text, 0, len(text))
    return [(m.start(), m.end(), m.lastgroup, m.groupdict()) for m in find(text, 0, len(text), anchors)]


def test_the_anchors_are_those_of_two_searches() -> None:
    for text in _texts():
        assert find_anchors(text, 0, len(text)) == _old_anchors(text, 0, len(text))
        middle = len(text) // 3
        assert find_anchors(text, middle, 2 * middle) == _old_anchors(text, middle, 2 * middle)


def test_the_forms_tried_at_a_word_find_what_date_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    found = [_matches(text) for text in texts]
    assert sum(len(matches) for matches in found) > 1000
    kinds = {m[2] for matches in found[: len(SENTENCES)] for m in matches}
    assert kinds == {f"k_{name}" for name, _ in dateforms._TEXT_FORMS}  # every form, in the sentences alone
    monkeypatch.setattr(dateforms, "_opening", lambda first: DATE)
    for text, matches in zip(texts, found, strict=True):
        # the same spans and kinds; the groups of the forms left out are missing, those kept are the same
        whole = _matches(text)
        assert [m[:3] for m in matches] == [m[:3] for m in whole]
        for mine, full in zip(matches, whole, strict=True):
            assert mine[3] == {name: value for name, value in full[3].items() if name in mine[3]}
