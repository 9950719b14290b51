"""Seeded date errors are found and consistent moves raise nothing, on real documents of every format.

The same trials as ``benchmarks/date_seeds.py``, on a few documents: a wikitext article, plain-text
copies (the seed among them) and Markdown reports. Targets: 90% of the errors found, no control
reported. What the trials are is described in ``date_seeds``.
"""

from __future__ import annotations

from conftest import SEED, corpus_file
from date_seeds import Tally, run

DOCUMENTS = (
    "wikitext/histori_atrox/Eureka_Rebellion.wikitext",
    "wikitext/gensim_enwiki_2016/Economy_of_Angola.wikitext",
    "html/mirror_plaintext/Shale_gas.wikicopy.txt",
    "html/mirror_plaintext/Occupational_safety_and_health.wikicopy.txt",
    "reports/syrian_archive/Atarib-Market-Bombing.md",
    "html/mirror_markdown/Battle_of_Raqqa_(2017).md",
)


def test_seeded_date_errors_are_found_and_consistent_moves_raise_nothing():
    misses: list[str] = []
    tallies = run([SEED, *(corpus_file(d) for d in DOCUMENTS)], per_kind=3, misses=misses)
    total = Tally()
    for tally in tallies.values():
        total.add(tally)
    assert total.seeded >= 80 and total.controls >= 50
    assert {kind for kind, tally in tallies.items() if tally.seeded} >= {
        "weekday in text", "impossible date in text", "weekday in a reference", "impossible date in a reference",
        "access before publication", "source dated before its event", "stale duration in brackets",
        "stale duration in prose",
    }  # fmt: skip
    assert total.found >= 0.9 * total.seeded, misses
    assert total.alarms == 0, misses
