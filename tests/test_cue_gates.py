"""The quick word tests before the claim-cue patterns: they never hide a match, whatever the text's case."""

from __future__ import annotations

import pytest

from auditor.extract import claims, cues
from auditor.extract.prefilter import folded
from auditor.readers import read_mirror
from conftest import CORPUS, SEED

# Every number _NUMBER_WORDS names, alone and in a compound, in the cases a text writes them.
NUMBER_WORDS = [
    *"two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".split(),
    *"seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety dozen dozens".split(),
    *"hundred hundreds thousand thousands million millions billion billions trillion trillions".split(),
]
NUMBERS = [
    *NUMBER_WORDS,
    *(word.upper() for word in NUMBER_WORDS),
    *(f"{word.capitalize()} were killed" for word in NUMBER_WORDS),
    *("twenty-one", "Forty-Five", "ninety-nine men", "(seven)", "“eight”", "SIX—SEVEN", "x fifteen"),
]
# What an author says of their own text, each holding one word of its gate alone.
OWN_VOICE = [
    *("This report documents", "THE PRESENT ARTICLE", "our section", "this page", "this paper shows"),
    *("The present study", "our dataset", "this investigation", "this analysis", "the table below"),
    *("The Figures Above", "We can see", "WE FOUND", "we also clearly noted", "we verified"),
    # Letters outside ASCII that re.IGNORECASE takes for ASCII ones: dotted and dotless I, long s, Kelvin.
    *("thıs report", "THİS ARTICLE", "thiſ ſection", "we ſee", "we identıfied"),
]
# Text that holds a gate's word but no match: the pattern still decides.
NEAR = ["often written", "a tension", "the report said", "they were below", "between the lines", "a new page"]


def _sentences() -> list[str]:
    paths = [SEED, *sorted((CORPUS / "html" / "mirror_plaintext").glob("*.txt"))]
    texts = []
    for path in paths:
        doc = read_mirror(str(path), path.read_text(encoding="utf-8"))
        texts += [doc.masked[s.span.start : s.content_end] for s in doc.claim_sentences]
    return texts


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _sentences()


def _never_hides(texts: list[str], matches, passes) -> None:  # type: ignore[no-untyped-def]
    for text in texts:
        if matches(text):
            assert passes(text), text


def test_the_number_word_gate_never_hides_a_number(sentences: list[str]) -> None:
    def matches(text: str) -> bool:
        return cues._NUMBER_WORDS.search(folded(text)) is not None

    def passes(text: str) -> bool:
        return cues._names_a_number(folded(text))

    assert all(matches(text) for text in NUMBERS)
    _never_hides(NUMBERS + NEAR + sentences, matches, passes)
    for word in cues._NUMBER_WORD_STEMS:  # each word of the gate is the only one some number holds
        assert any([w for w in cues._NUMBER_WORD_STEMS if w in folded(text)] == [word] for text in NUMBERS), word
    assert not any(cues._names_a_number(folded(text)) for text in ("no number here", "first and second", ""))


def test_the_gated_number_words_are_the_ungated_ones(sentences: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = NUMBERS + NEAR + sentences
    gated = [list(cues._number_words(text, folded(text), 0, len(text))) for text in texts]
    monkeypatch.setattr(cues, "_names_a_number", lambda lowered: True)
    assert gated == [list(cues._number_words(text, folded(text), 0, len(text))) for text in texts]
    assert sum(map(len, gated)) > len(NUMBERS)


def test_the_own_voice_gate_never_hides_the_author(sentences: list[str]) -> None:
    def matches(text: str) -> bool:
        return claims._OWN_VOICE.search(text) is not None

    assert all(matches(text) for text in OWN_VOICE)
    _never_hides(OWN_VOICE + NEAR + sentences, matches, claims._own_voice)
    for word in claims._OWN_VOICE_WORDS:  # each word of the gate is the only one some text holds
        assert any([w for w in claims._OWN_VOICE_WORDS if w in folded(text)] == [word] for text in OWN_VOICE), word
    assert not any(claims._own_voice(text) for text in NEAR)
