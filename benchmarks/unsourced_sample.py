"""Draw the sample of warning-severity ``unsourced-claim`` findings that a person judges for precision.

Every document of the corpus (and the seed) is audited with ``unsourced-claim`` alone; from each one with
warnings, two are drawn at random (one when it has one), with a fixed seed, so the same code draws the
same sample. Each is printed with its place, reason and sentence, for a reader to judge whether a careful
editor would agree that it needs a citation.

Run from the repository root: ``python3 benchmarks/unsourced_sample.py [--per-document N] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

from auditor.api import RunOptions, check_paths
from auditor.config.settings import load_settings
from auditor.findings import Finding
from auditor.severity import Severity

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"


def sample(per_document: int, seed: int) -> list[Finding]:
    report = check_paths([str(CORPUS), str(SEED)], RunOptions(load_settings(select=["unsourced-claim"])))
    warnings: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        if finding.severity is Severity.WARNING:
            warnings[finding.path].append(finding)
    chooser = random.Random(seed)
    drawn = []
    for path in sorted(warnings):
        found = warnings[path]
        drawn.extend(sorted(chooser.sample(found, min(per_document, len(found))), key=lambda f: f.start))
    return drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-document", type=int, default=2, help="findings drawn from each document")
    parser.add_argument("--seed", type=int, default=17, help="the random seed")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    drawn = sample(args.per_document, args.seed)
    for number, finding in enumerate(drawn, 1):
        evidence = finding.evidence
        shown = finding.path.split("shared/corpus/")[-1]
        print(
            f"{number:3}. {shown}:{finding.line} [{evidence['place']}, {evidence['reason']}, {evidence['uncovered']}]"
        )
        print(f"     cue: {evidence['cue']}")
        print(f"     {finding.excerpt}")
    print(f"\n{len(drawn)} findings from {len({f.path for f in drawn})} documents")


if __name__ == "__main__":
    main()
