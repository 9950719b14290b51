"""The text output: severities coloured on a terminal, plain in files, pipes and under NO_COLOR."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor.cli import main

SEED = str(Path(__file__).resolve().parents[1] / "seeds" / "000_285ae1a0c3e52f84.txt")


def test_a_terminal_gets_coloured_severities_and_a_grouped_summary():
    out = CliRunner().invoke(main, ["check", SEED, "--select", "NUM"], color=True).stdout
    assert "\x1b[33m" in out  # warnings in yellow
    assert out.splitlines()[-2] == "by rule: 2 disputed-figure, 2 conflicting-figures"


def test_no_color_and_pipes_get_plain_text():
    coloured_terminal = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["check", SEED], color=True).stdout
    piped = CliRunner().invoke(main, ["check", SEED]).stdout
    assert "\x1b[" not in coloured_terminal and "\x1b[" not in piped
    assert piped.splitlines()[-1].startswith("272 findings (242 warnings, 30 info) in 1 file")
