"""Print what reading rendered HTML costs, as a ratio against parsing the same pages in the same run.

The anchor is ``BeautifulSoup(text, "html.parser")``, the parse the reader's tree is; ``read_html``
(tree, source map, classification and the Document) is timed beside it over the corpus's rendered
Wikipedia pages, rounds interleaved (parse, read, parse, read ...) so that the machine's load moves
both alike, in CPU time of this process. After each call a full garbage collection, timed apart, frees
the tree it left (cyclic, as BeautifulSoup's trees are), so that none pays for collecting another's.
Printed: each page's ratio and the whole corpus's (the goal: at most 1.5), the median over the rounds,
and documents a second; then the same ratio with each call's own collection counted in (the reader runs
with the cyclic collector paused, so its tree is collected after it rather than while it is built).

Run from the repository root: ``python3 benchmarks/html_reading.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from auditor.readers.html import read_html

PAGES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "html" / "wikipedia_rendered"


def _cpu(work: Callable[[], object]) -> tuple[float, float]:
    """The CPU time of ``work``, and of the full collection after it that frees what it left."""
    start = time.process_time()
    work()
    middle = time.process_time()
    gc.collect()
    return middle - start, time.process_time() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    pages = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(PAGES.glob("*.html"))]
    if not pages:
        raise SystemExit(f"no pages: the corpus is not at {PAGES}")
    parse_times: dict[str, list[float]] = {path: [] for path, _ in pages}
    read_times: dict[str, list[float]] = {path: [] for path, _ in pages}
    parse_collected: list[float] = [0.0] * rounds  # each round's calls and their own collections
    read_collected: list[float] = [0.0] * rounds
    gc.collect()
    for round_ in range(rounds):
        for path, text in pages:
            parse, collect = _cpu(lambda text=text: BeautifulSoup(text, "html.parser"))
            parse_times[path].append(parse)
            parse_collected[round_] += parse + collect
            read, collect = _cpu(lambda path=path, text=text: read_html(path, text))
            read_times[path].append(read)
            read_collected[round_] += read + collect
    for path, text in pages:
        ratio = statistics.median(r / p for r, p in zip(read_times[path], parse_times[path], strict=True))
        print(f"{Path(path).name[:48]:48} {len(text) / 1024:7.0f} KiB  read_html {ratio:.2f} x parse")
    totals = [
        sum(read_times[path][i] for path, _ in pages) / sum(parse_times[path][i] for path, _ in pages)
        for i in range(rounds)
    ]
    read_total = statistics.median(sum(read_times[path][i] for path, _ in pages) for i in range(rounds))
    print(
        f"{len(pages)} pages: read_html {statistics.median(totals):.2f} x BeautifulSoup html.parser"
        f" (median of {rounds} interleaved rounds, {min(totals):.2f} to {max(totals):.2f});"
        f" {len(pages) / read_total:.1f} documents/s"
    )
    collected = [read / parse for read, parse in zip(read_collected, parse_collected, strict=True)]
    print(
        f"with each call's own garbage collection: read_html {statistics.median(collected):.2f} x"
        f" ({min(collected):.2f} to {max(collected):.2f})"
    )


if __name__ == "__main__":
    main()
