"""``check --jobs N`` stopped by SIGTERM or SIGINT: its worker processes end with it, and it says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEED


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT])  # SIGTERM: tests/test_startup.py
def test_a_signal_stops_the_workers_with_the_run(tmp_path, signum):
    for i in range(40):
        (tmp_path / f"copy{i}.txt").write_bytes(SEED.read_bytes())
    run = subprocess.Popen(
        [sys.executable, "-m", "auditor", "check", str(tmp_path), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and run.poll() is None:
        workers = _children(run.pid)
        time.sleep(0.1)
    assert len(workers) == 2, "the workers never started"
    time.sleep(0.5)  # a document or two under way
    os.kill(run.pid, signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert err.strip().splitlines()[-1] == "auditor: interrupted"
    assert "Traceback" not in err and out == ""
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
