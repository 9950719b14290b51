"""The methods ``dataclass()`` writes, kept compiled between runs beside the package's bytecode.

For each class, ``dataclass()`` writes the source of ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and, when frozen, ``__setattr__`` and ``__delattr__``, and has ``exec`` compile and run it: some 400
compilations, a quarter of a small check's start-up. While the command imports its modules,
``kept_methods()`` hands ``dataclasses`` an ``exec`` that runs the code object compiled before from the
same source text, compiling (and keeping) only what it has not seen; ``save`` writes what was added. The
classes are the same either way: the code is what ``exec`` compiles from that text, and the file is kept
and read as the patterns are (``pattern_cache``): beside the bytecode, by the same build of Python only.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from types import CodeType

from .pattern_cache import kept_file, write_kept

_STAMP = (1, sys.version, MAGIC_NUMBER, sys.flags.optimize)
_MOST = 4096  # methods kept at most: the package's own are some 400

_kept: dict[str, CodeType] = {}
_added: dict[str, CodeType] = {}
_loaded = False


def _load() -> None:
    global _loaded
    _loaded = True
    path = kept_file(__file__, ".methods")
    try:
        stamp, entries = marshal.loads(path.read_bytes()) if path else (None, None)
    except (OSError, EOFError, ValueError, TypeError):
        return
    if stamp == _STAMP and isinstance(entries, dict):
        _kept.update((k, v) for k, v in entries.items() if isinstance(k, str) and isinstance(v, CodeType))


def _exec(source: object, globals: dict | None = None, locals: dict | None = None) -> None:
    """``exec`` as ``dataclasses`` calls it, with the code compiled before from the same source."""
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    code = _kept.get(source) or _added.get(source)
    if code is None:
        # as exec compiles a string: "<string>", with no __future__ flags of the caller (dataclasses has none)
        code = _added[source] = compile(source, "<string>", "exec", dont_inherit=True)
    builtins.exec(code, globals, locals)


@contextmanager
def kept_methods() -> Iterator[None]:
    """Run the block (imports that make dataclasses) with the kept methods at hand."""
    if getattr(dataclasses, "exec", None) is not None:  # already (a block inside a block)
        yield
        return
    if not _loaded:
        _load()
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin by dataclasses' code
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]


def save() -> None:
    """Keep the methods compiled since the start, where bytecode would be written."""
    path = kept_file(__file__, ".methods")
    if sys.dont_write_bytecode or not _added or path is None:
        return
    kept = {**_kept, **_added}
    if len(kept) > _MOST:
        kept = dict(_added)
    if write_kept(path, marshal.dumps((_STAMP, kept))):
        _kept.update(_added)
        _added.clear()
