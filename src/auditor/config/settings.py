"""User configuration: ``[tool.auditor]`` in pyproject.toml, or an auditor.toml.

The nearest file from the checked paths' directory upwards wins, else the nearest from the working
directory upwards. Unknown keys are
errors that name the file and the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..archive.settings import ArchiveSettings, archive_settings
from ..errors import ConfigError
from ..rules import Rule
from ..severity import Severity
from .defaults import RuleDefaults, build_options, parse_severity, rule_defaults

_TOP_KEYS = {"select", "ignore", "rules", "max-size", "archive", "exclude", "extend-exclude", "respect-gitignore"}


DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # the largest file (or dump page) read, unless --max-size says otherwise


@dataclass(frozen=True, slots=True)
class ActiveRule:
    """A rule that runs, with its severity and options."""

    rule: Rule
    severity: Severity
    options: Any


@dataclass(frozen=True, slots=True)
class Settings:
    """The configuration a run uses: its rules and limits, the archive's settings, what to leave out."""

    rules: tuple[ActiveRule, ...]
    max_bytes: int = DEFAULT_MAX_BYTES
    source: str | None = None  # the configuration file used, if any
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    exclude: tuple[str, ...] = ()  # gitignore-style patterns of files and directories to leave out of a tree
    respect_gitignore: bool = True  # leave out of a tree what its .gitignore files ignore


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for directory in (start, *start.parents):
        candidate = directory / "auditor.toml"
        if candidate.is_file():
            return candidate, _load(candidate)
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            section = _load(candidate).get("tool", {}).get("auditor")
            if section is not None:
                return candidate, section
    return None


def _load(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None


def load_settings(
    config_path: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    max_size_mib: float | None = None,
    archive: dict[str, Any] | None = None,
    exclude: list[str] | None = None,
    extend_exclude: list[str] | None = None,
    respect_gitignore: bool | None = None,
    start: Path | None = None,
) -> Settings:
    """The settings: the configuration file's (``config_path``, else the nearest from ``start`` upwards,
    else from the working directory upwards) under what the command line gives."""
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"{config_path}: no such configuration file")
        data = _load(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("auditor", {})
        found: tuple[Path, dict[str, Any]] | None = (path, data)
    else:
        found = (find_config(start) if start is not None else None) or find_config(Path.cwd())
    source, data = found if found else (None, {})
    where = str(source) if source else "configuration"
    table = "[tool.auditor]" if source and source.name == "pyproject.toml" else "the top level"

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} in {table}")
    defaults = rule_defaults()
    overrides = data.get("rules", {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of rule names")
    by_name = {d.rule.name: d for d in defaults}
    for name in overrides:
        if name not in by_name:
            raise ConfigError(f"{where}: unknown rule {name!r} in [rules]")

    chosen_select = select if select is not None else _string_list(data.get("select"), where, "select")
    chosen_ignore = (ignore or []) + (_string_list(data.get("ignore"), where, "ignore") or [])
    selected = _match(chosen_select, defaults) if chosen_select else None
    ignored = _match(chosen_ignore, defaults)

    active = []
    for default in defaults:
        rule_config = dict(overrides.get(default.rule.name, {}))
        enabled = rule_config.pop("enabled", default.enabled)
        severity = default.severity
        if "severity" in rule_config:
            severity = parse_severity(rule_config.pop("severity"), f"{where}: rules.{default.rule.name}")
        options = build_options(default.rule, rule_config, where, default.options)
        wanted = default.rule.name in selected if selected is not None else enabled
        if wanted and default.rule.name not in ignored:
            active.append(ActiveRule(default.rule, severity, options))

    max_size = max_size_mib if max_size_mib is not None else data.get("max-size")
    max_bytes = DEFAULT_MAX_BYTES if max_size is None else _max_bytes(max_size, where)
    archive_config = archive_settings(data.get("archive"), where, archive)
    excluded = exclude if exclude is not None else _string_list(data.get("exclude"), where, "exclude", "patterns")
    extended = _string_list(data.get("extend-exclude"), where, "extend-exclude", "patterns")
    excluded = [*(excluded or []), *(extended or []), *(extend_exclude or [])]
    gitignore = data.get("respect-gitignore", True) if respect_gitignore is None else respect_gitignore
    if not isinstance(gitignore, bool):
        raise ConfigError(f"{where}: 'respect-gitignore' must be true or false")
    source_name = str(source) if source else None
    return Settings(tuple(active), max_bytes, source_name, archive_config, tuple(excluded), gitignore)


def _string_list(value: object, where: str, key: str, what: str = "rule names or codes") -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key!r} must be a list of {what}")
    return value


def _max_bytes(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{where}: 'max-size' must be a positive number of MiB")
    return int(value * 2**20)


def _match(selectors: list[str], defaults: tuple[RuleDefaults, ...]) -> set[str]:
    """Rule names matched by names, codes or code prefixes such as ``CIT``."""
    names = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector:
            continue
        hits = {
            d.rule.name for d in defaults if d.rule.name == selector or d.rule.code.upper().startswith(selector.upper())
        }
        if not hits:
            raise ConfigError(f"unknown rule or code {selector!r} (see 'auditor rules')")
        names |= hits
    return names
