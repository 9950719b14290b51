"""Worker process pools that stop with the command: on Ctrl-C, SIGTERM or an error, the workers are
terminated at once instead of finishing (or outliving) the work queued for them."""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any


@contextmanager
def worker_pool(
    jobs: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` worker processes, each started by ``initializer(*initargs)``.

    NOTE: cancel no future of the pool (``Executor.map`` does, when its results are left unread): when the
    run stops, the pool's manager thread may find the broken pool before it has dropped a future cancelled
    from outside, fail to set that future's exception, and end without letting go of the queue the exit
    waits on. Stopping cancels what is queued itself, in the manager, where that cannot happen.
    """
    # Forked workers share the parent's memory until they write to it; a collection in a worker touches
    # every object it walks, so the objects there are now (the imports) are left out of collections.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(initializer, initargs))
    try:
        yield pool
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()


def stop(pool: ProcessPoolExecutor) -> None:
    """Terminate ``pool``'s workers now, dropping the work queued for them."""
    # NOTE: ProcessPoolExecutor has no public way to end its workers before Python 3.14
    # (terminate_workers); shutdown() alone waits for every queued task.
    processes = list((pool._processes or {}).values())
    results = pool._result_queue  # shutdown() lets go of it
    # The pool's feeder thread may still be writing the workers' stop signals into the pipe the pool
    # closes as they end, and it prints the write's failure as a traceback: the command was stopped, and
    # no one needs to hear that its stopped workers were not told to stop.
    if pool._call_queue is not None:
        pool._call_queue._on_queue_feeder_error = _unheard
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
    # A worker ended while sending its result leaves half a message in the result pipe, and the pool's
    # manager thread would wait for the rest for ever, holding up the command's exit. With no writer
    # left open the read ends at once; the manager then takes the pool for broken and cleans it up.
    if results is not None:
        results._writer.close()


def _unheard(error: Exception, message: object) -> None:
    """A stopped pool's feeder thread failing to send ``message``: nothing to report."""


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # A forked worker inherits the command's handlers: SIGTERM must end it, and Ctrl-C (sent to the whole
    # process group) is the parent's to handle, which then stops the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
