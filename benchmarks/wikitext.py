"""Print what reading wikitext costs, each figure a ratio against an anchor measured in the same run.

- throughput over the corpus's wikitext articles, rounds interleaved: mwparserfromhell's C tokenizer
  alone, ``mwparserfromhell.parse`` (the anchor), ``read_wikitext`` and ``auditor check --jobs 1`` with
  every rule (in one process), each as a share of the parse's time and as the throughput ratio
  parse time / check time (the goal: at least 1.0); CPU time of this process, as on a shared machine wall
  time moves with everyone else's work;
- peak memory of reading a wikitext file of ``--megabytes`` MiB (16 by default) built from the corpus
  articles, in a fresh process, as a multiple of the file's size in UTF-8;
- a growth table: reading the same ``--base`` KiB of articles (256 by default) repeated 1, 2 ... 64
  times, seconds, seconds
  per MiB relative to the 1x row, and the ratio of reading to tokenizing the same text just before
  (linear in C), relative to the 1x row: 1.0 all the way down is linear time, whatever the load.

Run from the repository root: ``python3 benchmarks/wikitext.py [--rounds N] [--megabytes M] [--base K]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

WIKITEXT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikitext"


def corpus() -> list[tuple[str, str]]:
    return [(str(p), p.read_text(encoding="utf-8")) for p in sorted(WIKITEXT.rglob("*.wikitext"))]


def built(size: int) -> str:
    """Corpus articles one after another, blank-line separated, until ``size`` characters."""
    texts = [text for _, text in corpus()]
    parts, total = [], 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def throughput(rounds: int) -> None:
    import mwparserfromhell
    from mwparserfromhell.parser._tokenizer import CTokenizer

    from auditor.api import RunOptions, check_paths
    from auditor.config.settings import load_settings
    from auditor.readers.wikitext import read_wikitext

    documents = corpus()
    paths = [path for path, _ in documents]
    run = RunOptions(load_settings(), jobs=1)
    jobs = {
        "tokenizer alone": lambda: [CTokenizer().tokenize(text, 0, True) for _, text in documents],
        "mwparserfromhell.parse": lambda: [mwparserfromhell.parse(text, skip_style_tags=True) for _, text in documents],
        "read_wikitext": lambda: [read_wikitext(path, text) for path, text in documents],
        "check --jobs 1, every rule": lambda: check_paths(paths, run),
    }
    check_paths(paths, run)  # warm up: imports, rule settings
    shares: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(rounds):
        times = {}
        for name, job in jobs.items():
            start = time.process_time()
            job()
            times[name] = time.process_time() - start
        for name in jobs:
            shares[name].append(times[name] / times["mwparserfromhell.parse"])
    print(f"wikitext, {len(documents)} corpus articles, {rounds} interleaved rounds; CPU time as a share of parsing:")
    for name, values in shares.items():
        print(f"  {name}: {statistics.median(values):.2f} (rounds: {', '.join(f'{v:.2f}' for v in values)})")
    check = statistics.median(shares["check --jobs 1, every rule"])
    print(f"  check throughput: {1 / check:.2f} x mwparserfromhell.parse alone")


def peak_memory(megabytes: float) -> None:
    code = (
        "import resource, sys, time\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import wikitext as bench\n"
        "from auditor.readers.wikitext import read_wikitext\n"
        "text = bench.built(int(float(sys.argv[2]) * 2**20))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "read_wikitext('big.wikitext', text)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(len(text.encode('utf-8')), (after - before) * 1024)\n"
    )
    folder = str(Path(__file__).resolve().parent)
    result = subprocess.run([sys.executable, "-c", code, folder, str(megabytes)], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stderr)
    size, grown = map(int, result.stdout.split())
    print(
        f"memory, reading {size / 2**20:.1f} MiB of wikitext: peak grew {grown / 2**20:.0f} MiB,"
        f" {grown / size:.1f} x the input"
    )


def growth(base_kib: int) -> None:
    from mwparserfromhell.parser._tokenizer import CTokenizer

    from auditor.readers.wikitext import read_wikitext

    print(f"growth, read_wikitext on {base_kib} KiB x N (the anchor: the C tokenizer on the same text, just before):")
    print("| N | MiB | CPU seconds | seconds per MiB, relative to 1x | reading / tokenizing, relative to 1x |")
    print("|---|---|---|---|---|")
    base = built(base_kib * 1024)
    first = None
    for factor in (1, 2, 4, 8, 16, 32, 64):
        text = "\n\n".join([base] * factor)  # the same articles each time: only the size changes
        # CPU time of this process: on a shared machine, wall time moves with everyone else's work.
        start = time.process_time()
        CTokenizer().tokenize(text, 0, True)
        started = time.process_time()
        read_wikitext("big.wikitext", text)
        elapsed = time.process_time() - started
        per, ratio = elapsed / (len(text) / 2**20), elapsed / (started - start)
        first = first or (per, ratio)
        print(f"| {factor} | {len(text) / 2**20:.2f} | {elapsed:.2f} | {per / first[0]:.2f} | {ratio / first[1]:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=16)
    parser.add_argument("--base", type=int, default=256, help="KiB of the growth table's first row")
    parser.add_argument("--only", choices=("throughput", "memory", "growth"))
    options = parser.parse_args()
    if not WIKITEXT.is_dir():
        raise SystemExit(f"corpus not found at {WIKITEXT}")
    if options.only in (None, "throughput"):
        throughput(options.rounds)
    if options.only in (None, "memory"):
        peak_memory(options.megabytes)
    if options.only in (None, "growth"):
        growth(options.base)


if __name__ == "__main__":
    main()
