"""Print what extracting figures costs, as ratios to anchors measured in the same run.

Two anchors, each timed (in processor time) alternately with the extractor on the same documents, so that
the machine's load moves both alike:

- reading the documents (their readers, from text to Document);
- with ``--against REF``, the extractor as it was at git revision REF (``extract/figures.py`` and
  ``extract/quantities.py`` of that revision, loaded from a scratch copy), on the same Documents.

Documents: the seed and every document of the corpus (``../shared/corpus``).

Run from the repository root: ``python3 benchmarks/figures.py [--rounds N] [--against main]``.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from auditor.document import Document
from auditor.extract.figures import extract_figures
from auditor.readers.detect import SUFFIXES
from auditor.readers.files import read_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("wikitext", "html", "reports")
BASELINE_MODULES = ("figures", "quantities")


def documents() -> list[tuple[str, str]]:
    paths = [SEED]
    for folder in FOLDERS:
        paths.extend(sorted(p for p in (CORPUS / folder).rglob("*") if p.suffix.lower() in SUFFIXES))
    return [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def baseline(revision: str, folder: Path) -> Callable[[Document], object]:
    """The extractor of ``revision``, imported from a scratch copy as the package ``baseline_extract``."""
    package = folder / "baseline_extract"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in BASELINE_MODULES:
        source = subprocess.run(
            ["git", "show", f"{revision}:src/auditor/extract/{name}.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        (package / f"{name}.py").write_text(source.replace("from ..document", "from auditor.document"), "utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("baseline_extract.figures").extract_figures


def timed(job: Callable[[], object]) -> float:
    """The processor time ``job`` takes: on a shared machine, other processes' load moves it far less than
    the wall clock."""
    started = time.process_time()
    job()
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--against", help="a git revision whose extractor to compare with, e.g. main")
    args = parser.parse_args()
    texts = documents()
    docs = [read_text(Path(path), path, text) for path, text in texts]
    figures = sum(len(extract_figures(doc).figures) for doc in docs)
    with tempfile.TemporaryDirectory() as scratch:
        old = baseline(args.against, Path(scratch)) if args.against else None
        reading, extracting, before = [], [], []
        for round_ in range(args.rounds):
            reading.append(timed(lambda: [read_text(Path(path), path, text) for path, text in texts]))
            now = then = 0.0
            for doc in docs:  # document by document, alternately, so that a burst of load hits both alike
                if old is not None and round_ % 2:  # and each goes first in every other round
                    then += timed(lambda doc=doc, old=old: old(doc))
                now += timed(lambda doc=doc: extract_figures(doc))
                if old is not None and not round_ % 2:
                    then += timed(lambda doc=doc, old=old: old(doc))
            extracting.append(now)
            if old is not None:
                before.append(then)
    to_reading = [e / r for e, r in zip(extracting, reading, strict=True)]
    print(
        f"figures, {len(docs)} documents ({figures} figures): extraction median"
        f" {statistics.median(extracting) * 1000:.0f} ms, reading {statistics.median(reading) * 1000:.0f} ms;"
        f" extraction costs {statistics.median(to_reading):.3f} of reading ({args.rounds} rounds)"
    )
    if before:
        to_before = [e / b for e, b in zip(extracting, before, strict=True)]
        print(
            f"against the extractor of {args.against}: {statistics.median(before) * 1000:.0f} ms;"
            f" extraction now costs {statistics.median(to_before):.2f} of it (best {min(to_before):.2f})"
        )


if __name__ == "__main__":
    main()
