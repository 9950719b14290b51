"""A process-wide limit on request rate, applied where requests leave for the network.

The limiter sits in a transport adapter mounted on the archive's search
endpoints, below the cache: an answer from the cache costs no token, and each
retry of a refused request waits its turn like any other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from requests import PreparedRequest, Response

from .addresses import AddressPolicy
from .transport import GuardedAdapter, Limits


class RateLimiter:
    """Spaces requests at least ``60 / per_minute`` seconds apart; the first goes at once."""

    def __init__(
        self,
        per_minute: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)


class LimitedAdapter(GuardedAdapter):
    """A guarded HTTP adapter that takes a token from ``limiter`` before each request it sends."""

    def __init__(self, limiter: RateLimiter, policy: AddressPolicy, limits: Limits, **kwargs: Any) -> None:
        super().__init__(policy, limits, **kwargs)
        self.limiter = limiter

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        self.limiter.wait()
        return super().send(request, *args, **kwargs)
