"""The cyclic garbage collector, paused while a reader builds a document."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Run the block with the cyclic collector off, and turn it back on after; with ``freeze``, what the
    block made (a command's imports and configuration, alive as long as it runs) is first frozen out of
    every later collection, instead of walked by each.

    NOTE: reading a long article allocates hundreds of thousands of small objects, none of them in a
    cycle, and every few hundred allocations set off a collection that walked the objects alive: on
    2 MiB of wikitext that was two fifths of the reading time. Reference counting still frees what
    the reader drops; anything cyclic is collected once the collector is back on.
    """
    if not gc.isenabled():  # paused already (a reader inside a reader), or by the caller
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()
