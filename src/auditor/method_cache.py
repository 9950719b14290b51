"""The code the standard library compiles for each class, kept compiled between runs beside the bytecode.

For each class, ``dataclass()`` writes the source of ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and, when frozen, ``__setattr__`` and ``__delattr__``, and has ``exec`` compile and run it: some 400
compilations, a quarter of a small check's start-up. A named tuple class has ``eval`` compile its
``__new__`` (``collections.namedtuple``), and ``typing.NamedTuple`` compiles each field's annotation, a
string under ``from __future__ import annotations``, to check it (``typing.ForwardRef``): some 200 more,
3% of a check. While the command runs, ``kept_methods()`` hands those modules an ``exec``, ``eval`` and
``compile`` that run the code object compiled before from the same source text, compiling (and keeping)
only what they have not seen; ``save`` writes what was added. The classes are the same either way: the code
is what the builtins compile from that text, and the file is kept and read as the patterns are
(``pattern_cache``): beside the bytecode, by the same build of Python only.
"""

from __future__ import annotations

import builtins
import collections
import dataclasses
import marshal
import sys
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

from .pattern_cache import kept_file, write_kept

_STAMP = (2, sys.version, MAGIC_NUMBER, sys.flags.optimize)
_MOST = 4096  # code objects kept at most: the package's own are some 600

_kept: dict[tuple[str, str], CodeType] = {}  # by mode ("exec", "eval") and source
_added: dict[tuple[str, str], CodeType] = {}
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
        _kept.update((k, v) for k, v in entries.items() if _is_key(k) and isinstance(v, CodeType))


def _is_key(key: object) -> bool:
    return isinstance(key, tuple) and len(key) == 2 and key[0] in ("exec", "eval") and isinstance(key[1], str)


def _compiled(source: str, mode: str) -> CodeType:
    """The code ``compile`` makes of ``source`` as those modules have it compiled: "<string>", and no
    __future__ flags of the caller (dataclasses, collections and typing have none)."""
    code = _kept.get((mode, source)) or _added.get((mode, source))
    if code is None:
        code = _added[mode, source] = compile(source, "<string>", mode, dont_inherit=True)
    return code


def _exec(source: object, globals: dict | None = None, locals: dict | None = None) -> None:
    """``exec`` as ``dataclasses`` calls it, with the code compiled before from the same source."""
    if not isinstance(source, str):
        builtins.exec(source, globals, locals)
        return
    builtins.exec(_compiled(source, "exec"), globals, locals)


def _eval(source: object, globals: dict | None = None, locals: dict | None = None) -> Any:
    """``eval`` as ``collections.namedtuple`` calls it (with a namespace), with the code compiled before."""
    if not isinstance(source, str):
        return builtins.eval(source, globals, locals)
    return builtins.eval(_compiled(source.lstrip(" \t"), "eval"), globals, locals)  # as eval strips a string


def _compile(
    source: object, filename: str, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1
) -> Any:
    """``compile`` as ``typing.ForwardRef`` calls it, with the code compiled before from the same source."""
    if isinstance(source, str) and (filename, mode, flags, optimize) == ("<string>", "eval", 0, -1):
        return _compiled(source, "eval")
    return builtins.compile(source, filename, mode, flags, True, optimize)  # typing has no __future__ flags


@contextmanager
def kept_methods() -> Iterator[None]:
    """Run the block (imports that make dataclasses and named tuples) with the kept code at hand."""
    if getattr(dataclasses, "exec", None) is not None:  # already (a block inside a block)
        yield
        return
    if not _loaded:
        _load()
    # found before the builtins by those modules' code
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    collections.eval = _eval  # type: ignore[attr-defined]
    typing.compile = _compile  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        del collections.eval  # type: ignore[attr-defined]
        del typing.compile  # type: ignore[attr-defined]


def save() -> None:
    """Keep the code compiled since the start, where bytecode would be written."""
    path = kept_file(__file__, ".methods")
    if sys.dont_write_bytecode or not _added or path is None:
        return
    kept = {**_kept, **_added}
    if len(kept) > _MOST:
        kept = dict(_added)
    if write_kept(path, marshal.dumps((_STAMP, kept))):
        _kept.update(_added)
        _added.clear()
