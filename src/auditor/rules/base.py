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
from functools import cache
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
_DOC_OPENINGS = ('"""', 'r"""', 'R"""')
_IDENTITY = re.compile(r'^(?P<name>CODE|NAME|SUMMARY) = (?P<value>"(?:[^"\\\n]|\\.)*")$', re.M)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and docs, read from its module's source, and the module that holds its check."""

    code: str
    name: str
    summary: str
    module: str  # the module that declares it and holds its check

    @classmethod
    def declared_in(cls, module: str) -> Rule:
        """The rule ``module`` declares, read from its source (ValueError when it declares none)."""
        source = _source(module)
        identity = {m["name"]: _string(m["value"]) for m in _IDENTITY.finditer(source)}
        if not source.startswith(_DOC_OPENINGS) or set(identity) != {"CODE", "NAME", "SUMMARY"}:
            raise ValueError(f"{module} does not declare a rule: a docstring, CODE, NAME and SUMMARY")
        return cls(identity["CODE"], identity["NAME"], identity["SUMMARY"], module)

    @property
    def doc(self) -> str:
        """The rule's documentation, its module's docstring: read when asked for, as a check needs none."""
        return _docstring(self.module)

    @property
    def check(self) -> Check:
        check: Check = import_module(self.module).check
        return check

    @property
    def options(self) -> type:
        """The rule's options: a frozen dataclass whose fields are its options."""
        options: type = getattr(import_module(self.module), "Options", NoOptions)
        return options


def _source(module: str) -> str:
    package, _, name = module.rpartition(".")
    return packaged_text(package, f"{name}.py")


def _string(literal: str) -> str:
    """The value of a one-line double-quoted string literal. NOTE: without a backslash, its text between the
    quotes, which spares ``ast.literal_eval`` (a parse) for each of the registry's hundred constants."""
    return literal[1:-1] if "\\" not in literal else ast.literal_eval(literal)


@cache
def _docstring(module: str) -> str:
    docstring = _DOCSTRING.match(_source(module))
    if docstring is None:
        raise ValueError(f"{module} does not declare a rule: a docstring, CODE, NAME and SUMMARY")
    doc: str = ast.literal_eval(docstring.group(0))
    return doc
