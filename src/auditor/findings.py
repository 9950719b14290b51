"""Findings as reported, and the fingerprints that identify them across edits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .severity import Severity

# NOTE: the SHA-256 module hashlib falls back to where OpenSSL is missing: importing hashlib loads OpenSSL's
# libcrypto, some 4 ms of every start, for digests of a few dozen bytes. The digest is the same.
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:  # later versions name it otherwise
    from hashlib import sha256


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found: the rule, where it is, the message and its evidence."""

    rule: str
    code: str
    severity: Severity
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: one past the last character
    message: str
    excerpt: str
    fingerprint: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""  # the text of the finding's first line, for the text output's caret


def fingerprint(rule: str, path: str, key: str, occurrence: int) -> str:
    """Identity from rule, path and the finding's text, never its line number.

    ``occurrence`` tells apart findings whose text is the same (the second
    identical claim in a document), so moving text keeps every fingerprint.
    """
    digest = sha256("\x1f".join((rule, path, key, str(occurrence))).encode("utf-8"))
    return digest.hexdigest()[:20]
