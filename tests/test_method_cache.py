"""The code the standard library compiles for each class, kept compiled between runs: a class made with the
kept code (a dataclass's methods, a named tuple's ``__new__`` and annotations) is the class made without
(code, annotations, behaviour), what was compiled is kept where bytecode would be and read back, a file
from another build or a damaged one is left alone, and nothing stays patched."""

from __future__ import annotations

import collections
import dataclasses
import marshal
import sys
import textwrap
import typing

import pytest

from auditor import method_cache

# Made in a namespace of its own, as a module would: frozen (__setattr__, __delattr__, __hash__), with
# defaults, a factory and slots, so that every method dataclass() writes is there.
_SOURCE = textwrap.dedent(
    """
    from dataclasses import dataclass, field

    @dataclass(frozen=True, slots=True)
    class Kept:
        '''A record.'''

        name: str
        count: int = 0
        tags: tuple[str, ...] = field(default_factory=tuple)
    """
)
_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")


# A named tuple of a module with string annotations, as the package's are: collections.namedtuple compiles
# its __new__, typing each field's annotation.
_NAMED = textwrap.dedent(
    """
    from __future__ import annotations
    from typing import NamedTuple

    class Pair(NamedTuple):
        '''Two fields.'''

        first: int
        rest: tuple[str, ...] = ()
    """
)


def _made(source: str = _SOURCE, name: str = "Kept") -> type:
    namespace: dict[str, object] = {"__name__": __name__}  # a module dataclasses can look annotations up in
    exec(source, namespace)
    return namespace[name]  # type: ignore[return-value]


def _same_named_tuple(made: type, plain: type) -> None:
    ours, theirs = made.__new__, plain.__new__
    assert ours.__code__ == theirs.__code__
    assert ours.__code__.co_flags == theirs.__code__.co_flags  # no __future__ flag of this module leaks in
    assert ours.__defaults__ == theirs.__defaults__
    hints, plain_hints = made.__annotations__.values(), plain.__annotations__.values()
    assert [h.__forward_arg__ for h in hints] == [h.__forward_arg__ for h in plain_hints] == ["int", "tuple[str, ...]"]
    assert [h.__forward_code__ for h in hints] == [h.__forward_code__ for h in plain_hints]
    assert made("a") == plain("a") == ("a", ())
    assert repr(made(1, ("b",))) == repr(plain(1, ("b",))) == "Pair(first=1, rest=('b',))"


@pytest.fixture
def kept(tmp_path, monkeypatch):
    path = tmp_path / "kept.methods"
    monkeypatch.setattr(method_cache, "kept_file", lambda module, suffix: path)
    monkeypatch.setattr(method_cache, "_kept", {})
    monkeypatch.setattr(method_cache, "_added", {})
    monkeypatch.setattr(method_cache, "_loaded", False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _same_class(made: type, plain: type) -> None:
    for name in _METHODS:
        ours, theirs = getattr(made, name), getattr(plain, name)
        assert ours.__code__ == theirs.__code__
        assert (ours.__code__.co_filename, ours.__code__.co_firstlineno) == (
            theirs.__code__.co_filename,
            theirs.__code__.co_firstlineno,
        )
        assert ours.__annotations__ == theirs.__annotations__  # no __future__ flag of this module leaks in
        assert ours.__qualname__ == theirs.__qualname__
    assert made.__doc__ == plain.__doc__
    a, b = made("a", 2), plain("a", 2)
    assert (repr(a), hash(a), a == made("a", 2), a == made("b")) == (repr(b), hash(b), True, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.count = 3


def test_a_class_made_with_the_kept_methods_is_the_class_made_without(kept):
    plain = _made()
    with method_cache.kept_methods():
        first = _made()
    assert not hasattr(dataclasses, "exec")  # the patch lasts as long as the block
    method_cache.save()
    assert kept.is_file()

    method_cache._kept.clear()
    method_cache._added.clear()
    method_cache._loaded = False
    with method_cache.kept_methods():
        second = _made()
    assert method_cache._kept and not method_cache._added  # every method came from the file
    _same_class(first, plain)
    _same_class(second, plain)


def test_a_named_tuple_made_with_the_kept_code_is_the_one_made_without(kept):
    plain = _made(_NAMED, "Pair")
    with method_cache.kept_methods():
        first = _made(_NAMED, "Pair")
    assert not hasattr(collections, "eval") and not hasattr(typing, "compile")  # patched as long as the block
    assert {mode for mode, _ in method_cache._added} == {"eval"}
    method_cache.save()

    method_cache._kept.clear()
    method_cache._added.clear()
    method_cache._loaded = False
    with method_cache.kept_methods():
        second = _made(_NAMED, "Pair")
    assert method_cache._kept and not method_cache._added  # every code object came from the file
    _same_named_tuple(first, plain)
    _same_named_tuple(second, plain)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal data",
        marshal.dumps(((0, "another build"), {})),
        marshal.dumps((method_cache._STAMP, ["not", "a", "table"])),
    ],
    ids=["empty", "not-marshal", "another-build", "not-a-table"],
)
def test_a_file_from_another_build_or_damaged_is_left_alone(kept, content):
    kept.write_bytes(content)
    plain = _made()
    with method_cache.kept_methods():
        made = _made()
    assert method_cache._kept == {}
    _same_class(made, plain)


def test_a_kept_entry_that_is_not_code_is_left_alone(kept):
    code = compile("1", "<string>", "eval")
    entries = {("exec", "def f(): pass"): "not code", 1: 2, "1": code, ("run", "1"): code}
    kept.write_bytes(marshal.dumps((method_cache._STAMP, entries)))
    with method_cache.kept_methods():
        _made()
    assert method_cache._kept == {}


def test_nothing_is_written_where_bytecode_would_not_be(kept, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with method_cache.kept_methods():
        _made()
    method_cache.save()
    assert not kept.exists()
