"""Print what reading a document's dates costs, as a ratio to reading the document, in the same run.

Over the corpus (or the files given), each document is read, then its dates extracted, each timed as
the best of several rounds taken in turn, so that the machine's load moves both alike. The anchor is
the reader's own time on the same document, with what every analysis computes once (the masked
text, line and sentence indexes). ``--against FILE`` also times another extractor, a module with an
``extract_dates(doc)`` (an earlier version kept outside the repository, say), the same way, each
going first in turn, and prints the ratio of the two. The extractors' caches are emptied before each
round: a check reads each document once.

Run from the repository root: ``python3 benchmarks/dates.py [--rounds N] [--against FILE] [PATH ...]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

from auditor.document import Document
from auditor.extract.timeline import extract_dates
from auditor.readers.detect import SUFFIXES
from auditor.readers.files import read_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="documents (default: the seed and the corpus)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds per document; the best counts")
    parser.add_argument("--against", type=Path, help="a module file with another extract_dates(doc) to compare")
    options = parser.parse_args()
    paths = options.paths or [SEED, *sorted(
        p for folder in ("wikitext", "html", "reports") for p in (CORPUS / folder).rglob("*")
        if p.suffix.lower() in SUFFIXES
    )]  # fmt: skip
    other = _load(options.against) if options.against else None
    reading = extracting = compared = 0.0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        best = {"read": float("inf"), "dates": float("inf"), "other": float("inf")}
        for round_ in range(options.rounds):
            start = time.perf_counter()
            doc = read_text(path, str(path), text)
            _analyse(doc)
            best["read"] = min(best["read"], time.perf_counter() - start)
            timings = [("dates", extract_dates), ("other", other)] if other is not None else [("dates", extract_dates)]
            for name, extract in timings[:: 1 if round_ % 2 else -1]:  # each goes first in turn
                _forget(extract)
                best[name] = min(best[name], _timed(extract, doc))
        reading, extracting = reading + best["read"], extracting + best["dates"]
        compared += best["other"] if other is not None else 0.0
    print(f"{len(paths)} documents: reading {reading:.3f} s, dates {extracting:.3f} s")
    print(f"dates / reading: {extracting / reading:.3f}")
    if other is not None:
        print(f"{options.against.name}: {compared:.3f} s; dates / {options.against.name}: {extracting / compared:.2f}")


def _analyse(doc: Document) -> None:
    """What the document computes once, on first use, for every analysis: part of reading it."""
    doc.masked  # noqa: B018
    doc.line_col(0)
    doc.sentence_at(0)
    doc.markers_by_block  # noqa: B018


def _forget(extract: Callable[[Document], object]) -> None:
    """Empty the caches of the extractor's module, so that every round reads the document as a check
    does, once: a reference date parsed in an earlier round would otherwise cost nothing."""
    for value in vars(sys.modules[extract.__module__]).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def _timed(extract: Callable[[Document], object], doc: Document) -> float:
    start = time.perf_counter()
    extract(doc)
    return time.perf_counter() - start


def _load(path: Path) -> Callable[[Document], object]:
    """``extract_dates`` of the module at ``path``, loaded inside the package so its relative imports work."""
    spec = importlib.util.spec_from_file_location("auditor.extract._compared", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    extract: Callable[[Document], object] = module.extract_dates
    return extract


if __name__ == "__main__":
    main()
