"""The words figures are read by, loaded once from ``data/figure_words.toml``.

Kinds of loss are plain strings (``DEAD``, ``WOUNDED`` ...); a category is the
set of kinds a number counts, so "killed or wounded" is ``{dead, wounded}`` and
"casualties" is every kind at once (``CASUALTIES``).
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from ..packaged import packaged_text

DEAD, EXECUTED, WOUNDED, CAPTURED, MISSING, DESERTED = "dead", "executed", "wounded", "captured", "missing", "deserted"
STRENGTH = "strength"
CASUALTIES = frozenset({DEAD, WOUNDED, CAPTURED, MISSING})

# The word lists, by the names this module gives them; each is built from the data file on first use
# (PEP 562), so that importing the constants above reads no file.
_LISTS = {
    "KINDS": ("table", "kinds"),
    "AGGREGATES": ("categories", "aggregates"),
    "VERBS": ("table", "verbs"),
    "NOUNS_BEFORE": ("categories", "nouns_before"),
    "LOSING": ("words", "losing"),
    "SKIP_BEFORE": ("words", "skip_before"),
    "AUXILIARIES": ("words", "auxiliaries"),
    "STOPS": ("words", "stops"),
    "LINKERS": ("words", "linkers"),
    "SOURCE_VERBS": ("words", "source_verbs"),
    "RATE": ("words", "rate"),
    "SUBSET": ("words", "subset"),
    "DEMOGRAPHIC": ("words", "demographic"),
    "GENERIC": ("words", "generic"),
    "NOT_PEOPLE": ("words", "not_people"),
    "FORCE_UNITS": ("words", "force_units"),
    "SIDES": ("table", "sides"),
    "SIDE_ALIASES": ("table", "side_aliases"),
}


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(packaged_text(__package__, "data/figure_words.toml"))


def _words(name: str) -> frozenset[str]:
    return frozenset(_data()["words"][name].split())


def _categories(table: str) -> dict[str, frozenset[str]]:
    return {word: frozenset([kinds] if isinstance(kinds, str) else kinds) for word, kinds in _data()[table].items()}


@cache
def __getattr__(name: str) -> Any:
    if name == "FILLERS":
        value: Any = __getattr__("AUXILIARIES") | _words("fillers")
    elif name == "LOSS_STEMS":
        value = tuple(_data()["words"]["loss_stems"].split())
    elif name in _LISTS:
        kind, key = _LISTS[name]
        value = _words(key) if kind == "words" else _categories(key) if kind == "categories" else dict(_data()[key])
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # later lookups of the module's attribute find it without this function
    return value


def side_name(words: str) -> str:
    """One spelling for a side: "Union", "Federal" and "United States" are all "united states"."""
    key = " ".join(words.casefold().replace("’", "'").split())
    key = key.removeprefix("the ")
    aliases, sides = __getattr__("SIDE_ALIASES"), __getattr__("SIDES")
    return aliases.get(key, sides.get(key, key))
