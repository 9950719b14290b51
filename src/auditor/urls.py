"""Cited URLs made comparable: one canonical key per resource, and archive links taken apart.

The key folds the spellings an archive folds too (scheme, ``www.``, default
ports, letter case of the host) and those a citation adds without changing the
resource (a fragment, a trailing slash, tracking parameters, parameter order),
so one URL cited ten ways costs one lookup. Pure functions: no network here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say where a reader came from, not what they read.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gclsrc|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref_src|ref_url"
    r"|cmpid|ocid|smid|smtyp|at_medium|at_campaign|__twitter_impression|s_cid|icid|wt_mc|wt\.mc_id)$",
    re.I,
)
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_WWW = re.compile(r"^www\d*\.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# web.archive.org/web/20150101000000id_/http://example.com/ and its older spellings
_WAYBACK = re.compile(
    r"^https?://(?:web\.|wayback\.)?archive\.org/(?:web/)?(?P<ts>\d{1,14})(?P<mod>[a-z]{2}_)?/(?P<url>.+)$", re.I
)
_REPLAY_TAIL = re.compile(r"^(?P<ts>\d{1,14})(?P<mod>[a-z]{2}_)?/(?P<url>.+)$", re.I)
_CAPTURE_STAMP = re.compile(r"/(\d{14})(?:[a-z]{2}_)?/(?=https?:)", re.I)  # .../20210615083000mp_/http://...


class Clean(NamedTuple):
    key: str  # the canonical key: ``host/path?query``, no scheme
    url: str  # the URL to ask an archive for: the cited one without fragment or tracking


def clean(url: str) -> Clean | None:
    """The canonical key and query URL of a cited web address; None for anything that is not one."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    elif "://" not in url[:12] and re.match(r"^[\w.-]+\.[a-z]{2,}(?:[/:?]|$)", url, re.I):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    literal = ":" in host  # an IPv6 address, written in brackets
    if scheme not in _DEFAULT_PORTS or ("." not in host and not literal):
        return None
    if literal:
        host = f"[{host}]"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    asked = urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))
    # NOTE: the key is lower case throughout, as the archives' own keys are (SURT): a case-insensitive
    # server's Index.aspx and index.aspx are one capture to them.
    path = quote(unquote(parts.path), safe=_PATH_SAFE)
    key_path = re.sub(r"/{2,}", "/", path).rstrip("/") or "/"
    key = _WWW.sub("", netloc) + key_path + ("?" + urlencode(sorted(query)) if query else "")
    return Clean(key.lower(), asked)


class ArchiveLink(NamedTuple):
    timestamp: str  # as written: 1 to 14 digits
    original: str  # the URL the archive captured


def parse_archive_link(url: str, replay_prefix: str | None = None) -> ArchiveLink | None:
    """Take apart a Wayback-style link (Internet Archive's, or one under ``replay_prefix``)."""
    url = url.strip()
    match = _WAYBACK.match(url)
    if match is None and replay_prefix and url.startswith(replay_prefix):
        match = _REPLAY_TAIL.match(url[len(replay_prefix) :])
    if match is None:
        return None
    original = match["url"]
    if re.match(r"^https?:/[^/]", original):  # a slash some copies lose: "http:/example.com"
        original = original.replace(":/", "://", 1)
    return ArchiveLink(match["ts"], original)


def raw_address(replay_url: str) -> str:
    """The address of a capture as it was captured, without the archive's rewriting: the ``id_`` form
    Wayback-style archives (the Internet Archive, pywb, OpenWayback) understand. Another archive's
    address is returned as it is."""
    return _CAPTURE_STAMP.sub(r"/\1id_/", replay_url, count=1)


def timestamp_of(moment: datetime) -> str:
    """The 14-digit Wayback timestamp of a moment (UTC)."""
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def parse_timestamp(text: str) -> datetime | None:
    """A Wayback timestamp (1 to 14 digits, the missing tail counted from its start) as a UTC moment."""
    if not text.isdigit() or not 4 <= len(text) <= 14:
        return None
    padded = text + "0101000000"[len(text) - 4 :] if len(text) < 14 else text
    fields = (padded[0:4], padded[4:6], padded[6:8], padded[8:10], padded[10:12], padded[12:14])
    try:  # as strptime's "%Y%m%d%H%M%S" reads 14 digits, in a tenth of its time: a cached lookup reads many
        return datetime(*map(int, fields), tzinfo=UTC)
    except ValueError:
        return None
