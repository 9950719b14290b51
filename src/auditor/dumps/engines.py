"""Where batches are audited: in this process, on worker processes, or on a Dask cluster.

Each engine takes the batches as the dump is read and gives back each with its results, in input order,
keeping only a few batches in flight per worker, so memory does not grow with the dump.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from functools import partial
from itertools import chain
from typing import Any

from ..config.settings import Settings
from ..errors import AuditorError
from ..workers import worker_pool
from .batch import Batch, PageResult, audit_batch

Done = tuple[Batch, list[PageResult]]
_IN_FLIGHT_PER_WORKER = 4  # enough that a worker never waits behind a slow batch
_RECOUNT_EVERY = 64  # batches
_WORKER_WAIT = 60  # seconds


class EngineError(AuditorError):
    """The engine cannot run: a Dask scheduler out of reach, a package missing."""


def run_here(batches: Iterator[Batch], settings: Settings) -> Iterator[Done]:
    for batch in batches:
        yield batch, audit_batch(batch, settings)


def run_pool(batches: Iterator[Batch], settings: Settings, jobs: int, say: Callable[[str], None]) -> Iterator[Done]:
    """On ``jobs`` worker processes. If one dies (killed, out of memory), what it left is done here. When the
    run stops early (Ctrl-C, SIGTERM, the consumer gone), the workers are stopped with it."""
    rest = yield from _first_page_here(batches, settings)
    pending: _Pending = deque()
    with worker_pool(jobs, _keep_settings, (settings,)) as pool:
        try:
            submit = partial(pool.submit, _audit_kept)
            yield from _in_order(rest, pending, submit, Future.result, lambda: jobs * _IN_FLIGHT_PER_WORKER)
        except BrokenProcessPool:
            say("auditor: a worker process died (killed, or out of memory?); auditing the rest in this process")
            for batch, _ in pending:
                yield batch, audit_batch(batch, settings)
            yield from run_here(rest, settings)


def _first_page_here(batches: Iterator[Batch], settings: Settings) -> Generator[Done, None, Iterator[Batch]]:
    """Audit the first page here, as a batch of its own, before the workers are forked; return the batches
    left. The modules, patterns and word lists the reader and the rules load on first use are then loaded
    once and shared by every worker, instead of loaded again by each (that made a scan on two workers
    spend a few hundredths more CPU time than on one)."""
    for batch in batches:
        if not batch.pages:
            yield batch, []
            continue
        first = batch.pages[0]
        head = Batch(batch.pages[:1], first.ordinal + 1, position=batch.position)
        yield head, audit_batch(head, settings)
        return chain([replace(batch, pages=batch.pages[1:])], batches)
    return iter(())


def run_dask(batches: Iterator[Batch], settings: Settings, jobs: int, scheduler: str | None) -> Iterator[Done]:
    """On the Dask cluster at ``scheduler``, or on a LocalCluster of ``jobs`` worker processes on
    loopback. Every worker needs this package installed; the batches are read here and sent to them."""
    with _dask_client(scheduler, jobs) as client:
        try:
            client.wait_for_workers(1, timeout=_WORKER_WAIT)
        except TimeoutError:
            raise EngineError(f"no worker joined the Dask scheduler at {scheduler} in {_WORKER_WAIT} s") from None
        shared = client.scatter(settings, broadcast=True)
        submit = partial(client.submit, audit_batch, settings=shared, pure=False)

        def window() -> int:
            return _IN_FLIGHT_PER_WORKER * max(1, len(client.nthreads()))

        yield from _in_order(batches, deque(), submit, _dask_result, window)


@contextmanager
def _dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("the dask engine needs Dask: pip install 'auditor[dask]'") from None
    if scheduler is None:
        # Dask's statistical profiler walks the running task's stack every 10 ms, and the parser's stacks
        # are deep: it cost the workers CPU time, and nobody reads its profiles here.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster: AbstractContextManager[Any] = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,  # the parser holds the GIL: processes, not threads
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
    else:
        cluster = nullcontext(scheduler)
    with cluster as target:
        try:
            client = Client(target, set_as_default=False)  # waits distributed.comm.timeouts.connect (30 s)
        except (OSError, TimeoutError) as error:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client


_Pending = deque[tuple[Batch, Any]]  # each batch with its future, None for a batch with no pages


def _in_order(
    batches: Iterator[Batch],
    pending: _Pending,
    submit: Callable[[Batch], Any],
    result: Callable[[Any], list[PageResult]],
    window: Callable[[], int],
) -> Iterator[Done]:
    """Submit batches as they are read, at most ``window()`` in flight, and give each back with its results,
    in input order. A batch leaves ``pending`` only with its results: one whose worker died stays there."""
    limit = 1
    for count, batch in enumerate(batches):
        if count % _RECOUNT_EVERY == 0:  # a cluster's workers join and leave as it runs
            limit = window()
        pending.append((batch, submit(batch) if batch.pages else None))
        while len(pending) >= limit:
            yield _first(pending, result)
    while pending:
        yield _first(pending, result)


def _first(pending: _Pending, result: Callable[[Any], list[PageResult]]) -> Done:
    batch, future = pending[0]
    results = result(future) if future is not None else []
    pending.popleft()
    return batch, results


def _dask_result(future: Any) -> list[PageResult]:
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - a worker's failure, in one line (this package missing there, say)
        raise EngineError(f"a Dask worker failed: {type(error).__name__}: {error}") from None


_settings: Settings | None = None  # a pool worker's, set once when it starts


def _keep_settings(settings: Settings) -> None:
    global _settings
    _settings = settings


def _audit_kept(batch: Batch) -> list[PageResult]:
    assert _settings is not None, "set by the pool's initializer"
    return audit_batch(batch, _settings)
