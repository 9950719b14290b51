"""Tables keyed by web site: a host, or a section of one (``rollingstone.com/politics``).

A lookup walks up the cited address's host (``news.bbc.co.uk``, ``bbc.co.uk``,
``co.uk``) and, at each host listed, takes the longest listed path its path starts
with: a few dictionary lookups, whatever the table's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar
from urllib.parse import unquote, urlsplit

V = TypeVar("V")


@lru_cache(maxsize=4096)  # the rules that read sites ask for the same addresses
def site_of(url: str) -> tuple[str, str] | None:
    """The host (lower case, without ``www.``) and path (lower case) of a web address; None for anything else."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    elif "://" not in url[:12]:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if "." not in host or parts.scheme.lower() not in ("http", "https"):
        return None
    host = host[4:] if host.startswith("www.") else host
    return host, unquote(parts.path).lower()


def split_site(site: str) -> tuple[str, str]:
    """``"rollingstone.com/politics"`` as its host and path (``"/politics"``), which holds for the paths under
    it; a path ending in ``*`` (``"/space/ufo*"``) holds for every path that starts with it."""
    site = site.strip().lower().removeprefix("https://").removeprefix("http://")
    host, slash, path = site.partition("/")
    host = host[4:] if host.startswith("www.") else host
    return host, (slash + path).rstrip("/")


class SiteTable(Generic[V]):
    """Values by site; a value listed for a host holds for its subdomains and every path under it."""

    def __init__(self, entries: Iterable[tuple[str, V]] = ()) -> None:
        self._by_host: dict[str, dict[str, V]] = {}
        for site, value in entries:
            self.add(site, value)

    def add(self, site: str, value: V) -> None:
        host, path = split_site(site)
        self._by_host.setdefault(host, {})[path] = value

    def __len__(self) -> int:
        return sum(len(paths) for paths in self._by_host.values())

    def lookup(self, url: str) -> tuple[str, V] | None:
        """The most specific entry for ``url``, as (site as listed, value); None when none holds."""
        found = site_of(url)
        if found is None:
            return None
        host, path = found
        labels = host.split(".")
        for start in range(len(labels) - 1):
            listed = self._by_host.get(".".join(labels[start:]))
            if listed is None:
                continue
            best = max((p for p in listed if _under(path, p)), key=len, default=None)
            if best is not None:
                return ".".join(labels[start:]) + best, listed[best]
        return None


def _under(path: str, prefix: str) -> bool:
    if prefix.endswith("*"):
        return path.startswith(prefix[:-1])
    return not prefix or path == prefix or path.startswith(prefix + "/")
