"""Print a Markdown table of the corpus run: per file, claims, references, findings by rule, and time.

Run from the repository root: ``python3 benchmarks/corpus_table.py [FOLDER ...]`` (default: the
corpus's wikitext/, html/ and reports/). Each file is read and audited in this process and timed alone.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from auditor.api import RunOptions, check_paths
from auditor.config.settings import load_settings
from auditor.readers.detect import SUFFIXES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FOLDERS = ("wikitext", "html", "reports")


def main() -> None:
    folders = [Path(f) for f in sys.argv[1:]] or [CORPUS / name for name in FOLDERS]
    settings = load_settings()
    print("| file | format | claims | cited | refs | empty | findings by rule | ms |")
    print("|---|---|---|---|---|---|---|---|")
    total = 0
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES):
            start = time.perf_counter()
            report = check_paths([str(path)], RunOptions(settings, jobs=1))
            elapsed = (time.perf_counter() - start) * 1000
            shown = path.relative_to(CORPUS) if path.is_relative_to(CORPUS) else path
            if report.errors:
                print(f"| {shown} | error | {report.errors[0].message} | | | | | {elapsed:.0f} |")
                continue
            (file,) = report.files
            summary = file.summary
            rules = ", ".join(f"{rule} {count}" for rule, count in summary.findings_by_rule.items()) or "none"
            print(
                f"| {shown} | {file.format} | {summary.claims} | {summary.cited_claims} | {summary.references}"
                f" | {summary.empty_references} | {rules} | {elapsed:.0f} |"
            )
            total += 1
    print(f"\n{total} files checked")


if __name__ == "__main__":
    main()
