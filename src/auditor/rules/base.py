"""What a rule is made of and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ..document import Document, Span
from ..extract.facts import Facts
from ..severity import Severity


@dataclass(frozen=True, slots=True)
class Hit:
    """A problem a rule found; the engine adds code, severity, position and fingerprint."""

    span: Span
    message: str
    excerpt: str  # the claim or reference text the finding is about
    key: str  # what identifies the finding apart from its position (see fingerprints)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # for a finding that informs rather than warns, whatever the rule's level


Check = Callable[[Document, Facts, Any], Iterator[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    options: type  # a frozen dataclass; its fields are the rule's options
    check: Check
    doc: str

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(module.CODE, module.NAME, module.Options, module.check, module.__doc__ or "")
