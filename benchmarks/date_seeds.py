"""Seed real date errors into the corpus and the seed, and print how many the date rules find.

Run from the repository root: ``python3 benchmarks/date_seeds.py [--per-kind N] [--misses]``
(default: 3 errors and 3 controls of each kind per document, every corpus document). The
suite runs the same trials on a few documents (tests/test_date_seeds.py); this is the whole
corpus. Target: at least 90% of the errors found, no control reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from auditor.readers.detect import SUFFIXES  # noqa: E402
from date_seeds import Tally, run  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-kind", type=int, default=3, help="errors (and controls) of each kind per document")
    parser.add_argument("--misses", action="store_true", help="list each error missed and each control alarm")
    options = parser.parse_args()
    paths = [SEED, *sorted(
        p for folder in ("wikitext", "html", "reports") for p in (CORPUS / folder).rglob("*")
        if p.suffix.lower() in SUFFIXES
    )]  # fmt: skip
    misses: list[str] = []
    start = time.perf_counter()
    tallies = run(paths, options.per_kind, misses)
    elapsed = time.perf_counter() - start
    total = Tally()
    print("| seeded | errors | found | rate | controls | alarms |")
    print("|---|---|---|---|---|---|")
    for kind, tally in tallies.items():
        total.add(tally)
        print(f"| {kind} | {tally.seeded} | {tally.found} | {_rate(tally)} | {tally.controls} | {tally.alarms} |")
    print(f"| **all** | {total.seeded} | {total.found} | {_rate(total)} | {total.controls} | {total.alarms} |")
    print(f"\n{len(paths)} documents, {elapsed:.0f} s")
    if options.misses:
        print("\n".join(misses))


def _rate(tally: Tally) -> str:
    return f"{tally.found / tally.seeded:.0%}" if tally.seeded else "—"


if __name__ == "__main__":
    main()
