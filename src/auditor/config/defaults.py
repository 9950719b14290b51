"""The rules' defaults, shipped as ``rules/*.toml``: what a user may adjust.

Each file gives one rule's default severity, whether it is enabled, and its
option values; the rule's module gives its identity, documentation, options
dataclass and check. The user's configuration (``settings``) goes over both.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any, get_type_hints

from ..errors import ConfigError
from ..rules import RULES, Rule
from ..severity import Severity

_FILE_KEYS = {"severity", "enabled", "options"}


@dataclass(frozen=True)
class RuleDefaults:
    """A rule's defaults as its TOML file gives them."""

    rule: Rule
    severity: Severity
    enabled: bool
    values: Mapping[str, Any]  # the option values the file gives, by their names in it
    source: Path  # the file

    @cached_property
    def options(self) -> Any:
        """The default options: the rule's ``Options`` with the file's values. Built on first use, as it
        imports the rule: listing rules needs none of this."""
        return build_options(self.rule, dict(self.values), str(self.source), self.rule.options())


def rules_dir() -> Path:
    """The shipped rule configuration: inside the wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rules"


@cache
def rule_defaults() -> tuple[RuleDefaults, ...]:
    directory = rules_dir()
    loaded = []
    for rule in RULES:
        path = directory / f"{rule.name}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: missing configuration for rule {rule.name!r}") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: {error}") from None
        unknown = set(data) - _FILE_KEYS
        if unknown:
            raise ConfigError(f"{path}: unknown key {sorted(unknown)[0]!r}")
        loaded.append(
            RuleDefaults(
                rule=rule,
                severity=parse_severity(data.get("severity", "warning"), f"{path}: severity"),
                enabled=bool(data.get("enabled", True)),
                values=data.get("options", {}),
                source=path,
            )
        )
    return tuple(loaded)


def parse_severity(value: object, where: str) -> Severity:
    try:
        return Severity(str(value))
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{where}: {value!r} is not a severity ({choices})") from None


def build_options(rule: Rule, values: dict[str, Any], where: str, base: Any) -> Any:
    """Options from TOML keys (kebab-case), type-checked against the rule's dataclass."""
    hints = get_type_hints(rule.options)
    names = {f.name.replace("_", "-"): f.name for f in fields(rule.options)}
    changes = {}
    for key, value in values.items():
        if key not in names:
            raise ConfigError(f"{where}: unknown option {key!r} for rule {rule.name!r}")
        attribute = names[key]
        expected = hints[attribute]
        if hasattr(expected, "from_config"):  # an option with a structure of its own, which it checks
            try:
                value = expected.from_config(value)
            except ValueError as error:
                raise ConfigError(f"{where}: option {key!r} of rule {rule.name!r}: {error}") from None
        elif expected is bool and not isinstance(value, bool):
            raise ConfigError(f"{where}: option {key!r} of rule {rule.name!r} must be true or false")
        if getattr(expected, "__origin__", None) is tuple:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: option {key!r} of rule {rule.name!r} must be a list of strings")
            value = tuple(value)
        elif expected in (int, float) and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ConfigError(f"{where}: option {key!r} of rule {rule.name!r} must be a number")
        elif expected is str and not isinstance(value, str):
            raise ConfigError(f"{where}: option {key!r} of rule {rule.name!r} must be a string")
        changes[attribute] = value
    return type(base)(**{**{f.name: getattr(base, f.name) for f in fields(base)}, **changes})
