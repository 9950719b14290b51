"""SIGTERM is the command's while it runs, and given back when it ends: a program that runs auditor's
commands in its own process (CliRunner, an editor's plugin) keeps its own handler."""

from __future__ import annotations

import io
import os
import signal

from click.testing import CliRunner

from auditor.cli import main


class _TerminatedWhileRead(io.BytesIO):
    """Standard input that receives SIGTERM as the command reads it."""

    def read(self, size: int | None = -1) -> bytes:
        if size != 0:  # reading nothing is the test runner asking whether the stream is binary
            os.kill(os.getpid(), signal.SIGTERM)
        return super().read(size)


def _mine(signum: int, frame: object) -> None:
    raise AssertionError("the program's own handler ran while the command held SIGTERM")


def test_the_handler_before_the_command_is_back_after_it():
    before = signal.signal(signal.SIGTERM, _mine)
    try:
        result = CliRunner().invoke(
            main, ["check", "-", "--input-format", "mirror", "--select", "empty-footnote"], input=b"Plain text.\n"
        )
        assert result.exit_code == 0, result.output
        assert signal.getsignal(signal.SIGTERM) is _mine
    finally:
        signal.signal(signal.SIGTERM, before)


def test_sigterm_during_the_command_ends_it_as_ctrl_c_does():
    before = signal.signal(signal.SIGTERM, _mine)
    try:
        result = CliRunner().invoke(
            main, ["check", "-", "--input-format", "mirror"], input=_TerminatedWhileRead(b"Plain text.\n")
        )
        assert result.exit_code == 130
        assert result.stderr.strip().splitlines()[-1] == "auditor: interrupted"
        assert signal.getsignal(signal.SIGTERM) is _mine
    finally:
        signal.signal(signal.SIGTERM, before)
