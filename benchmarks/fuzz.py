"""The long fuzz run: generated and bent documents for every reader and the whole check.

For each reader (wikitext, HTML, mirror, Markdown, and ``pipeline``: read, audit and render every report)
it runs ``--count`` inputs (10,000 by default) from a fixed seed, saves each crash as a reproducer file
under ``--out`` (the input, and the traceback beside it), and reports every input that took over 2 s.
Exits 1 when any input crashed or was slow. Run from the repository root: ``python3 benchmarks/fuzz.py``.
"""

from __future__ import annotations

import argparse
import hashlib
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
        crashes, slow, slowest, total = 0, [], (0.0, -1), 0.0
        started = time.perf_counter()
        for number in range(args.count):
            input_format, text = generate(reader, rng)
            outcome = run_one(reader, input_format, text, settings)
            total += outcome.seconds
            slowest = max(slowest, (outcome.seconds, number))
            if outcome.seconds > SLOW:
                slow.append((number, outcome.seconds))
                _save(args.out, reader, number, input_format, text, f"slow: {outcome.seconds:.2f} s\n")
            if outcome.crash:
                crashes += 1
                _save(args.out, reader, number, input_format, text, outcome.crash)
        failed = failed or bool(crashes or slow)
        print(
            f"{reader:9s} inputs {args.count:6d}  crashes {crashes}  over {SLOW:.0f} s {len(slow)}"
            f"  slowest {slowest[0]:.3f} s (input {slowest[1]})  mean {1000 * total / args.count:.1f} ms"
            f"  wall {time.perf_counter() - started:.0f} s",
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
