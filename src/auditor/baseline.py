"""Findings already known, and which of today's are new: the gate that lets CI fail on new problems only.

What is known comes from a baseline file (``auditor baseline write``) or from
auditing each file as it stood at a git revision (``--diff-base``). Findings
are matched by fingerprint, which does not depend on line numbers, so moving a
paragraph makes nothing new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import InputError
from .findings import Finding

BASELINE_VERSION = 1


@dataclass(frozen=True, slots=True)
class Known:
    """A finding on record: enough to match it, and to say what was fixed."""

    fingerprint: str
    code: str
    rule: str
    path: str
    message: str

    @classmethod
    def of(cls, finding: Finding) -> Known:
        return cls(finding.fingerprint, finding.code, finding.rule, finding.path, finding.message)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Today's findings against the known ones: which are new, and which known ones are gone."""

    against: str  # what was compared with: "baseline .auditor-baseline.json", "HEAD"
    new: frozenset[str]  # fingerprints of findings not known before
    fixed: tuple[Known, ...]  # known findings no longer found

    def is_new(self, finding: Finding) -> bool:
        return finding.fingerprint in self.new


def compare(findings: Iterable[Finding], known: Sequence[Known], against: str) -> Comparison:
    """Match ``findings`` with ``known`` by fingerprint, each known finding matching at most one."""
    remaining = Counter(k.fingerprint for k in known)
    new = set()
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
        else:
            new.add(finding.fingerprint)
    fixed = []
    for entry in known:
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            fixed.append(entry)
    return Comparison(against, frozenset(new), tuple(fixed))


def dump(findings: Iterable[Finding]) -> str:
    """A baseline file's text: the known findings, sorted so that rewriting it gives a small diff."""
    entries = sorted((Known.of(f) for f in findings), key=lambda k: (k.path, k.code, k.fingerprint))
    data = {
        "baseline_version": BASELINE_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "findings": [
            {"fingerprint": k.fingerprint, "code": k.code, "rule": k.rule, "path": k.path, "message": k.message}
            for k in entries
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> list[Known]:
    """The findings a baseline file records; InputError, naming the file, when it cannot be used."""
    shown = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(shown, f"cannot read the baseline: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(shown, "the baseline is not UTF-8 text") from None
    except ValueError as error:
        raise InputError(shown, f"the baseline is not JSON: {error}") from None
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise InputError(
            shown, f"not an auditor baseline (version {BASELINE_VERSION}); write one with 'auditor baseline write'"
        )
    known = []
    for number, entry in enumerate(data.get("findings") or [], 1):
        try:
            known.append(Known(*(str(entry[key]) for key in ("fingerprint", "code", "rule", "path", "message"))))
        except (KeyError, TypeError):
            raise InputError(
                shown, f"baseline entry {number} lacks a fingerprint, code, rule, path or message"
            ) from None
    return known
