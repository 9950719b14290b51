"""Stopping a worker pool: the command exits however far its workers had got."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from auditor.workers import stop, worker_pool

# The worker's task runs ``{send}``, says so, and sleeps; the command is then stopped (as Ctrl-C or
# SIGTERM stop it) and must exit.
STOPPED = textwrap.dedent(
    """
    import struct, sys, time
    from pathlib import Path
    from auditor.workers import worker_pool

    marker = Path(sys.argv[1])

    def task() -> None:
        {send}
        marker.write_text("sent")
        time.sleep(120)

    try:
        with worker_pool(1) as POOL:
            POOL.submit(task)
            queued = [POOL.submit(time.sleep, 0) for _ in range(5)]  # behind it, never started
            while not marker.exists():
                time.sleep(0.01)
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("stopped", flush=True)
    """
)
# Half of a result message: the pool's manager thread is reading the rest when the worker is terminated.
HALF_A_RESULT = 'POOL._result_queue._writer._send(struct.pack("!i", 1_000_000) + b"the first bytes")'


def _stop(tmp_path, send: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "stop.py"
    path.write_text(STOPPED.format(send=send))
    # The bound is a hang detector, far above the second the run takes: without the fix it never ends.
    return subprocess.run(
        [sys.executable, str(path), str(tmp_path / "sent")], capture_output=True, text=True, timeout=100
    )


def test_a_worker_stopped_while_sending_its_result_does_not_hold_up_the_exit(tmp_path):
    done = _stop(tmp_path, HALF_A_RESULT)
    assert done.returncode == 0 and done.stdout == "stopped\n", done.stderr
    assert "Traceback" not in done.stderr  # the pool's own thread ended cleanly too
    assert (tmp_path / "sent").read_text() == "sent"


def test_a_worker_stopped_in_the_middle_of_its_task_is_stopped_as_before(tmp_path):
    done = _stop(tmp_path, "pass")
    assert done.returncode == 0 and done.stdout == "stopped\n", done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "sent").read_text() == "sent"


def test_a_stopped_pool_sends_no_traceback_when_its_pipe_is_gone(capfd):
    """Stopped, a pool's feeder thread may fail to write into the pipe the pool closes (EBADF); CPython's
    queue prints that as a traceback on the command's stderr, after "auditor: interrupted"."""
    with worker_pool(1) as pool:
        pool.submit(int).result()
        calls = pool._call_queue  # the pool lets go of it when it stops
        try:
            raise OSError(9, "Bad file descriptor")
        except OSError as error:
            calls._on_queue_feeder_error(error, None)  # as a live pool's does: printed
            assert "Bad file descriptor" in capfd.readouterr().err
            stop(pool)
            calls._on_queue_feeder_error(error, None)  # a stopped pool's: not
    assert capfd.readouterr().err == ""
