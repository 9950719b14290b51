"""The code base passes ruff's lint and format checks."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

TARGETS = ["src", "tests", "benchmarks", "derive"]


def test_ruff_lint():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *TARGETS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
