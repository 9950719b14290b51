"""Ten short reports that state two historical sources' casualty figures for one battle, in varied phrasings.

The figures are the Union's at ten American Civil War battles as William F. Fox (1889) and the Civil War
Sites Advisory Commission give them (the acw_battle_data tables in the corpus): five battles where the two
disagree, five where they agree. Disagreements must be found, agreements must raise nothing.
"""

from __future__ import annotations

import pytest

from auditor.readers import read_markdown
from rules_helper import run_rule

SOURCES = "Fox, Regimental Losses in the American Civil War (1889); Civil War Sites Advisory Commission."

DISAGREE = {
    "Big Bethel": (
        "Fox puts Union casualties at 76, while the Civil War Sites Advisory Commission gives 79.",
        ("76", "79"),
    ),
    "Rich Mountain": (
        "Union losses were 61 killed and wounded according to Fox; 46 according to the Commission.",
        ("61", "46"),
    ),
    "First Bull Run": (
        "The Union army was routed. Fox counts 3,334 Union casualties. Another report put the Union casualties"
        " at 2,950.",
        ("3,334", "2,950"),
    ),
    "Fort Donelson": (
        "Fox gives 2,832 Union casualties (500 killed, 2,108 wounded and 224 missing), whereas the Commission"
        " gives 2,331.",
        ("2,832", "2,331"),
    ),
    "Mill Springs": (
        "Union casualties numbered 246 according to Fox, but 232 according to the Civil War Sites Advisory Commission.",
        ("246", "232"),
    ),
}
AGREE = {
    "Carthage": "Fox and the Commission agree on 44 Union casualties, 13 killed and 31 wounded.",
    "Wilson's Creek": "Fox counts 1,235 Union casualties; the Civil War Sites Advisory Commission also gives 1,235.",
    "Ball's Bluff": (
        "Union casualties were 921 (49 killed, 158 wounded and 714 missing) according to Fox, and the"
        " Commission's figure is the same, 921."
    ),
    "Roanoke Island": (
        "According to Fox, the Union lost 264 men: 37 killed, 214 wounded and 13 missing. The Civil War Sites"
        " Advisory Commission gives the same 37 killed, 214 wounded and 13 missing."
    ),
    "Blackburn's Ford": "Fox reports 83 Union casualties, while the Civil War Sites Advisory Commission reports 83.",
}


def _report(battle: str, text: str) -> str:
    return f"# Battle of {battle}\n\n## Casualties\n\n{text}[^1]\n\n[^1]: {SOURCES}\n"


def _findings(battle: str, text: str):
    doc = read_markdown(f"{battle}.md", _report(battle, text))
    return [f for rule in ("conflicting-figures", "figure-sum-mismatch") for f in run_rule(rule, doc)]


@pytest.mark.parametrize("battle", DISAGREE)
def test_two_sources_that_disagree_are_found(battle):
    text, (first, second) = DISAGREE[battle]
    findings = _findings(battle, text)
    assert [f.rule for f in findings] == ["conflicting-figures"], [f.message for f in findings]
    assert (findings[0].evidence["first"]["text"], findings[0].evidence["second"]["text"]) == (first, second)


@pytest.mark.parametrize("battle", AGREE)
def test_two_sources_that_agree_are_silent(battle):
    assert _findings(battle, AGREE[battle]) == [], [f.message for f in _findings(battle, AGREE[battle])]
