"""Print how often the source-support rules speak, on WiCE's dev split: real Wikipedia claims, the text of
the web pages they cite, and annotators' labels (``../shared/corpus/labelled/wice_dev/``).

- false alarms: of the claims labelled ``supported`` that state a figure or a date, the share that get a
  figure-not-in-source or date-not-in-source finding (the aim: at most 3%);
- recall: of the figures and dates inside the spans annotators marked unsupported
  (``non_supported_tokens__dev.jsonl``), the share that get one (the aim: at least 70%).

Each claim is read as a one-sentence wikitext article citing its page, and the page's sentences are the
capture's main text, so the rules run as they do after the archive phase. ``--list`` prints each finding.

Run from the repository root: ``python3 benchmarks/support.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from auditor.extract.facts import Facts  # noqa: E402
from auditor.extract.sources import ArchiveFacts, CaptureFact, SourceLookup, SourceText, Status  # noqa: E402
from auditor.extract.support import claim_items  # noqa: E402
from auditor.findings import Finding  # noqa: E402
from auditor.readers.wikitext import read_wikitext  # noqa: E402
from rules_helper import run_rule  # noqa: E402

WICE = ROOT.parent / "shared" / "corpus" / "labelled" / "wice_dev"
RULES = ("figure-not-in-source", "date-not-in-source")
URL = "https://source.example/page"


def _facts(claim: str, evidence: list[str]) -> Facts:
    text = f"{claim}<ref>{{{{cite web |url={URL} |title=Source}}}}</ref>\n\n== References ==\n<references/>\n"
    facts = Facts(read_wikitext("claim.wiki", text))
    source = facts.sources[0]
    capture = CaptureFact("20200101000000", URL, "200", f"https://web.archive.org/web/20200101000000/{URL}")
    lookup = SourceLookup(source.key, URL, Status.ARCHIVED, capture)
    body = "\n".join(line for line in evidence if not line.startswith("(meta data)"))
    text_read = SourceText(capture.replay_url, body)
    return facts.with_archive(
        ArchiveFacts(sources=facts.sources, lookups={source.key: lookup}, texts={source.key: text_read})
    )


def _findings(facts: Facts) -> list[Finding]:
    return [finding for rule in RULES for finding in run_rule(rule, facts)]


def _stated(facts: Facts) -> list[tuple[str, int, int]]:
    """The figures and dates the claim states: (kind, start, end)."""
    doc = facts.doc
    sentence = doc.sentences[0].span if doc.sentences else None
    if sentence is None:
        return []
    return [
        (kind, span.start, span.end) for kind, _, span, _ in claim_items(doc, facts.dates, sentence) if kind != "party"
    ]


def _token_spans(claim: str, tokens: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for token in tokens:
        found = claim.find(token, at)
        if found < 0:
            spans.append((at, at))
            continue
        spans.append((found, found + len(token)))
        at = found + len(token)
    return spans


def false_alarms(show: bool) -> tuple[int, int]:
    alarms = checked = 0
    with (WICE / "entailment_retrieval__claim__dev.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if row["label"] != "supported":
                continue
            facts = _facts(row["claim"], row["evidence"])
            if not _stated(facts):
                continue
            checked += 1
            found = _findings(facts)
            alarms += bool(found)
            if show:
                for finding in found:
                    print(f"supported {row['meta']['id']}: {finding.message}\n    claim: {row['claim']}")
    return alarms, checked


def recall(show: bool) -> tuple[int, int]:
    caught = total = 0
    with (WICE / "non_supported_tokens__dev.jsonl").open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            claim = row["claim"]
            marked = [span for span, bad in zip(_token_spans(claim, row["claim_tokens"]), row["non_supported_spans"],
                                                strict=False) if bad]  # fmt: skip
            facts = _facts(claim, row["evidence"])
            found = _findings(facts)
            for kind, start, end in _stated(facts):
                if not any(s < end and start < e for s, e in marked):
                    continue
                total += 1
                hit = any(f.start < end and start < f.end for f in found)
                caught += hit
                if show:
                    said = next((f.message for f in found if f.start < end and start < f.end), "no finding")
                    print(f"unsupported {row['meta']['id']} {kind} {claim[start:end]!r}: {said}")
    return caught, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print each finding and each unsupported figure or date")
    show = parser.parse_args().list
    if not WICE.exists():
        sys.exit(f"{WICE} is absent")
    alarms, checked = false_alarms(show)
    caught, total = recall(show)
    print(f"supported claims stating a figure or date: {checked}; with a not-in-source finding: {alarms}"
          f" ({alarms / max(checked, 1):.1%}; aim at most 3%)")  # fmt: skip
    print(f"figures and dates in spans marked unsupported: {total}; with a finding: {caught}"
          f" ({caught / max(total, 1):.1%}; aim at least 70%)")  # fmt: skip


if __name__ == "__main__":
    main()
