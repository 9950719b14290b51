"""The layer contracts in pyproject.toml hold, and each catches the back-edge it is there for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "auditor"
LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filenames=('pyproject.toml',), limit_to_contracts=tuple(sys.argv[1:]),"
    " no_cache=True, no_logo=True))\n"
)


def _lint(source_root: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """import-linter over the package under ``source_root``, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run(
        [sys.executable, "-c", LINT, *contracts], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_every_contract_holds():
    done = _lint(PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "back_edge", "contract"),
    [
        ("document.py", "from .extract import facts", "ground-floor"),
        ("urls.py", "from .archive import http", "ground-floor"),
        ("readers/html.py", "from ..archive import http", "readers"),
        ("readers/wikitext.py", "from ..extract import dates", "readers"),
        ("archive/recover.py", "from ..readers import html", "documents-come-from-readers"),
        ("rules/empty_footnote.py", "from ..readers import segment", "documents-come-from-readers"),
        ("config/settings.py", "from ..readers import files", "documents-come-from-readers"),
        ("reporters/document/html.py", "from ...readers import html", "documents-come-from-readers"),
        ("extract/dates.py", "from ..readers import segment", "flow"),
        ("rules/empty_footnote.py", "from ..archive import http", "flow"),
        ("archive/gather.py", "from ..rules import RULES", "flow"),
        ("extract/facts.py", "from ..rules import base", "flow"),
        ("reporters/run/text.py", "from ...api import check_paths", "flow"),
        ("engine.py", "from .reporters import shapes", "flow"),
    ],
)
def test_a_back_edge_breaks_its_contract(tmp_path, module, back_edge, contract):
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "auditor", ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / "auditor" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{back_edge}\n", encoding="utf-8")
    done = _lint(copy, contract)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 broken" in done.stdout
