"""Print the archive layer's figures, against a local pywb (the test suite's; needs the test extra).

- cold: 500 distinct cited URLs, cited 1,500 times in 50 documents with their
  spellings varied (scheme, ``www.``, trailing slash, fragment, tracking
  parameters): requests made against distinct canonical URLs;
- warm: the same run again in a new client over the same on-disk cache:
  requests made, and lookups per second of CPU time, beside the anchor measured right after each run: the cache's
  rows read straight from its SQLite table (value and expiry by key, as many as there were lookups),
  per second; the ratio is the median of the five pairs. A warm lookup reads the answer it chose in the
  cold run, kept beside the cached answer (a document's sources in one query), and the main text of each
  capture a claim with a figure or a date cites (a document's in one query); the documents' own facts
  (which references those are) are computed once, in the cold run, as a run does;
- rate: a cold run of ``--rate-sample`` distinct URLs at the default limit
  (24 a minute): wall time against requests ÷ rate. ``--full`` runs all 500
  at the default rate instead (about 21 minutes).

Run from the repository root: ``python3 benchmarks/archive.py``.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from auditor.archive.gather import ArchiveOptions, gather  # noqa: E402
from auditor.archive.http import HttpClient, HttpSettings  # noqa: E402
from auditor.archive.settings import ArchiveSettings  # noqa: E402
from auditor.extract.facts import Facts  # noqa: E402
from auditor.readers import read_html  # noqa: E402
from auditor.readers.wikitext import read_wikitext  # noqa: E402
from wayback_fixture import Page, start_pywb  # noqa: E402

DISTINCT = 500
DOCUMENTS = 50
VARIANTS = (
    "http://{host}/story/{n}",
    "https://www.{host}/story/{n}/",
    "http://{host}/story/{n}?utm_source=feed#comments",
)


def _pages() -> list[Page]:
    pages = []
    for n in range(DISTINCT):
        host = f"site{n % 25}.example"
        pages.append(Page(f"http://{host}/story/{n}", f"2014{1 + n % 12:02d}15120000"))
        pages.append(Page(f"http://{host}/story/{n}", "20200101000000"))
    return pages


def _documents():
    docs = []
    for d in range(DOCUMENTS):
        refs = []
        for i in range(30):  # 1,500 citations over 500 URLs, three spellings each
            n = (d * 30 + i) % DISTINCT
            url = VARIANTS[(d * 30 + i) // DISTINCT % 3].format(host=f"site{n % 25}.example", n=n)
            refs.append(f"Claim {i}.<ref>{{{{cite web |url={url} |title=Story {n} |access-date=1 June 2015}}}}</ref>\n")
        docs.append(Facts(read_wikitext(f"doc{d}.wikitext", "".join(refs))))
    return docs


def _run(docs, settings: ArchiveSettings, cache: Path, clock=time.perf_counter) -> tuple[float, HttpClient, int]:
    client = HttpClient(HttpSettings(cache_dir=cache))
    started = clock()
    outcome = gather(docs, client, ArchiveOptions(settings, recover=False), date(2026, 11, 23), read_html)
    return clock() - started, client, sum(outcome.counts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate-sample", type=int, default=25, help="distinct URLs in the rate-limited run")
    parser.add_argument("--full", action="store_true", help="run all 500 URLs at the default rate")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        server = start_pywb(Path(scratch) / "wayback", _pages())
        try:
            docs = _documents()
            citations = sum(len(facts.sources) for facts in docs)
            keys = {source.key for facts in docs for source in facts.sources}
            fast = ArchiveSettings(cdx_url=server.cdx_url, replay_url=server.replay_url, requests_per_minute=1e9)
            cache = Path(scratch) / "cache"
            seconds, client, lookups = _run(docs, fast, cache)
            print(
                f"cold: {citations} citations of {len(keys)} canonical URLs in {DOCUMENTS} documents:"
                f" {client.counts['fetched']} requests, {lookups} lookups, {seconds:.2f} s"
            )
            rates, ratios = [], []
            for _ in range(5):
                # CPU time: answers from the cache wait on nothing, and the machine's load moves CPU time less
                seconds, client, lookups = _run(docs, fast, cache, time.process_time)
                rates.append(lookups / seconds)
                ratios.append(rates[-1] / _rows_per_second(cache / "http.sqlite", lookups))
            warm = f"warm: {client.counts['fetched']} requests, {lookups} lookups from the cache"
            shown = ", ".join(f"{r:.3f}" for r in sorted(ratios))
            print(
                f"{warm}, best {max(rates):,.0f} lookups/s (median {statistics.median(rates):,.0f});"
                " against the cache's rows read alone,"
                f" {statistics.median(ratios):.3f} x (sorted: {shown})"
            )
            sample = docs if args.full else _sample(args.rate_sample)
            default_rate = ArchiveSettings().requests_per_minute
            limited = ArchiveSettings(cdx_url=server.cdx_url, replay_url=server.replay_url)
            seconds, client, _ = _run(sample, limited, Path(scratch) / "cache-rate")
            requests = client.counts["fetched"]
            expected = requests / default_rate * 60
            print(
                f"rate: {requests} requests at the default {default_rate:g}/min in {seconds:.1f} s;"
                f" requests ÷ rate = {expected:.1f} s ({(seconds - expected) / expected:+.1%})"
            )
        finally:
            server.stop()


def _rows_per_second(database: Path, count: int) -> float:
    """Rows of the cache's table read one by one, by key, as a lookup reads its answer: the anchor."""
    with sqlite3.connect(database) as connection:
        keys = [key for (key,) in connection.execute("SELECT key FROM responses")]
        keys = (keys * (count // max(1, len(keys)) + 1))[:count]
        start = time.process_time()
        for key in keys:
            connection.execute("SELECT value, expires FROM responses WHERE key = ?", (key,)).fetchone()
        return count / (time.process_time() - start)


def _sample(distinct: int):
    """A document citing the first ``distinct`` of the URLs."""
    cite = "C.<ref>{{{{cite web |url=http://site{site}.example/story/{n} |title=S |access-date=2015-06-01}}}}</ref>\n"
    text = "".join(cite.format(site=n % 25, n=n) for n in range(distinct))
    return [Facts(read_wikitext("sample.wikitext", text))]


if __name__ == "__main__":
    main()
