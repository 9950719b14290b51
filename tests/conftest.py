"""Shared fixtures. Every test runs with the network closed except loopback."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import TypeVar

import pytest

from auditor.document import Document
from auditor.readers import read_markdown, read_mirror
from auditor.readers.wikitext import read_wikitext

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = Path(__file__).resolve().parent / "data"  # pages built for tests


S = TypeVar("S", bound=HTTPServer)


class NetworkBlocked(RuntimeError):
    pass


def _loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, str | bytes)  # Unix sockets stay on the machine


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded(real):  # type: ignore[no-untyped-def]
    def connect(self, address):  # type: ignore[no-untyped-def]
        if not _loopback(address):
            raise NetworkBlocked(f"tests may not reach the network: {address!r}")
        return real(self, address)

    return connect


def pytest_configure(config: pytest.Config) -> None:
    # The HTTP cache goes to the user cache directory by default: never the real one from a test.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="auditor-test-cache-")
    # The output format and colours follow these; tests choose them, whatever CI runs under.
    for name in ("GITHUB_ACTIONS", "NO_COLOR"):
        os.environ.pop(name, None)
    socket.socket.connect = _guarded(_real_connect)  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded(_real_connect_ex)  # type: ignore[method-assign]


@contextmanager
def serving(server: S) -> Iterator[S]:
    """Run a local HTTP server on a thread for as long as the block lasts."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes = b"") -> None:
    """Answer a request to a test server; a HEAD request gets the headers alone."""
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def mirror(text: str, path: str = "snippet.txt") -> Document:
    """Read a plain-text copy given inline."""
    return read_mirror(path, text)


def wikitext(text: str, path: str = "snippet.wikitext") -> Document:
    """Read wikitext given inline."""
    return read_wikitext(path, text)


def markdown(text: str, path: str = "snippet.md") -> Document:
    """Read a Markdown report given inline."""
    return read_markdown(path, text)


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip(f"corpus file not available: {relative}")
    return path
