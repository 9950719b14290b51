"""A lookup's answer as one row of the cache: the capture it chose, or why there is none, and the captures
near the date, so that a later run answers the same lookup without reading the archive's list again.

Only an answer the archive gave is kept (archived or missing); an unverified one never is, so the next run
asks again.
"""

from __future__ import annotations

import json

from ..extract.sources import CaptureFact, SourceLookup, Status

VERSION = "1"  # of the row's layout and of the choice it records: a new one leaves older rows unread
_STATUSES = {status.value: status for status in Status}


def encode(found: SourceLookup) -> str:
    """``found`` as compact JSON, for ``decode`` to read back; its key and URL are the lookup's own. The capture
    chosen is one of the captures near the date: it is kept as its place among them."""
    capture, nearby = found.capture, found.nearby
    if capture is None:
        chosen = None
    elif capture in nearby:
        chosen = nearby.index(capture)
    else:
        chosen = [capture.timestamp, capture.original, capture.status, capture.replay_url]
    captures = [[c.timestamp, c.original, c.status, c.replay_url] for c in nearby]
    return json.dumps([found.status.value, chosen, found.direction, found.days, found.reason, captures])


def decode(key: str, url: str, kept: str) -> SourceLookup | None:
    """The lookup of ``key`` (asked as ``url``) that ``encode`` wrote, answered from the cache; None for
    anything else."""
    try:
        status, chosen, direction, days, reason, captures = json.loads(kept)
        nearby = tuple([CaptureFact(*fields) for fields in captures])
        capture = None if chosen is None else nearby[chosen] if isinstance(chosen, int) else CaptureFact(*chosen)
        return SourceLookup(key, url, _STATUSES[status], capture, direction, days, reason, True, nearby)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
