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
    run = ["check", SEED, "--select", "unsourced-claim,empty-footnote", "--format", "concise"]
    lines = CliRunner().invoke(main, run).stdout.splitlines()
    at = next(
        i for i, line in enumerate(lines) if line.endswith(":429: 2 unsourced claims in the paragraph at line 429:")
    )
    shown = lines[at].split(":")[0]  # the path as the output shows it
    assert [line.split(": CIT005")[0] for line in lines[at + 1 : at + 3]] == [f"  {shown}:429:72", f"  {shown}:429:293"]
    # the empty footnote between them on that line comes after the group, and stands unindented
    assert lines[at + 3].startswith(f"{shown}:429:288: CIT001")
    alone = [line for line in lines if "CIT005" in line and not line.startswith("  ")]
    assert alone and all(line.startswith(f"{shown}:") for line in alone)


def test_each_finding_shows_its_source_line_with_a_caret_under_it(tmp_path):
    document = tmp_path / "a.md"
    document.write_text("# Example\n\nAfter the siege the army killed 40 people in the town.\n", encoding="utf-8")
    lines = CliRunner().invoke(main, ["check", str(document)]).stdout.splitlines()
    assert lines[0].endswith("“After the siege the army killed 40 people in the town.”")
    assert lines[1] == "    | After the siege the army killed 40 people in the town."
    assert lines[2] == "    | " + "^" * len("After the siege the army killed 40 people in the town.")
    concise = CliRunner().invoke(main, ["check", str(document), "--format", "concise"]).stdout.splitlines()
    assert concise[0] == lines[0] and not concise[1].startswith("    |")


def test_a_long_source_line_is_shown_as_a_window_around_the_finding(tmp_path):
    document = tmp_path / "a.md"
    filler = "The river runs past the old mill and the bridge. " * 6
    document.write_text(f"# Example\n\n{filler}Then the army killed 40 people in the town.\n", encoding="utf-8")
    lines = CliRunner().invoke(main, ["check", str(document)]).stdout.splitlines()
    column = int(lines[0].split(":")[2])
    source, carets = lines[1].removeprefix("    | "), lines[2].removeprefix("    | ")
    assert source.startswith("…") and len(source) <= 102
    assert source[carets.index("^") :].startswith("Then the army killed 40")
    assert column == len(filler) + 1
