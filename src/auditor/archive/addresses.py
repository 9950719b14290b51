"""Which addresses a request made on a document's behalf may go to.

A document names URLs; ``--check-live`` requests them, and the archive's answers
name more (redirects, memento and TimeMap links). None of them may reach inside
the network the auditor runs in: a cited ``http://169.254.169.254/`` would read a
cloud machine's credentials, a cited ``http://10.0.0.1/admin`` an intranet page.
So the host is resolved and every address it resolves to must be public: not
loopback, private, shared (CGNAT), link-local, multicast, reserved or
unspecified, in IPv4, IPv6, or IPv4 carried inside IPv6 (mapped, NAT64, 6to4,
Teredo). A host written as a number in any form ``inet_aton`` reads
(``0x7f.0.0.1``, ``0177.0.0.1``, ``127.1``, ``2130706433``) is read as that
number first. The address the socket then connects to is checked again, so a
name that resolves differently the second time (DNS rebinding) gains nothing.

Endpoints the user configured (the CDX server, replay and save prefixes, a
Memento archive, a wiki's API) are trusted as given, as is anything else on
their scheme, host and port; ``--allow-private-addresses`` lifts the rest of
the policy for an intranet archive. Only http and https are ever requested.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Origin = tuple[str, str, int]  # scheme, host (lower case), port

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")  # hexadecimal, octal, decimal
_DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressRefused(Exception):
    """A request the address policy does not allow; the message says why, for the user. ``private``: for
    its address (which ``--allow-private-addresses`` allows), not its scheme."""

    def __init__(self, message: str, private: bool = True) -> None:
        super().__init__(message)
        self.private = private


def numeric_host(host: str) -> IPAddress | None:
    """The address a host written as a number stands for, in every form the C resolver accepts
    (``127.1``, ``0x7f.0.0.1``, ``0177.0.0.1``, ``2130706433``, ``[::1]``), or None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(parts):
        return None
    if not all(_NUMBER.fullmatch(part) for part in parts):
        return None
    numbers = [int(part[2:] or "0", 16) if part[:2].lower() == "0x" else int(part, 8 if part[0] == "0" else 10)
               for part in parts]  # fmt: skip
    *leading, last = numbers
    if any(n < 0 or n > 255 for n in leading) or not 0 <= last < 256 ** (5 - len(parts)):
        return None
    value = 0
    for n in leading:
        value = value << 8 | n
    return ipaddress.IPv4Address(value << 8 * (5 - len(parts)) | last)


def why_not_public(address: IPAddress) -> str | None:
    """Why ``address`` is not one the public internet routes to, or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if inner is None and address in _NAT64:
            inner = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if inner is not None:
            return why_not_public(inner)
    for kind, flag in (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    ):
        if flag:
            return f"{kind} address {address}"
    return None if address.is_global else f"non-public address {address}"


class AddressPolicy:
    """The checks every request made on a document's behalf passes; one per HTTP client."""

    def __init__(self, allow_private: bool = False) -> None:
        self.allow_private = allow_private
        self.trusted: set[Origin] = set()
        self._strict = threading.local()

    def trust(self, *urls: str | None) -> None:
        """Trust the endpoints the user configured, and everything on their origins."""
        for url in urls:
            if url and (origin := origin_of(url)) is not None:
                self.trusted.add(origin)

    @contextmanager
    def untrusted(self) -> Iterator[None]:
        """Within the block (on this thread), no origin is trusted: a cited URL is the document's, even
        when it is on the archive's host."""
        self._strict.on = True
        try:
            yield
        finally:
            self._strict.on = False

    def is_trusted(self, url: str) -> bool:
        return not getattr(self._strict, "on", False) and origin_of(url) in self.trusted

    def check_url(self, url: str) -> None:
        """Raise AddressRefused unless ``url`` may be requested."""
        parts = urlsplit(url)
        check_scheme(parts.scheme)
        if self.allow_private or self.is_trusted(url):
            return
        try:
            host, port = parts.hostname, parts.port
        except ValueError:
            raise AddressRefused("refused: not a valid address", private=False) from None
        if not host:
            raise AddressRefused("refused: no host", private=False)
        for address in self.resolve(host, port or _DEFAULT_PORTS[parts.scheme.lower()]):
            if reason := why_not_public(address):
                raise AddressRefused(f"refused: {reason}" + ("" if reason.endswith(f" {host}") else f" ({host})"))

    def check_peer(self, host: str, port: int, scheme: str, peer: str) -> None:
        """Raise AddressRefused unless the socket a connection to ``host`` made may stay open."""
        if self.allow_private or self.is_trusted(f"{scheme}://{_bracketed(host)}:{port}/"):
            return
        if reason := why_not_public(ipaddress.ip_address(peer.split("%", 1)[0])):
            raise AddressRefused(f"refused: {host} connected to a {reason}")

    @staticmethod
    def resolve(host: str, port: int) -> list[IPAddress]:
        """Every address ``host`` stands for: the number it spells, or what the resolver answers."""
        if (number := numeric_host(host)) is not None:
            return [number]
        try:
            answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return []  # the connection fails with the resolver's own reason
        return [ipaddress.ip_address(str(answer[4][0]).split("%", 1)[0]) for answer in answers]


def check_scheme(scheme: str) -> None:
    if scheme.lower() not in _DEFAULT_PORTS:
        raise AddressRefused(f"refused: {scheme or 'no'} scheme (only http and https are requested)", private=False)


def origin_of(url: str) -> Origin | None:
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS or not parts.hostname:
            return None
        return scheme, parts.hostname.lower(), parts.port or _DEFAULT_PORTS[scheme]
    except ValueError:
        return None


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
