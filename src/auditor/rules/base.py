"""What a rule is made of and what it returns.

A rule is a module: its documentation (the module's docstring), its identity
(``CODE``, ``NAME``, ``SUMMARY``), its ``Options`` when it has any, and its
``check``. The identity and documentation are read from the module's source
without running it, the way packaging tools read a version, so that listing
rules imports none of them; ``check`` and ``Options`` are imported when first
needed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..packaged import packaged_text
from ..severity import Severity

if TYPE_CHECKING:
    from ..document import Document, Span
    from ..extract.facts import Facts


@dataclass(frozen=True, slots=True)
class Hit:
    """A problem a rule found; the engine adds code, severity, position and fingerprint."""

    span: Span
    message: str
    excerpt: str  # the claim or reference text the finding is about
    key: str  # what identifies the finding apart from its position (see fingerprints)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None  # for a finding that informs rather than warns, whatever the rule's level


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a rule that has none: a rule module without ``Options`` takes these."""


if TYPE_CHECKING:
    Check = Callable[[Document, Facts, Any], Iterator[Hit]]


# A module's docstring, and its identity: string constants assigned at the top level. NOTE: read by pattern,
# not parsed: ast.parse of the twenty modules would add some 7 ms to every run. The tests hold what is read
# equal to each module's own values.
_DOCSTRING = re.compile(r'\A(?:[rR]?"""(?:[^\\]|\\.)*?""")', re.S)
_IDENTITY = re.compile(r'^(?P<name>CODE|NAME|SUMMARY) = (?P<value>"(?:[^"\\\n]|\\.)*")$', re.M)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and docs, read from its module's source, and the module that holds its check."""

    code: str
    name: str
    summary: str
    doc: str
    module: str  # the module that declares it and holds its check

    @classmethod
    def declared_in(cls, module: str) -> Rule:
        """The rule ``module`` declares, read from its source (ValueError when it declares none)."""
        package, _, name = module.rpartition(".")
        source = packaged_text(package, f"{name}.py")
        identity = {m["name"]: ast.literal_eval(m["value"]) for m in _IDENTITY.finditer(source)}
        docstring = _DOCSTRING.match(source)
        if docstring is None or set(identity) != {"CODE", "NAME", "SUMMARY"}:
            raise ValueError(f"{module} does not declare a rule: a docstring, CODE, NAME and SUMMARY")
        doc = ast.literal_eval(docstring.group(0))
        return cls(identity["CODE"], identity["NAME"], identity["SUMMARY"], doc, module)

    @property
    def check(self) -> Check:
        check: Check = import_module(self.module).check
        return check

    @property
    def options(self) -> type:
        """The rule's options: a frozen dataclass whose fields are its options."""
        options: type = getattr(import_module(self.module), "Options", NoOptions)
        return options
