"""Compiled regular expressions kept between runs, beside the package's bytecode.

A check compiles some two hundred patterns before it reads a word, and the standard library parses and
compiles each in pure Python: about a fifth of a small check's start-up. What that compiler makes is a
list of integers that the ``_sre`` engine turns into a pattern at once; kept in a file, it spares later
runs the parse. ``load`` puts the kept patterns into ``re``'s own cache, where ``re.compile`` finds them
by their source and flags, so no module changes how it compiles its patterns; ``save`` keeps those
compiled since, each only where the pattern built from the kept code equals (code included) the one
``re`` compiled.

The file is kept as bytecode is: beside the ``.pyc`` files (or under ``PYTHONPYCACHEPREFIX``), written
unless ``PYTHONDONTWRITEBYTECODE`` (or ``-B``) says not to, and read only by the same build of Python: a
file from another build, or one that cannot be read, is left alone and the patterns compile as before.
"""

from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

# NOTE: this reads CPython's internals (re._cache, re._parser, re._compiler, _sre.compile), stable in form
# from 3.11 to 3.13; where they differ the cache is not used and nothing else changes. The build's full
# version string names the compiler that made the code; _sre's constants, the code's format.
_STAMP = (1, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
_MOST = 1024  # patterns kept at most: the package's own are some 300, the rest come from configurations

# (pattern, flags) -> what _sre.compile takes besides the pattern: flags, code, groups, groupindex, indexgroup
_Pieces = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
_kept: dict[tuple[str | bytes, int], _Pieces] = {}


def kept_file(module: str, suffix: str) -> Path | None:
    """Where what ``module`` (a file) keeps between runs goes: beside its bytecode, ending in ``suffix``."""
    try:
        return Path(cache_from_source(module)).with_suffix(suffix)
    except (NotImplementedError, ValueError):  # no bytecode cache in this interpreter
        return None


def write_kept(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole (a run starting meanwhile reads the old file or the new); False
    where it cannot be written, as in a read-only installation."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def _path() -> Path | None:
    return kept_file(__file__, ".patterns")


def load() -> None:
    """Put the kept patterns into ``re``'s cache (as many as it has room for)."""
    cache = getattr(re, "_cache", None)
    path = _path()
    if not isinstance(cache, dict) or path is None:
        return
    try:
        stamp, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if stamp != _STAMP or not isinstance(entries, dict):
        return
    room = getattr(re, "_MAXCACHE", 0) - len(cache)
    for key, pieces in entries.items():
        try:
            pattern, flags = key
            if not isinstance(pattern, str | bytes) or not isinstance(flags, int):
                continue
            compiled = _sre.compile(pattern, *pieces)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not code this engine takes
            continue
        _kept[key] = pieces
        if len(_kept) <= room:
            cache[type(pattern), pattern, flags] = compiled


def _pieces(pattern: str | bytes, flags: int) -> _Pieces:
    """What ``re._compiler.compile(pattern, flags)`` hands ``_sre.compile``."""
    parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
    code = [int(op) for op in re._compiler._code(parsed, flags)]  # type: ignore[attr-defined]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def save() -> None:
    """Keep the patterns in ``re``'s cache that were not kept yet, where bytecode would be written. Past
    ``_MOST`` patterns kept, those of this run alone are."""
    cache = getattr(re, "_cache", None)
    path = _path()
    if sys.dont_write_bytecode or not isinstance(cache, dict) or path is None:
        return
    held: dict[tuple[str | bytes, int], _Pieces] = {}
    for (kind, pattern, flags), compiled in list(cache.items()):
        if kind not in (str, bytes) or not isinstance(flags, int):
            continue
        pieces = _kept.get((pattern, flags))
        if pieces is None:
            try:
                pieces = _pieces(pattern, flags)
                if _sre.compile(pattern, *pieces) != compiled:  # flags, source or code differ
                    continue
            except (AttributeError, TypeError, ValueError, RuntimeError, OverflowError, re.error):
                return  # not the compiler this module knows
        held[pattern, int(flags)] = pieces
    if held.keys() <= _kept.keys():
        return
    kept = {**_kept, **held}
    if len(kept) > _MOST:
        kept = held
    if not write_kept(path, marshal.dumps((_STAMP, kept))):
        return
    _kept.clear()
    _kept.update(kept)
