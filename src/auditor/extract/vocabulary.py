"""The words figures are read by, loaded once from ``data/figure_words.toml``.

Kinds of loss are plain strings (``DEAD``, ``WOUNDED`` ...); a category is the
set of kinds a number counts, so "killed or wounded" is ``{dead, wounded}`` and
"casualties" is every kind at once (``CASUALTIES``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

DEAD, EXECUTED, WOUNDED, CAPTURED, MISSING, DESERTED = "dead", "executed", "wounded", "captured", "missing", "deserted"
STRENGTH = "strength"
CASUALTIES = frozenset({DEAD, WOUNDED, CAPTURED, MISSING})

_DATA = tomllib.loads((Path(__file__).parent / "data" / "figure_words.toml").read_text(encoding="utf-8"))


def _words(name: str) -> frozenset[str]:
    return frozenset(_DATA["words"][name].split())


def _categories(table: str) -> dict[str, frozenset[str]]:
    return {word: frozenset([kinds] if isinstance(kinds, str) else kinds) for word, kinds in _DATA[table].items()}


KINDS: dict[str, str] = dict(_DATA["kinds"])
AGGREGATES = _categories("aggregates")
VERBS: dict[str, str] = dict(_DATA["verbs"])
NOUNS_BEFORE = _categories("nouns_before")
LOSING = _words("losing")
SKIP_BEFORE = _words("skip_before")
AUXILIARIES = _words("auxiliaries")
FILLERS = AUXILIARIES | _words("fillers")
STOPS = _words("stops")
LINKERS = _words("linkers")
SOURCE_VERBS = _words("source_verbs")
RATE = _words("rate")
SUBSET = _words("subset")
DEMOGRAPHIC = _words("demographic")
GENERIC = _words("generic")
NOT_PEOPLE = _words("not_people")
FORCE_UNITS = _words("force_units")
LOSS_STEMS = tuple(_DATA["words"]["loss_stems"].split())
SIDES: dict[str, str] = dict(_DATA["sides"])
SIDE_ALIASES: dict[str, str] = dict(_DATA["side_aliases"])


def side_name(words: str) -> str:
    """One spelling for a side: "Union", "Federal" and "United States" are all "united states"."""
    key = " ".join(words.casefold().replace("’", "'").split())
    key = key.removeprefix("the ")
    return SIDE_ALIASES.get(key, SIDES.get(key, key))
