"""Where requests leave for the network: the address policy, a deadline per request, and size caps.

Every request the HTTP client sends (each hop of a redirect too) passes through
``GuardedAdapter``: its URL is checked against the address policy before it is
sent, and the address the socket connects to after. An answer is read here,
whole, under three limits: a total deadline for the request (a read timeout
alone lets a server that sends a byte every few seconds hold a lookup for
ever), a cap on the bytes received, and a cap on the bytes they decompress to
(a few kilobytes of gzip can hold gigabytes of zeros). Answers are decompressed
here, so the cap holds before anything is kept.
"""

from __future__ import annotations

import socket
import threading
import zlib
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import requests
from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError as Urllib3Error

from .addresses import AddressPolicy, AddressRefused

ACCEPT_ENCODING = "gzip, deflate"  # only what is decompressed here, under the cap
_CHUNK = 64 * 1024


class AnswerTooLarge(requests.RequestException):
    """An answer over the size cap, as sent or once decompressed."""


class DeadlineExceeded(requests.Timeout):
    """A request that took longer than its total deadline, however steadily the bytes came."""


class BrokenAnswer(requests.RequestException):
    """An answer that broke off or could not be decoded (truncated, bad chunking, corrupt gzip)."""


@dataclass(frozen=True, slots=True)
class Limits:
    deadline: float = 120.0  # seconds for a whole request: connecting, the headers and the body
    max_bytes: int = 64 * 2**20  # of an answer's body, as received and as decompressed


class GuardedAdapter(HTTPAdapter):
    """An HTTP adapter that applies ``policy`` to every request and ``limits`` to every answer."""

    def __init__(self, policy: AddressPolicy, limits: Limits, **kwargs: Any) -> None:
        self.policy = policy
        self.limits = limits
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        # NOTE: proxied requests use the proxy manager's own pools: their socket's peer is the proxy.
        self.poolmanager.pool_classes_by_scheme = _pools(self.policy)

    def send(self, request: PreparedRequest, stream: bool = False, **kwargs: Any) -> Response:  # type: ignore[override]
        self.policy.check_url(request.url or "")
        watch = _Watch(self.limits.deadline)
        try:
            with watch:
                response = super().send(request, stream=True, **kwargs)
                if not stream:
                    _read_whole(response, self.limits.max_bytes)
        except _PeerRefused as refused:
            raise refused.reason from None
        except (requests.RequestException, Urllib3Error, OSError) as error:
            if watch.expired:
                raise DeadlineExceeded(f"no complete answer within {self.limits.deadline:g} s") from None
            if isinstance(error, Urllib3Error | OSError) and not isinstance(error, requests.RequestException):
                raise BrokenAnswer(f"the answer broke off ({type(error).__name__})") from None
            raise
        return response


class _PeerRefused(Exception):
    """Raised inside urllib3, which passes on exceptions it does not know; turned back into AddressRefused."""

    def __init__(self, reason: AddressRefused) -> None:
        super().__init__(str(reason))
        self.reason = reason


_local = threading.local()  # the watch of the request this thread is sending, if any


class _Watch:
    """Shuts the sockets of the request sent within the block once its deadline passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.holders: list[Any] = []  # connections (their current socket) and bare sockets
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        _local.watch = self
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        _local.watch = None

    def _expire(self) -> None:
        self.expired = True
        for holder in self.holders:
            sock = holder if isinstance(holder, socket.socket) else getattr(holder, "sock", None)
            if sock is not None:
                with suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


def _watched(holder: object) -> None:
    if (watch := getattr(_local, "watch", None)) is not None:
        watch.holders.append(holder)


def _pools(policy: AddressPolicy) -> dict[str, type[HTTPConnectionPool]]:
    """Connection pools whose connections check the address they connected to against ``policy``."""

    def checked(connection: HTTPConnection, scheme: str, sock: socket.socket) -> socket.socket:
        _watched(sock)
        try:
            policy.check_peer(connection.host, connection.port or 0, scheme, sock.getpeername()[0])
        except AddressRefused as refused:
            sock.close()
            raise _PeerRefused(refused) from None
        return sock

    class Connection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return checked(self, "http", super()._new_conn())

        def request(self, *args: Any, **kwargs: Any) -> None:
            _watched(self)
            super().request(*args, **kwargs)

    class SecureConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return checked(self, "https", super()._new_conn())

        def request(self, *args: Any, **kwargs: Any) -> None:
            _watched(self)
            super().request(*args, **kwargs)

    class Pool(HTTPConnectionPool):
        ConnectionCls = Connection

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = SecureConnection

    return {"http": Pool, "https": SecurePool}


def _read_whole(response: Response, cap: int) -> None:
    """Read the answer's body into ``response.content``, decompressed, refusing past ``cap`` bytes."""
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        response.close()
        raise BrokenAnswer(f"the answer is in an encoding that was not asked for ({encoding})")
    decoder = zlib.decompressobj(47 if encoding != "deflate" else 15) if encoding not in ("", "identity") else None
    body = bytearray()
    received = 0
    try:
        while chunk := response.raw.read(_CHUNK, decode_content=False):
            received += len(chunk)
            if received > cap:
                raise AnswerTooLarge(f"the answer is larger than {_size(cap)}")
            body += _decompress(decoder, chunk, cap - len(body), encoding) if decoder else chunk
            if len(body) > cap:
                raise AnswerTooLarge(f"the answer is larger than {_size(cap)} once decompressed")
    finally:
        response.close()
    response._content = bytes(body)
    response._content_consumed = True
    if decoder is not None:
        del response.headers["Content-Encoding"]  # what is kept is the decompressed body


def _decompress(decoder: Any, chunk: bytes, room: int, encoding: str) -> bytes:
    """At most ``room + 1`` bytes of what ``chunk`` decompresses to: one more than fits is enough to refuse."""
    try:
        return bytes(decoder.decompress(chunk, room + 1))
    except zlib.error:
        raise BrokenAnswer(f"the answer's {encoding} data is corrupt") from None


def _size(count: int) -> str:
    return f"{count / 2**20:g} MiB"
