"""A lookup's answer as one row of the cache: the capture it chose, or why there is none, and the captures
near the date, so that a later run answers the same lookup without reading the archive's list again.

Only an answer the archive gave is kept (archived or missing); an unverified one never is, so the next run
asks again.
"""

from __future__ import annotations

import json

from ..extract.sources import CaptureFact, SourceLookup, Status

VERSION = "1"  # of the row's layout and of the choice it records: a new one leaves older rows unread


def encode(found: SourceLookup) -> str:
    """``found`` as compact JSON, for ``decode`` to read back; its key and URL are the lookup's own."""
    capture = found.capture
    chosen = None if capture is None else [capture.timestamp, capture.original, capture.status, capture.replay_url]
    nearby = [[c.timestamp, c.original, c.status, c.replay_url] for c in found.nearby]
    return json.dumps([found.status.value, chosen, found.direction, found.days, found.reason, nearby])


def decode(key: str, url: str, kept: str) -> SourceLookup | None:
    """The lookup of ``key`` (asked as ``url``) that ``encode`` wrote, answered from the cache; None for
    anything else."""
    try:
        status, chosen, direction, days, reason, nearby = json.loads(kept)
        return SourceLookup(
            key,
            url,
            Status(status),
            capture=None if chosen is None else CaptureFact(*chosen),
            direction=direction,
            days=days,
            reason=reason,
            from_cache=True,
            nearby=tuple([CaptureFact(*fields) for fields in nearby]),
        )
    except (ValueError, TypeError):
        return None
