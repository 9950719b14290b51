"""Captures of cited URLs, from a Wayback-style CDX server (the Internet Archive's by default).

One CDX request per canonical URL: the captures closest to the date it was
cited (``sort=closest``), from which the usable one closest before that date is
chosen, else the closest after. An archive configured by its Memento TimeMap or
TimeGate is asked that way instead (``memento.py``), one request per URL too.
Every request goes through the shared HTTP client (its cache, timeouts and
retries) and a rate limiter mounted on the lookup endpoint. A request that
fails leaves the URL "unverified" with the reason; only an answer the archive
gave can make it "missing": a list of captures, even an empty one. An empty
body is that only from a server that labels it as its list (pywb's JSON lines);
any other empty or unreadable 200, or a "blocked site" page, leaves the URL
"unverified" and is not kept in the cache. The captures read from an answer that
is kept are kept beside it, for as long: a later run reads them, not the answer.
So is the lookup's own answer, made from them for a day asked and a moment
cited (``chosen.py``): a later run making the same lookup reads that one row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import partial

from requests import Response

from ..extract.sources import CaptureFact, SourceLookup, Status
from ..urls import timestamp_of
from . import chosen
from .cdx import Capture, CdxAnswer, choose, decode, encode, parse_cdx
from .http import HttpClient, NetworkError
from .memento import timegate, timemap
from .ratelimit import RateLimiter
from .settings import CAPTURES_FRESH_FOR, NOTHING_FRESH_FOR, ArchiveSettings

_JSON_LINES = frozenset({"text/x-ndjson", "application/x-ndjson", "application/jsonl"})
NEARBY = 100  # captures asked for around the date; the choice is made among them
_Asked = tuple[str, str, datetime, datetime, str]  # a lookup: key, URL, around, cited, prefer


class Wayback:
    """Looks up captures; remembers each canonical URL's answer for the rest of the run."""

    def __init__(self, client: HttpClient, settings: ArchiveSettings) -> None:
        self.client = client
        self.settings = settings
        client.trust(*settings.endpoints)
        client.policy.allow_private = client.policy.allow_private or settings.allow_private_addresses
        self.limiter = RateLimiter(settings.requests_per_minute, sleep=client.sleep)
        client.limit(settings.lookup_url, self.limiter)
        self.known: dict[str, SourceLookup] = {}
        self.counts: Counter[str] = Counter()  # lookups: "cached", "fetched", "failed"
        self._recalled: dict[_Asked, SourceLookup | None] = {}  # kept answers read ahead (``recall``)

    def lookup(self, key: str, url: str, around: datetime, cited: datetime, prefer: str = "before") -> SourceLookup:
        """The capture of ``url`` a reader should open for a citation made at ``cited``; the CDX server is
        asked for the captures closest to ``around`` (the citation date, or the date of a given archive link).
        ``prefer="after"`` takes the closest capture after ``cited`` first."""
        if key in self.known:
            return self.known[key]
        found = self._lookup(key, url, around, cited, prefer)
        self.known[key] = found
        self.counts["failed" if found.status is Status.UNVERIFIED else "cached" if found.from_cache else "fetched"] += 1
        return found

    def _lookup(self, key: str, url: str, around: datetime, cited: datetime, prefer: str) -> SourceLookup:
        if self.settings.timemap_url or self.settings.timegate_url:
            return self._choose(key, url, around, cited, prefer, None)
        # The answer chosen from the archive's list for this day and citation is kept beside the list, for as
        # long: a later run reads that one row, and neither reads the list nor chooses again.
        if (key, url, around, cited, prefer) not in self._recalled:
            self.recall([(key, url, around, cited)], prefer)
        if (kept := self._recalled.pop((key, url, around, cited, prefer), None)) is not None:
            return kept
        return self._choose(key, url, around, cited, prefer, self._chosen_name(key, url, around, cited, prefer))

    def recall(self, lookups: Iterable[tuple[str, str, datetime, datetime]], prefer: str = "before") -> None:
        """Read the kept answers of lookups about to be made, ``(key, url, around, cited)`` each, in one query:
        a document's sources, before they are looked up one by one."""
        if self.settings.timemap_url or self.settings.timegate_url:
            return
        wanted = {
            self._chosen_name(key, url, around, cited, prefer): (key, url, around, cited, prefer)
            for key, url, around, cited in lookups
            if key not in self.known
        }
        if wanted:
            kept = self.client.recall_derived(self.settings.cdx_url, wanted, partial(_decode, wanted))
            self._recalled.update({asked: kept.get(name) for name, asked in wanted.items()})  # None: to be asked

    def _chosen_name(self, key: str, url: str, around: datetime, cited: datetime, prefer: str) -> str:
        """What a lookup's answer turns on besides the archive's list of captures near the day of ``around``."""
        day = around.astimezone(UTC).date().isoformat()
        moment = cited.astimezone(UTC).isoformat()
        asked = f"{self.settings.cdx_url} {url} {day}/{NEARBY}"  # the archive's list: as its question names it
        return f"chosen/{chosen.VERSION} {asked} {moment} {prefer} {self.settings.replay_url} {key}"

    def _choose(
        self, key: str, url: str, around: datetime, cited: datetime, prefer: str, name: str | None
    ) -> SourceLookup:
        """The lookup made from the archive's answer; one made from a CDX list alone is kept under ``name``."""
        try:
            answer, from_cache = self._ask(url, around)
        except NetworkError as error:
            return SourceLookup(key, url, Status.UNVERIFIED, reason=f"the archive could not be asked: {error}")
        if answer is None:
            return SourceLookup(key, url, Status.UNVERIFIED, reason="the archive's answer could not be read")
        nearby = tuple(self.fact(c) for c in answer.captures)
        if answer.blocked:
            reason = "the archive withholds this site's captures, so whether it has one is unknown"
            return SourceLookup(key, url, Status.UNVERIFIED, reason=reason, from_cache=from_cache)
        choice = choose(answer.captures, cited, prefer)
        widened = choice is None and len(answer.captures) >= NEARBY
        if widened:  # all near ones unusable: ask for a usable one
            try:
                wider, _ = self._ask(url, around, only_ok=True)
            except NetworkError as error:
                reason = f"no usable capture near the date, and the archive could not be asked further: {error}"
                return SourceLookup(key, url, Status.UNVERIFIED, reason=reason, nearby=nearby)
            choice = choose(wider.captures, cited, prefer) if wider else None
        if choice is None:
            found = SourceLookup(
                key, url, Status.MISSING, reason=_why_none(answer.captures), from_cache=from_cache, nearby=nearby
            )
        else:
            found = SourceLookup(
                key,
                url,
                Status.ARCHIVED,
                capture=self.fact(choice.capture),
                direction=choice.direction,
                days=choice.days,
                from_cache=from_cache,
                nearby=nearby,
            )
        if name is not None and not widened:  # a second answer has an expiry of its own: not kept
            self.client.keep_derived(name, self.settings.cdx_url, self._cdx_params(url, around), chosen.encode(found))
        return found

    def _ask(self, url: str, around: datetime, only_ok: bool = False) -> tuple[CdxAnswer | None, bool]:
        """The captures near ``around``, whether they came from the cache; None for an unreadable answer."""
        if self.settings.timemap_url:
            answer, from_cache = timemap(self.client, self.settings.timemap_url, url)
        elif self.settings.timegate_url:
            answer, from_cache = timegate(self.client, self.settings.timegate_url, url, around)
        else:
            return self._ask_cdx(url, around, only_ok)
        return (None if answer.malformed and not answer.captures else answer), from_cache

    def _cdx_params(self, url: str, around: datetime, only_ok: bool = False) -> dict[str, str]:
        params = {
            "url": url,
            "output": "json",
            "sort": "closest",
            "closest": timestamp_of(around)[:8],  # the day: one cached answer serves a day's citations
            "limit": "1" if only_ok else str(NEARBY),
            # NOTE: pywb otherwise answers an empty query with fuzzy matches of other URLs; IA ignores it.
            "allowFuzzy": "0",
        }
        if only_ok:
            params["filter"] = "statuscode:200"
        return params

    def _ask_cdx(self, url: str, around: datetime, only_ok: bool) -> tuple[CdxAnswer | None, bool]:
        params = self._cdx_params(url, around, only_ok)
        if (kept := self.client.recall(self.settings.cdx_url, params, decode)) is not None:
            return kept, True
        response = self.client.get(self.settings.cdx_url, params, CAPTURES_FRESH_FOR, accept=(403, 404))
        from_cache = bool(getattr(response, "from_cache", False))
        answer = parse_cdx(response.text)
        if response.status_code != 200 and not answer.blocked:
            if response.status_code == 404 and not response.text.strip():
                return CdxAnswer(()), from_cache  # some servers say "no captures" this way
            raise NetworkError(self.settings.cdx_url, f"HTTP {response.status_code}")
        if answer.blocked:
            self.client.forget(response)
        elif not answer.captures and (answer.malformed or not (answer.listing or _empty_listing(response))):
            self.client.forget(response)
            return None, from_cache
        elif not answer.captures:
            self.client.keep_for(response, NOTHING_FRESH_FOR)
        if not answer.blocked:
            self.client.keep(response, encode(answer))  # a later run reads this, not the answer
        return answer, from_cache

    def site_captures(self, site: str, start: date, end: date) -> tuple[Capture, ...]:
        """Every capture on ``site`` (and its subdomains) from ``start`` to ``end``; none when the archive
        cannot be asked, counted as a failed lookup. Only a CDX server lists a site (``searches_sites``)."""
        params = {
            "url": site,
            "matchType": "domain",
            "from": start.strftime("%Y%m%d"),
            "to": end.strftime("%Y%m%d"),
            "output": "json",
            "limit": "5000",
            "allowFuzzy": "0",
        }
        try:
            response = self.client.get(self.settings.cdx_url, params, CAPTURES_FRESH_FOR)
        except NetworkError:
            self.counts["failed"] += 1
            return ()
        self.counts["cached" if getattr(response, "from_cache", False) else "fetched"] += 1
        return parse_cdx(response.text).captures

    def fact(self, capture: Capture) -> CaptureFact:
        """What the facts keep of a capture, with the address a reader opens it at."""
        replay = capture.memento or self.settings.replay(capture.timestamp, capture.original)
        return CaptureFact(capture.timestamp, capture.original, capture.status, replay)


def _decode(lookups: dict[str, _Asked], name: str, kept: str) -> SourceLookup | None:
    """The kept answer of the lookup kept under ``name``, whose key and URL ``lookups`` gives."""
    key, url, *_ = lookups[name]
    return chosen.decode(key, url, kept)


def _empty_listing(response: Response) -> bool:
    """Whether an answer is a server's empty list of captures: pywb answers none with an empty body it labels
    as JSON lines; an empty body labelled as anything else (or nothing) says nothing."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return not response.text.strip() and kind in _JSON_LINES


def _why_none(captures: tuple[Capture, ...]) -> str:
    if not captures:
        return "the archive has no capture of it"
    statuses = Counter(c.status or "revisit" for c in captures)
    ordered = sorted(statuses.items(), key=lambda pair: (-pair[1], pair[0]))
    shown = ", ".join(f"{status} ×{n}" if n > 1 else status for status, n in ordered)
    return f"{len(captures)} capture{'s' if len(captures) != 1 else ''}, none of a readable page ({shown})"
