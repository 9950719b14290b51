"""The text output: severities coloured on a terminal, plain in files, pipes and under NO_COLOR."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor.cli import main

SEED = str(Path(__file__).resolve().parents[1] / "seeds" / "000_285ae1a0c3e52f84.txt")


def test_a_terminal_gets_coloured_severities_and_a_grouped_summary():
    out = CliRunner().invoke(main, ["check", SEED, "--select", "NUM"], color=True).stdout
    assert "\x1b[33m" in out  # warnings in yellow
    assert out.splitlines()[-2] == "by rule: 3 conflicting-figures, 2 disputed-figure"


def test_no_color_and_pipes_get_plain_text():
    coloured_terminal = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["check", SEED], color=True).stdout
    piped = CliRunner().invoke(main, ["check", SEED]).stdout
    assert "\x1b[" not in coloured_terminal and "\x1b[" not in piped
    assert piped.splitlines()[-1].startswith("273 findings (243 warnings, 30 info) in 1 file")


def test_a_paragraphs_unsourced_claims_stand_together_under_it():
    lines = CliRunner().invoke(main, ["check", SEED, "--select", "unsourced-claim,empty-footnote"]).stdout.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.endswith(":429: 2 unsourced claims in the paragraph at line 429:")
    )
    shown = lines[at].split(":")[0]  # the path as the output shows it
    assert [line.split(": CIT005")[0] for line in lines[at + 1 : at + 3]] == [f"  {shown}:429:72", f"  {shown}:429:293"]
    # the empty footnote between them on that line comes after the group, and stands unindented
    assert lines[at + 3].startswith(f"{shown}:429:288: CIT001")
    alone = [line for line in lines if "CIT005" in line and not line.startswith("  ")]
    assert alone and all(line.startswith(f"{shown}:") for line in alone)
