"""The methods dataclass() writes, kept compiled between runs: a class made with the kept code is the
class made without (code, annotations, behaviour), what was compiled is kept where bytecode would be
and read back, a file from another build or a damaged one is left alone, and nothing stays patched."""

from __future__ import annotations

import dataclasses
import marshal
import sys
import textwrap

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


def _made() -> type:
    namespace: dict[str, object] = {"__name__": __name__}  # a module dataclasses can look annotations up in
    exec(_SOURCE, namespace)
    return namespace["Kept"]  # type: ignore[return-value]


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
    kept.write_bytes(marshal.dumps((method_cache._STAMP, {"def f(): pass": "not code", 1: 2})))
    with method_cache.kept_methods():
        _made()
    assert method_cache._kept == {}


def test_nothing_is_written_where_bytecode_would_not_be(kept, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with method_cache.kept_methods():
        _made()
    method_cache.save()
    assert not kept.exists()
