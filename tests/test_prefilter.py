"""The quick word tests before the figure patterns: they never hide a match, whatever the text's case."""

from __future__ import annotations

import pytest

from auditor.extract import attribution, figures, quantities
from auditor.extract.joined import JoinedSentences
from auditor.extract.prefilter import FOLDS_TO_ASCII, Gated, fewest, folded, narrowed
from auditor.extract.vocabulary import FORCE_UNITS
from auditor.readers import read_mirror
from conftest import SEED

GATED = {
    f"{module.__name__}.{name}": value
    for module in (attribution, quantities)
    for name, value in vars(module).items()
    if isinstance(value, Gated)
}

# Each word of each gate, alone among its gate's words, in the cases and letters re.IGNORECASE matches.
PHRASES = [
    *("Since 9 April", "AS OF May", "until then", "so far 12", "up to that point", "in the first three days"),
    *("over the next two weeks", "in the last two months", "during the first night", "in the first year"),
    *("within the first hour", "during the final phase", "in the opening stage", "over the period"),
    *("between 9 April and 26 August", "from 1 May to 3 June", "by the end of March 1945", "by 1946"),
    *("30 killed each day", "10 Daily", "5 annually", "1 for every 3", "a ratio of 2", "200 a Year", "per week"),
    *("per month", "in comparison to the Battle of Britain", "compared with 1940", "as against 10"),
    *("as opposed to 12", "the car bomb killed 26", "an airstrike", "AIR STRIKES", "explosions", "a blast"),
    *("an Ambush", "shelling", "raids", "assaults", "attacks", "a massacre", "clashes", "skirmishes"),
    *("restricted to the First", "limited to the west", "confined to the north", "another report"),
    *("other accounts", "a different activist", "some monitors", "another group", "conflicting estimates"),
    *("put the number at 100", "gave the toll as 80", "placed the figure at 7", "puts the count at 9"),
    *("while another gives 80", "Other Sources", "estimates vary", "42; 30", "30 but 40", "30 whereas 40"),
    *("30 while 40", "70 dead, according to the SOHR", "70 dead and according to Fox 80"),
    *("counting in accidents", "not counting 12", "plus 30", "excluding 40 prisoners", "together with 3"),
    "in addition to 17 missing",
    *("Two", "THREE", "four", "Five", "six", "Seven", "eight", "nine", "Ten", "eleven", "twelve", "Thirteen"),
    *("fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "Twenty", "thirty", "forty", "fifty"),
    *("sixty", "seventy", "eighty", "ninety", "a dozen", "An Hundred", "a thousand", "a million", "several"),
    *("a few", "Dozens", "scores", "hundreds", "Thousands", "tens of thousands", "millions"),
    # Letters outside ASCII that re.IGNORECASE takes for ASCII ones: dotted and dotless I, long s, Kelvin.
    *("ſince April", "a RATİO of 2", "a ratıo of 3", "40 Daıly", "\u212aILLED in a raıd", "ſeveral", "fıve"),
    *(f"70 dead, Fox {verb} 80" for verb in attribution._SOURCE_VERBS),
    *(f"the 1st and 2nd {unit} lost" for unit in FORCE_UNITS),
]


def _texts() -> list[str]:
    seed = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
    return PHRASES + [seed.masked[s.span.start : s.content_end] for s in seed.claim_sentences]


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_gate_never_hides_a_match(name: str) -> None:
    gate = GATED[name]
    needed = set(gate.words)
    for text in _texts():
        if gate.pattern.search(text):
            found = [word for word in gate.words if word in folded(text)]
            assert found, (name, text)
            if len(found) == 1:
                needed.discard(found[0])
    assert not needed, f"no text here shows {name} needs these words: {sorted(needed)}"


def test_folding_keeps_offsets_and_lowers_as_the_pattern_does() -> None:
    text = "İstanbul, ſince, KELVIN \u212a, dotless ı, Straße"
    lowered = folded(text)
    assert len(lowered) == len(text)
    assert lowered == "istanbul, since, kelvin k, dotless i, straße"
    assert folded("ALL ASCII") == "all ascii"


def test_fewest_keeps_the_words_that_hold_no_other() -> None:
    assert fewest(["year", "yearly", "day", "daily", "days"]) == ("daily", "day", "year")


# Digits, spaces and dashes outside Latin-1, a letter outside the BMP, and the letters that fold to ASCII ones.
ODD = [
    "\u0661\u0662\u2013\u0661\u0665 killed",
    "12\u2009\u2013\u200915 KILLED",
    "5 TO 7 Dead",
    "3\xa0to\xa09 lost",
    "x 4\u3000\u2014\u30005 Losses",
    "12 \U0001f600 to 13",
    "9\x85and\x852 dead",
    "7 \u2011 8 deaths",
    "Ärger 1-2",
    "\u212aILLED 5-6",
    "ſlain 4",
    "İ kill 1 - 2",
    "Kill\u2013ed DEATH\u00e9 lost\u2019s losing",
    "casualtıes 5 to 6",
    "dozens were killed",
    "Several dead",
    "a Few lost",
    "fifty-three wounded",
    "\u0663 killed",
    "no number here, killed",
]


def test_narrowing_keeps_offsets_and_ascii_words() -> None:
    for text in ODD:
        narrow = narrowed(text)
        assert len(narrow) == len(text)
        if not any(letter in text for letter in FOLDS_TO_ASCII):
            lowered = folded(text)
            letters = [char if char.isascii() and char.isalpha() else None for char in lowered]
            assert letters == [chr(byte) if chr(byte).isascii() and chr(byte).isalpha() else None for byte in narrow]


def _plain_stem_positions(text: str) -> list[int]:
    lowered = folded(text)
    return sorted(i for i in range(len(lowered)) if lowered.startswith(figures.LOSS_STEMS, i))


@pytest.mark.parametrize("texts", [ODD, PHRASES, _texts()[len(PHRASES) :]], ids=["odd", "phrases", "seed"])
def test_the_narrowed_searches_find_what_the_plain_ones_do(texts: list[str]) -> None:
    for group in [texts, *([text] for text in texts)]:  # together, and each alone (without the folding letters)
        text = "\x00".join(group)
        sentences = [_Sentence(start, start + len(part)) for start, part in zip(_starts(group), group, strict=True)]
        joined = JoinedSentences(text, sentences, "\x00")
        narrow = narrowed(text)
        folds = any(letter in text for letter in FOLDS_TO_ASCII)
        assert sorted(figures._stem_positions(text, None if folds else narrow)) == _plain_stem_positions(text)
        plain = {joined.sentence_at(m.start()) for m in quantities.RANGE_HINT.finditer(text)}
        assert figures._range_sentences(joined, narrow) == plain
        if not folds:
            digits, spelled = figures._may_count(joined, narrow, list(range(len(group))))
            for index, sentence in enumerate(sentences):
                found = quantities.find_quantities(text, sentence.span.start, sentence.content_end)
                assert not found or index in digits | spelled
                if index not in spelled:
                    assert quantities.find_quantities(text, sentence.span.start, sentence.content_end, False) == found


class _Span:
    def __init__(self, start: int) -> None:
        self.start = start


class _Sentence:
    def __init__(self, start: int, end: int) -> None:
        self.span, self.content_end = _Span(start), end


def _starts(parts: list[str]) -> list[int]:
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return starts
