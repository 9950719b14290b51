"""Which archive to ask, and how fast: ``[tool.auditor.archive]`` and the command line's options.

An archive is asked through its CDX server (the Internet Archive, pywb,
OpenWayback) unless a Memento TimeMap or TimeGate address is given, for an
archive that speaks only Memento (RFC 7089).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..errors import ConfigError

IA_CDX = "https://web.archive.org/cdx/search/cdx"
IA_REPLAY = "https://web.archive.org/web/"
IA_SAVE = "https://web.archive.org/save/"

CAPTURES_FRESH_FOR = timedelta(days=30)  # how long the archive's list of captures is reused: the past does not change
NOTHING_FRESH_FOR = timedelta(days=1)  # and "no capture yet", which may change tomorrow

_KEYS = {
    "cdx-url": "cdx_url",
    "replay-url": "replay_url",
    "save-url": "save_url",
    "requests-per-minute": "requests_per_minute",
    "timemap-url": "timemap_url",
    "timegate-url": "timegate_url",
    "allow-private-addresses": "allow_private_addresses",
}
_URLS = ("cdx_url", "replay_url", "save_url", "timemap_url", "timegate_url")


@dataclass(frozen=True, slots=True)
class ArchiveSettings:
    """Where the archive is asked and how often: its endpoints and rate limits."""

    cdx_url: str = IA_CDX
    replay_url: str = IA_REPLAY  # captures are ``{replay_url}{timestamp}/{url}``
    save_url: str = IA_SAVE  # Save Page Now: ``{save_url}{url}`` asks for a capture made now
    requests_per_minute: float = 24.0  # the Internet Archive's hard limit for CDX, as of 2026
    saves_per_minute: float = 4.0  # Save Page Now's limit for clients without an account
    timemap_url: str | None = None  # Memento: ``{timemap_url}{url}`` lists every capture of ``url``
    timegate_url: str | None = None  # Memento: ``{timegate_url}{url}`` names the capture closest to a date
    allow_private_addresses: bool = False  # let requests made for a document reach loopback and private addresses

    @property
    def endpoints(self) -> tuple[str | None, ...]:
        """The addresses the user configured (or the defaults): trusted as given by the address policy."""
        return (self.cdx_url, self.replay_url, self.save_url, self.timemap_url, self.timegate_url)

    @property
    def lookup_url(self) -> str:
        """The endpoint that lookups go to, which the rate limit applies to."""
        return self.timemap_url or self.timegate_url or self.cdx_url

    @property
    def searches_sites(self) -> bool:
        """Whether the archive can list a site's captures: CDX can, Memento cannot."""
        return not (self.timemap_url or self.timegate_url)

    def replay(self, timestamp: str, url: str) -> str:
        """The address a reader opens a capture at."""
        return f"{self.replay_url}{timestamp}/{url}"


def archive_settings(table: Any, where: str, overrides: dict[str, Any] | None = None) -> ArchiveSettings:
    """Settings from a configuration table (``where`` names it in errors), then command-line overrides."""
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'archive' must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key {key!r} in [archive]")
        values[_KEYS[key]] = value
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    for name in _URLS:
        if name in values and (
            not isinstance(values[name], str) or not values[name].startswith(("http://", "https://"))
        ):
            raise ConfigError(f"{where}: archive {name.replace('_', '-')} must be an http(s) URL")
    for name in ("replay_url", "save_url", "timemap_url", "timegate_url"):
        if name in values and not values[name].endswith("/"):
            values[name] += "/"
    if not isinstance(values.get("allow_private_addresses", False), bool):
        raise ConfigError(f"{where}: archive allow-private-addresses must be true or false")
    rate = values.get("requests_per_minute")
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0):
        raise ConfigError(f"{where}: archive requests-per-minute must be a positive number")
    return ArchiveSettings(**values)
