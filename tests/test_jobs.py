"""Files checked by worker processes give the report one process gives, in input order."""

from __future__ import annotations

from pathlib import Path

from auditor.api import RunOptions, check_paths
from auditor.config.settings import load_settings
from conftest import SEED


def test_workers_keep_input_order_and_lose_nothing(tmp_path: Path):
    texts = {
        "a.txt": "The siege began on 3 May 2015 and 40 people died.\n",
        "b.txt": "Nothing here states a fact.\n",
        "c.txt": "Rebels took the town on 5 June 2016, killing 12 soldiers.[1]\n\nReferences\n\n1. ^\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    paths = [str(tmp_path / "c.txt"), str(tmp_path / "bad.txt"), str(SEED), str(tmp_path / "a.txt")]
    one = check_paths(paths, RunOptions(load_settings(), jobs=1))
    two = check_paths(paths, RunOptions(load_settings(), jobs=2))
    assert one == two
    assert [Path(f.path).name for f in two.files] == ["c.txt", SEED.name, "a.txt"]
    assert [Path(e.path).name for e in two.errors] == ["bad.txt"]
    assert len(two.findings) > 200  # the seed's findings came back from its worker
