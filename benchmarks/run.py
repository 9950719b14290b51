"""Print the speed figures the README quotes.

- whole-process wall time of ``auditor check`` on the seed, interpreter start included, and of
  ``auditor report`` writing its three reports (without the archive), each also as a ratio to
  ``python -c pass`` run alternately with it (the anchor: what starting Python costs here); the check
  with its bytecode cached, as an installed copy runs, and, where PYTHONDONTWRITEBYTECODE is set, also
  compiling every module at start as that environment does;
- batch throughput: documents per second over the six plain-text copies of the
  corpus, audited in one process, with every rule and with the citation rules
  alone (the second shows how loaded the machine was);
- plain text: documents per second over the six copies and the seed with every rule, by process time
  in interleaved rounds, and as a share of reading those files and one regular-expression pass for
  ``[n]`` over each (the anchor: the least any reader of them does);
- wikitext: documents per second over the corpus's wikitext articles, parsing
  with mwparserfromhell alone and ``auditor check`` with every rule, in one
  process and with its default workers (one per core), in one run;
- the cost of ``unsourced-claim`` alone, the rule CI gates on: milliseconds a document over the mirror
  copies and wikitext articles, facts it needs included, and as a share of reading those documents (the
  anchor, timed in the same process).

Run from the repository root: ``python3 benchmarks/run.py`` (``python3 benchmarks/run.py start-up``: the seed
check's figures alone).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import mwparserfromhell

from auditor.api import RunOptions, available_cores, check_paths
from auditor.config.settings import load_settings
from auditor.engine import audit
from auditor.extract.facts import Facts
from auditor.readers import read_mirror
from auditor.readers.wikitext import read_wikitext

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"
MIRRORS = ROOT.parent / "shared" / "corpus" / "html" / "mirror_plaintext"
WIKITEXT = ROOT.parent / "shared" / "corpus" / "wikitext"
RUNS = 15


def process_wall_time(*args: str, env: dict[str, str] | None = None) -> tuple[list[float], list[float]]:
    """Wall times of ``auditor ARGS`` as a whole process, and the ratio of each to a ``python -c pass`` run
    just before it: pairs, so that the machine's load moves both alike."""
    command = [sys.executable, "-m", "auditor", *args]
    anchor = [sys.executable, "-c", "pass"]
    subprocess.run(command, capture_output=True, check=False, env=env)  # warm the file (and bytecode) cache
    times, ratios = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(anchor, check=True, env=env)
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - started)
        ratios.append(times[-1] / (started - start))
        if result.returncode not in (0, 1):
            raise SystemExit(f"auditor failed: {result.stderr.decode()}")
    return times, ratios


def installed(bytecode: str) -> dict[str, str]:
    """The environment of an installed copy, whose modules pip compiled to bytecode once: here cached in
    ``bytecode`` by the warm-up run (with the compiled patterns and dataclass methods the package keeps
    beside it), even where PYTHONDONTWRITEBYTECODE would have every start compile the package's every
    module from its source again."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": bytecode}


def _process_line(label: str, times: list[float], ratios: list[float]) -> str:
    return (
        f"{label}, whole process: median {statistics.median(times):.3f} s, best {min(times):.3f} s;"
        f" {statistics.median(ratios):.1f} x python -c pass ({RUNS} pairs)"
    )


def batch_throughput(
    paths: list[str], families: tuple[str, ...] = (), rounds: int = 15
) -> tuple[float, float, int, int]:
    """Documents per second: median and best of ``rounds`` passes over ``paths``.

    ``families`` keeps only the rules whose codes start so ("CIT"); empty keeps every rule.
    """
    settings = load_settings()
    if families:
        settings = replace(settings, rules=tuple(a for a in settings.rules if a.rule.code.startswith(families)))
    run = RunOptions(settings, jobs=1)
    check_paths(paths, run)  # warm up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        report = check_paths(paths, run)
        times.append(time.perf_counter() - start)
    size = sum(Path(p).stat().st_size for p in paths)
    return len(paths) / statistics.median(times), len(paths) / min(times), size, len(report.findings)


_MARKER = re.compile(r"\[\d+\]")


def plain_text_ratio(rounds: int = 7) -> tuple[float, float, int]:
    """Documents per second (process time, median of ``rounds``) over the six plain-text copies and the
    seed: reading them with one regex pass for ``[n]`` (the anchor), and ``check`` with every rule in one
    process; the rounds alternate, so that the machine's load moves both alike."""
    paths = [*sorted(str(p) for p in MIRRORS.glob("*.wikicopy.txt")), str(SEED)]
    run = RunOptions(load_settings(), jobs=1)

    def anchor() -> None:
        for path in paths:
            _MARKER.findall(Path(path).read_text(encoding="utf-8"))

    def check() -> None:
        check_paths(paths, run)

    check()  # warm up
    times: dict[str, list[float]] = {"anchor": [], "check": []}
    for _ in range(rounds):
        for name, job in (("anchor", anchor), ("check", check)):
            start = time.process_time()
            job()
            times[name].append(time.process_time() - start)
    return len(paths) / statistics.median(times["anchor"]), len(paths) / statistics.median(times["check"]), len(paths)


def wikitext_ratio(rounds: int = 3) -> tuple[float, float, float, int] | None:
    """Documents per second over the wikitext articles: parsing alone (one process), and ``check``
    with every rule in one process and with its default worker processes (one per core)."""
    paths = sorted(str(p) for p in WIKITEXT.rglob("*.wikitext"))
    if not paths:
        return None
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    settings = load_settings()

    def parse_only() -> None:
        for text in texts:
            mwparserfromhell.parse(text, skip_style_tags=True)

    def check_one_process() -> None:
        check_paths(paths, RunOptions(settings, jobs=1))

    def check() -> None:
        check_paths(paths, RunOptions(settings))

    figures = []
    for job in (parse_only, check_one_process, check):
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            job()
            times.append(time.perf_counter() - start)
        figures.append(len(paths) / statistics.median(times))
    return figures[0], figures[1], figures[2], len(paths)


def rule_cost(name: str, rounds: int = 5) -> tuple[float, float, int]:
    """Seconds a document that rule ``name`` alone takes (the facts it reads computed afresh), and the
    seconds a document that reading takes, each the median of ``rounds`` passes over the same documents."""
    paths = sorted(MIRRORS.glob("*.wikicopy.txt")) + sorted(WIKITEXT.rglob("*.wikitext"))
    texts = [(path, path.read_text(encoding="utf-8")) for path in paths]
    readers = {".txt": read_mirror, ".wikitext": read_wikitext}
    rules = load_settings(select=[name]).rules

    def read() -> list:
        return [readers[path.suffix](str(path), text) for path, text in texts]

    reading, checking = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        docs = read()
        reading.append(time.perf_counter() - start)
        for doc in docs:  # what every rule shares, built before the clock starts: only the rule is timed
            doc.masked, doc.claim_sentences, doc.markers_by_block  # noqa: B018
        start = time.perf_counter()
        for doc in docs:
            audit(Facts(doc), rules)
        checking.append(time.perf_counter() - start)
    return statistics.median(checking) / len(docs), statistics.median(reading) / len(docs), len(docs)


def main() -> None:
    with tempfile.TemporaryDirectory() as bytecode:
        figures = process_wall_time("check", str(SEED), "--format", "json", env=installed(bytecode))
    print(_process_line("check seed, bytecode cached", *figures))
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        figures = process_wall_time("check", str(SEED), "--format", "json")
        print(_process_line("check seed, every module compiled at start (PYTHONDONTWRITEBYTECODE)", *figures))
    if sys.argv[1:] == ["start-up"]:
        return
    with tempfile.TemporaryDirectory() as out:
        figures = process_wall_time("report", str(SEED), "--no-archive", "-o", out)
    print(_process_line("report seed (Markdown, HTML, JSON)", *figures))
    mirrors = sorted(str(p) for p in MIRRORS.glob("*.wikicopy.txt"))
    if not mirrors:
        print("batch throughput: skipped, corpus not found at", MIRRORS)
        return
    # The citation rules alone, measured in the same run, show how loaded the machine is.
    for label, families in (("every rule", ()), ("citation rules only", ("CIT",))):
        median, best, size, findings = batch_throughput(mirrors, families)
        print(
            f"batch, {len(mirrors)} mirror copies ({size / 1024:.0f} KiB) in one process, {label}:"
            f" median {median:.0f} documents/s ({median * size / len(mirrors) / 2**20:.1f} MiB/s),"
            f" best {best:.0f} documents/s; {findings} findings per pass"
        )

    anchor, checked, count = plain_text_ratio()
    print(
        f"plain text, {count} documents (six copies and the seed), every rule, process time: {checked:.0f}"
        f" documents/s; reading them and one regex pass for [n]: {anchor:.0f} documents/s"
        f" (check is {checked / anchor:.4f} of it, {anchor / checked:.0f} x slower)"
    )
    ratio = wikitext_ratio()
    if ratio:
        parse, one, default, count = ratio
        print(
            f"wikitext, {count} articles: parsing alone {parse:.0f} documents/s; check with every rule:"
            f" one process {one:.0f} documents/s ({one / parse:.2f} of parsing),"
            f" default {available_cores()} workers {default:.0f} documents/s ({default / parse:.2f} of parsing)"
        )
    rule, reading, count = rule_cost("unsourced-claim")
    print(
        f"unsourced-claim alone, {count} documents: {rule * 1000:.1f} ms a document,"
        f" {rule / reading:.2f} of reading them ({reading * 1000:.1f} ms a document)"
    )


if __name__ == "__main__":
    main()
