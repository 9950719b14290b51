"""How well ``unsourced-claim`` finds the claims editors tagged {{citation needed}}, and how much else it flags.

For every wikitext article of the corpus with three or more such tags, the tags are stripped (nothing
else changes, so line numbers hold) and the text is audited with ``unsourced-claim`` alone. Then:

- tagged lines found: of the lines that held a tag, those with an ``unsourced-claim`` finding of any
  severity on them (the tag's own sentence, counted the same way, is given too);
- prose lines flagged: of the lines holding paragraph prose, those with a warning-severity finding.

The articles are split by a fixed rule into a tuning set and a held-out set (every third article in
alphabetical order), and the figures are given for each and for all.

Run from the repository root: ``python3 benchmarks/citation_needed.py [--list]``.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from auditor.config.settings import load_settings
from auditor.document import BlockKind, Document, Span
from auditor.engine import audit
from auditor.extract.facts import Facts
from auditor.readers.templates import CITATION_NEEDED
from auditor.readers.wikitext import read_wikitext
from auditor.severity import Severity

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "wikitext"
MIN_TAGS = 3
_NAMES = "|".join(re.escape(name).replace(r"\ ", r"[ _]+") for name in sorted(CITATION_NEEDED, key=len, reverse=True))
TAG = re.compile(rf"\{{\{{\s*(?:{_NAMES})\s*(?:\|[^{{}}]*)?\}}\}}", re.I)


@dataclass
class Counts:
    tags: int = 0
    tags_found: int = 0  # the tagged sentence itself has a finding
    tagged_lines: int = 0
    tagged_lines_found: int = 0
    prose: int = 0
    prose_warned: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        return (
            f"{label}: tagged lines found {self.tagged_lines_found}/{self.tagged_lines}"
            f" ({_share(self.tagged_lines_found, self.tagged_lines)}), tagged sentences found"
            f" {self.tags_found}/{self.tags} ({_share(self.tags_found, self.tags)}); prose lines with a warning"
            f" {self.prose_warned}/{self.prose} ({_share(self.prose_warned, self.prose)})"
        )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def articles() -> list[Path]:
    found = [
        path for path in CORPUS.rglob("*.wikitext") if len(TAG.findall(path.read_text(encoding="utf-8"))) >= MIN_TAGS
    ]
    return sorted(found, key=lambda p: p.name.lower())


def held_out(index: int) -> bool:
    return index % 3 == 2


def _visible_lines(doc: Document, span: Span) -> set[int]:
    """The lines on which ``span`` shows text (markup, such as a ref's parameters, shows none)."""
    first = doc.line_col(span.start)[0]
    pieces = doc.readable[span.start : span.end].split("\n")
    return {first + i for i, piece in enumerate(pieces) if piece.strip()}


def measure(path: Path, listing: bool = False) -> Counts:
    text = path.read_text(encoding="utf-8")
    removed, positions = 0, []  # where each tag stood in the stripped text
    for match in TAG.finditer(text):
        positions.append(match.start() - removed)
        removed += match.end() - match.start()
    doc = read_wikitext(path.name, TAG.sub("", text))
    findings = audit(Facts(doc), load_settings(select=["unsourced-claim"]).rules)
    flagged = set().union(*(_visible_lines(doc, Span(f.start, f.end)) for f in findings))
    warned = set().union(
        *(_visible_lines(doc, Span(f.start, f.end)) for f in findings if f.severity is Severity.WARNING)
    )
    prose = set().union(
        *(_visible_lines(doc, s.span) for s in doc.claim_sentences if doc.blocks[s.block].kind is BlockKind.PARAGRAPH)
    )
    counts = Counts(tags=len(positions), prose=len(prose), prose_warned=len(prose & warned))
    tagged_lines = set()
    for position in positions:
        # A tag follows the sentence it tags: the last one to end at or before it, whose last line is the
        # tagged line (a tag on a line of its own tags the line before). A tag with no sentence before it
        # (in an image's caption, say) counts on its own line.
        before = [s for s in doc.sentences if s.span.start < position <= s.span.end + 1]
        tagged = max(before, key=lambda s: s.span.end) if before else None
        if tagged is None:
            tagged_lines.add(doc.line_col(position)[0])
            continue
        tagged_lines.add(doc.line_col(tagged.content_end - 1)[0])
        if any(f.start < tagged.span.end and tagged.span.start < f.end for f in findings):
            counts.tags_found += 1
    counts.tagged_lines = len(tagged_lines)
    counts.tagged_lines_found = len(tagged_lines & flagged)
    if listing:
        lines = doc.text.splitlines()
        for line in sorted(tagged_lines - flagged):
            print(f"  missed {path.name}:{line}: {lines[line - 1][:160]}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list each tagged line that got no finding")
    args = parser.parse_args()
    paths = articles()
    if not paths:
        sys.exit(f"corpus not found at {CORPUS}")
    tuning, held, total = Counts(), Counts(), Counts()
    for index, path in enumerate(paths):
        counts = measure(path, args.list)
        (held if held_out(index) else tuning).add(counts)
        total.add(counts)
        print(counts.line(f"{path.name}{' (held out)' if held_out(index) else ''}"))
    print()
    print(tuning.line(f"tuning set, {sum(1 for i in range(len(paths)) if not held_out(i))} articles"))
    print(held.line(f"held-out set, {sum(1 for i in range(len(paths)) if held_out(i))} articles"))
    print(total.line(f"all {len(paths)} articles"))


if __name__ == "__main__":
    main()
