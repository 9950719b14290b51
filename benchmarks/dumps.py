"""Print the dump scan's figures (needs the test extra, for Dask and psutil).

Dumps are made by repeating the corpus's 53 wikitext articles (each copy's titles set apart) into
bz2-compressed MediaWiki export XML of at least 50 MB and 200 MB of wikitext. Each run is a whole
``auditor scan`` process into a new directory; its peak memory is the largest sum of the resident
sizes of it and its children (workers, Dask's nannies), sampled every 50 ms.

- reading alone: pages/s and MiB/s of decompressing and parsing the 200 MB dump, no audit (the rate
  one process can feed workers at);
- 200 MB with --jobs 1 and --jobs 2: pages/s, the speed-up (the median of ``--rounds`` pairs, 3 by
  default, each pair run back to back), and the CPU time --jobs 2 spends (the process and its workers)
  against --jobs 1's: the load of other processes changes the speed-up, hardly the CPU ratio;
- peak memory with --jobs 2 at 50 MB and at 200 MB of input;
- 200 MB with --engine dask (a LocalCluster of 2 workers) against a --jobs 2 run just before it;
- an estimate for English Wikipedia's ~20 GB of current article wikitext on N workers.

Run from the repository root: ``python3 benchmarks/dumps.py [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
# In place of this script's folder: benchmarks/support.py would hide the tests' support package.
sys.path[0] = str(ROOT / "tests")

from auditor.dumps.pages import Page, PageFilter, read_pages  # noqa: E402
from support.export_xml import corpus_pages, write_dump  # noqa: E402

WIKITEXT = ROOT.parent / "shared" / "corpus" / "wikitext"
ENWIKI_BYTES = 20 * 10**9  # current English articles' wikitext, as the issue puts it


def make_dump(path: Path, at_least: int) -> tuple[int, int]:
    """A dump of whole copies of the corpus with at least ``at_least`` bytes of wikitext: (pages, bytes)."""
    one = corpus_pages(WIKITEXT)
    size = sum(len(page.text.encode()) for page in one)
    copies = -(-at_least // size)
    if not path.exists():
        pages = (
            page
            for copy in range(copies)
            for page in corpus_pages(WIKITEXT, first_id=1 + copy * 1000, suffix=f" ({copy})" if copy else "")
        )
        write_dump(path, pages)
    return copies * len(one), copies * size


def read_only(path: Path) -> float:
    start = time.perf_counter()
    count = sum(1 for item in read_pages([path], PageFilter()) if isinstance(item, Page))
    return count / (time.perf_counter() - start)


def scan(dump: Path, out: Path, *options: str) -> tuple[float, int]:
    """Wall time and peak memory (bytes) of one ``auditor scan`` process and its children."""
    elapsed, peak, _ = scan_cpu(dump, out, *options)
    return elapsed, peak


def scan_cpu(dump: Path, out: Path, *options: str) -> tuple[float, int, float]:
    """Wall time, peak memory (bytes) and CPU seconds (user and system, the process and every worker it
    waited for) of one ``auditor scan``."""
    command = [sys.executable, "-m", "auditor", "scan", str(dump), "-o", str(out), "--restart", *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    sampler = threading.Thread(target=_sample, args=(process, peak), daemon=True)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"scan failed: {err.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, peak[0], cpu


def _sample(process: psutil.Popen, peak: list[int]) -> None:
    while process.poll() is None:
        total = 0
        try:
            for member in [process, *process.children(recursive=True)]:
                total += member.memory_info().rss
        except psutil.Error:  # a worker came or went mid-sample
            continue
        peak[0] = max(peak[0], total)
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Make (and keep) the dumps in this directory.")
    parser.add_argument("--rounds", type=int, default=3, help="Pairs of --jobs 1 and 2 runs (default: 3).")
    parser.add_argument("--megabytes", type=int, default=200, help="Wikitext in the large dump (default: 200).")
    parser.add_argument("--pairs-only", action="store_true", help="Only the --jobs 1 and 2 pairs.")
    args = parser.parse_args()
    if not WIKITEXT.is_dir():
        raise SystemExit(f"corpus not found at {WIKITEXT}")
    with tempfile.TemporaryDirectory() as scratch:
        where = args.keep or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        # Named by the text they hold, so that --keep never reuses a dump of another size.
        small_megabytes = min(50, args.megabytes)
        small, large = where / f"corpus-{small_megabytes}MB.xml.bz2", where / f"corpus-{args.megabytes}MB.xml.bz2"
        small_pages, small_bytes = make_dump(small, small_megabytes * 10**6)
        pages, size = make_dump(large, args.megabytes * 10**6)
        mib = size / 2**20
        print(
            f"dumps: {small_pages:,} pages, {small_bytes / 2**20:.0f} MiB of wikitext"
            f" ({small.stat().st_size / 2**20:.0f} MiB bz2); {pages:,} pages, {mib:.0f} MiB"
            f" ({large.stat().st_size / 2**20:.0f} MiB bz2)"
        )

        reading = read_only(large) if not args.pairs_only else 0.0
        print(
            f"reading alone (bz2 + XML, one process): {reading:.0f} pages/s, {reading * size / pages / 2**20:.1f} MiB/s"
        )
        label = f"{args.megabytes} MB"

        # Runs to be compared are made one after the other, a pair per round, and the median pair is
        # shown: the machine is shared, and a neighbour's load changes over minutes.
        pairs = []
        for _ in range(args.rounds):
            pairs.append(
                (scan_cpu(large, where / "out-1", "--jobs", "1"), scan_cpu(large, where / "out-2", "--jobs", "2"))
            )
        cpu_ratios = sorted(b[2] / a[2] for a, b in pairs)
        pairs.sort(key=lambda pair: pair[0][0] / pair[1][0])
        (one, one_peak, one_cpu), (two, two_peak, two_cpu) = pairs[len(pairs) // 2]
        ratios = ", ".join(f"{a[0] / b[0]:.2f}x" for a, b in pairs)
        print(
            f"{label}, --jobs 1: {pages / one:.1f} pages/s ({mib / one:.2f} MiB/s) in {one:.0f} s,"
            f" {one_cpu:.0f} CPU s, peak {one_peak / 2**20:.0f} MiB"
        )
        print(
            f"{label}, --jobs 2: {pages / two:.1f} pages/s ({mib / two:.2f} MiB/s) in {two:.0f} s,"
            f" {two_cpu:.0f} CPU s, peak {two_peak / 2**20:.0f} MiB; speed-up {one / two:.2f}x"
            f" (median of {len(pairs)}: {ratios})"
        )
        shown = ", ".join(f"{r:.3f}" for r in cpu_ratios)
        print(f"CPU time, --jobs 2 over --jobs 1: {cpu_ratios[len(cpu_ratios) // 2]:.3f}x (sorted: {shown})")
        if args.pairs_only:
            return

        _, small_peak = scan(small, where / "out-small", "--jobs", "2")
        peak = max(b[1] for _, b in pairs)
        print(
            f"peak memory, --jobs 2: {small_peak / 2**20:.0f} MiB at {small_megabytes} MB,"
            f" {peak / 2**20:.0f} MiB at {label}"
            f" ({(peak - small_peak) / small_peak:+.1%})"
        )

        local, _ = scan(large, where / "out-2", "--jobs", "2")
        dask, dask_peak = scan(large, where / "out-dask", "--engine", "dask", "--jobs", "2")
        print(
            f"{label}, --engine dask (LocalCluster, 2 workers): {pages / dask:.1f} pages/s in {dask:.0f} s,"
            f" peak {dask_peak / 2**20:.0f} MiB; {dask - local:+.1f} s ({(dask - local) / local:+.1%})"
            f" against --jobs 2 run just before it ({local:.0f} s)"
        )
        same = all(
            (where / d / "findings.jsonl").read_bytes() == (where / "out-1" / "findings.jsonl").read_bytes()
            for d in ("out-2", "out-dask")
        )
        print(f"findings identical across --jobs 1, --jobs 2 and dask: {same}")

        per_worker = size / one  # bytes/s one worker audits
        feed = reading * size / pages  # bytes/s one process reads
        print(f"estimate, English Wikipedia (~{ENWIKI_BYTES / 10**9:.0f} GB of article wikitext) from one dump file:")
        for workers in (1, 2, 8, 32, 128):
            rate = min(workers * per_worker, feed)
            bound = " (bound by reading)" if workers * per_worker > feed else ""
            print(f"  {workers:>3} workers: {ENWIKI_BYTES / rate / 3600:6.1f} h{bound}")


if __name__ == "__main__":
    main()
