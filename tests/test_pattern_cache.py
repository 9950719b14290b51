"""Compiled patterns kept between runs: a kept pattern is the one ``re`` compiles (code included) and
matches alike, a file from another build or a damaged one is left alone, nothing is written where
bytecode would not be, and a check that finds the file compiles no pattern and says the same."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import pattern_cache
from support.probe import measured, probe_script

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"


@pytest.fixture
def kept(tmp_path, monkeypatch):
    """An empty ``re`` cache and kept-pattern file of the test's own, written as bytecode would be."""
    path = tmp_path / "kept.patterns"
    monkeypatch.setattr(pattern_cache, "_path", lambda: path)
    monkeypatch.setattr(pattern_cache, "_kept", {})
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _package_patterns() -> list[re.Pattern]:
    """The patterns a check compiles, and a few of other kinds (bytes, flags, named groups)."""
    import auditor.api
    import auditor.extract.facts
    import auditor.readers.mirror_flat
    import auditor.readers.mirror_wrapped  # noqa: F401

    modules = [module for name, module in list(sys.modules.items()) if name.startswith("auditor")]
    found = [value for module in modules for value in vars(module).values() if isinstance(value, re.Pattern)]
    found += [re.compile(rb"\[(\d+)\]"), re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)", re.I | re.M)]
    return found


def test_a_kept_pattern_is_the_pattern_re_compiles_and_matches_alike(kept):
    patterns = _package_patterns()
    assert len(patterns) > 100
    sources = {(p.pattern, p.flags) for p in patterns}
    for source, flags in sources:
        re.compile(source, flags)
    pattern_cache.save()
    assert kept.is_file()

    re._cache.clear()
    pattern_cache._kept.clear()
    pattern_cache.load()
    text = SEED.read_text(encoding="utf-8")
    for source, flags in sources:
        loaded = re._cache[type(source), source, flags]
        fresh = re._compiler.compile(source, flags)
        assert loaded == fresh  # Pattern equality compares the compiled code too
        assert (loaded.groups, dict(loaded.groupindex)) == (fresh.groups, dict(fresh.groupindex))
        sample = text.encode() if isinstance(source, bytes) else text
        assert [m.span() for m in loaded.finditer(sample)] == [m.span() for m in fresh.finditer(sample)]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal data",
        marshal.dumps(((0, "another build"), {("a", 0): (32, [1, 2, 3], 0, {}, (None,))})),
        marshal.dumps((pattern_cache._STAMP, {("a", 0): (32, [99999, 1], 0, {}, (None,))})),  # not valid code
        marshal.dumps((pattern_cache._STAMP, ["not", "a", "table"])),
        marshal.dumps([1, 2, 3]),
    ],
    ids=["empty", "not-marshal", "another-build", "invalid-code", "not-a-table", "not-a-pair"],
)
def test_a_file_from_another_build_or_damaged_is_left_alone(kept, content):
    kept.write_bytes(content)
    pattern_cache.load()
    assert re._cache == {}
    assert re.compile("a").fullmatch("a")


def test_nothing_is_written_where_bytecode_would_not_be(kept, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    re.compile(r"\bkept\b")
    pattern_cache.save()
    assert not kept.exists()


def test_past_the_most_kept_only_this_runs_patterns_are(kept, monkeypatch):
    monkeypatch.setattr(pattern_cache, "_MOST", 3)
    for word in ("one", "two", "three"):
        re.compile(word)
    pattern_cache.save()
    re._cache.clear()
    re.compile("four")
    pattern_cache.save()
    _, entries = marshal.loads(kept.read_bytes())
    assert set(entries) == {("four", 0)}


# Run in a fresh interpreter: the package's start-up loads the kept patterns, then every compile is counted.
_PROBE = probe_script(
    """import auditor
from re import _compiler
compiled = []
compile = _compiler.compile
_compiler.compile = lambda pattern, flags=0: compiled.append(pattern) or compile(pattern, flags)""",
    "len(compiled)",
)


def test_a_check_that_finds_the_kept_patterns_compiles_none_and_says_the_same(tmp_path):
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    for switches in ({"PYTHONPYCACHEPREFIX": str(tmp_path)},) * 2 + ({"PYTHONDONTWRITEBYTECODE": "1"},):
        command = [sys.executable, "-c", _PROBE, "check", str(SEED), "--format", "json", "--jobs", "1"]
        done = subprocess.run(command, capture_output=True, text=True, env={**env, **switches}, check=False)
        runs.append((done.returncode, done.stdout, measured(done.stderr)))
    (first, second, uncached) = runs
    assert first[2] > 100 and uncached[2] > 100  # compiled at start, as without the kept file
    assert second[2] == 0
    assert first[:2] == second[:2] == uncached[:2]
    assert json.loads(first[1])["summary"]["references"] > 0
    assert list(tmp_path.rglob("pattern_cache.*.patterns")) and list(tmp_path.rglob("method_cache.*.methods"))
