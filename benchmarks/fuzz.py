"""The long fuzz run: generated and bent documents for every reader and the whole check.

For each reader (wikitext, HTML, mirror, Markdown, and ``pipeline``: read, audit and render every report)
it runs ``--count`` inputs (10,000 by default) from a fixed seed, saves each crash as a reproducer file
under ``--out`` (the input, and the traceback beside it), and reports every input that took over 2 s,
of wall clock and of CPU time (the CPU figure holds on a busy machine). Exits 1 when any input crashed or
took over 2 s of CPU. Run from the repository root: ``python3 benchmarks/fuzz.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from auditor.config.settings import load_settings  # noqa: E402
from fuzz_inputs import READERS, generate, run_one, warm_up  # noqa: E402

SLOW = 2.0  # seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs per reader")
    parser.add_argument("--seed", default="fuzz", help="the run's seed; the same seed makes the same inputs")
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"), help="where reproducers are saved")
    parser.add_argument("--readers", nargs="*", default=list(READERS), choices=READERS)
    args = parser.parse_args()
    settings = load_settings()
    failed = False
    for reader in args.readers:
        rng = random.Random(f"{args.seed}-{reader}")
        warm_up(reader, settings)
        crashes, slow, slow_cpu, slowest, slowest_cpu, total = 0, 0, 0, (0.0, -1), (0.0, -1), 0.0
        started = time.perf_counter()
        for number in range(args.count):
            input_format, text = generate(reader, rng)
            outcome = run_one(reader, input_format, text, settings)
            total += outcome.seconds
            slowest, slowest_cpu = max(slowest, (outcome.seconds, number)), max(slowest_cpu, (outcome.cpu, number))
            if outcome.seconds > SLOW or outcome.cpu > SLOW:
                slow += outcome.seconds > SLOW
                slow_cpu += outcome.cpu > SLOW
                why = f"slow: {outcome.seconds:.2f} s wall, {outcome.cpu:.2f} s CPU\n"
                _save(args.out, reader, number, input_format, text, why)
            if outcome.crash:
                crashes += 1
                _save(args.out, reader, number, input_format, text, outcome.crash)
            if (number + 1) % 1000 == 0:  # a run cut short still says how far it got
                print(f"{reader}: {number + 1} inputs, {crashes} crashes, {slow_cpu} over 2 s CPU", file=sys.stderr)
        failed = failed or bool(crashes or slow_cpu)
        print(
            f"{reader:9s} inputs {args.count:6d}  crashes {crashes}  over {SLOW:.0f} s {slow} wall, {slow_cpu} CPU"
            f"  slowest {slowest[0]:.3f} s wall (input {slowest[1]}), {slowest_cpu[0]:.3f} s CPU"
            f" (input {slowest_cpu[1]})  mean {1000 * total / args.count:.1f} ms"
            f"  wall {time.perf_counter() - started:.0f} s  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    return 1 if failed else 0


def _save(out: Path, reader: str, number: int, input_format: str, text: str, why: str) -> None:
    """The input as a file the tool reads (``auditor check FILE``), and why it was saved beside it."""
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"wikitext": ".wikitext", "html": ".html", "mirror": ".txt", "markdown": ".md"}[input_format]
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stem = out / f"{reader}-{number}-{digest}"
    stem.with_suffix(suffix).write_bytes(text.encode("utf-8", "surrogatepass"))
    stem.with_suffix(".why").write_text(why, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
