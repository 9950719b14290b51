"""Captures from an archive that speaks Memento (RFC 7089) rather than CDX.

A TimeMap lists every memento (capture) of a page in link format; a TimeGate,
asked with ``Accept-Datetime``, redirects to the memento closest to that date
and names it, and sometimes its neighbours, in a ``Link`` header. Memento says
nothing of a memento's HTTP status: an archive lists what it will replay, so
its mementos are taken as readable.

A TimeMap is untrusted input: a 200 that names no original, no TimeMap and no
memento is not a TimeMap (a login page, a "blocked" page, an empty body), and
leaves the URL unverified. The other pages it links to are asked for under the
address policy, as any address an answer names.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from requests import Response
from requests.utils import parse_header_links

from ..urls import parse_timestamp
from .cdx import Capture, CdxAnswer
from .http import HttpClient, NetworkError
from .settings import CAPTURES_FRESH_FOR, NOTHING_FRESH_FOR

PAGES = 10  # TimeMap pages followed for one URL; a page that long is years of daily captures
_NO_MEMENTO = 404


_TIMEMAP_RELS = frozenset({"original", "self", "timemap", "timegate", "memento"})


def read_links(text: str, original: str) -> tuple[CdxAnswer, list[str]]:
    """The mementos a link-format text names (a TimeMap's body, a TimeGate's ``Link`` header), and the
    other TimeMap pages it points to. A memento whose date cannot be read is set aside as malformed. The
    answer is a listing when the text names what a TimeMap names (its original, itself, a memento)."""
    captures: list[Capture] = []
    malformed: list[tuple[int, str]] = []
    pages: list[str] = []
    links = [link for link in parse_header_links(" ".join(text.split())) if isinstance(link.get("url"), str)]
    original = next((link["url"] for link in links if "original" in _rels(link)), original)
    for number, link in enumerate(links, 1):
        rels = _rels(link)
        if "memento" in rels:
            stamp = _timestamp(link.get("datetime", ""))
            if stamp is None or not link.get("url"):
                malformed.append((number, f"<{link.get('url', '')}>; datetime={link.get('datetime', '')!r}"))
                continue
            captures.append(Capture(stamp, original, None, memento=link["url"]))
        elif "timemap" in rels and "self" not in rels and link.get("url"):
            pages.append(link["url"])
    listing = any(_rels(link) & _TIMEMAP_RELS for link in links)
    return CdxAnswer(tuple(captures), tuple(malformed), listing=listing), pages


def timemap(client: HttpClient, prefix: str, url: str) -> tuple[CdxAnswer, bool]:
    """Every memento of ``url`` the archive's TimeMaps list, following paged TimeMaps, and whether all of it
    came from the cache. An archive that knows no memento answers 404, or with an empty TimeMap."""
    address, seen = prefix + url, set()
    captures: list[Capture] = []
    malformed: list[tuple[int, str]] = []
    from_cache = True
    while address and address not in seen and len(seen) < PAGES:
        seen.add(address)
        response = client.get(address, None, CAPTURES_FRESH_FOR, accept=(_NO_MEMENTO,))
        from_cache = from_cache and bool(getattr(response, "from_cache", False))
        if response.status_code == _NO_MEMENTO:
            answer, pages = CdxAnswer((), listing=True), []
        else:
            answer, pages = read_links(response.text, url)
            if not answer.listing:
                client.forget(response)
                raise NetworkError(address, "answered with something that is not a TimeMap")
        _keep(client, response, answer)
        captures += answer.captures
        malformed += answer.malformed
        address = next((page for page in pages if page not in seen), "")
    return CdxAnswer(tuple(captures), tuple(malformed)), from_cache


def timegate(client: HttpClient, prefix: str, url: str, when: datetime) -> tuple[CdxAnswer, bool]:
    """The memento of ``url`` closest to ``when`` that the archive's TimeGate names, with any neighbours it
    names too (previous, next, first, last), and whether the answer came from the cache."""
    headers = {"Accept-Datetime": format_datetime(when, usegmt=True)}
    accept = (301, 302, 303, 307, 308, _NO_MEMENTO)
    response = client.get(prefix + url, None, CAPTURES_FRESH_FOR, accept=accept, headers=headers)
    from_cache = bool(getattr(response, "from_cache", False))
    if response.status_code == _NO_MEMENTO:
        answer = CdxAnswer(())
    else:
        answer, _ = read_links(response.headers.get("Link", ""), url)
        if not answer.captures:
            client.forget(response)
            where = f"redirected to {response.headers['Location']}" if "Location" in response.headers else "answered"
            raise NetworkError(prefix, f"the TimeGate {where} without naming a memento and its date")
    _keep(client, response, answer)
    return answer, from_cache


def _keep(client: HttpClient, response: Response, answer: CdxAnswer) -> None:
    """Cache an answer as the CDX path does: captures for long, "none" for a day, an unreadable one never.
    A redirect or a 404 is kept here, since the cache keeps only 200 answers by itself."""
    if answer.captures:
        if response.status_code != 200:
            client.keep_for(response, CAPTURES_FRESH_FOR)
    elif answer.malformed:
        client.forget(response)
    else:
        client.keep_for(response, NOTHING_FRESH_FOR)


def _rels(link: dict[str, str]) -> set[str]:
    return set(link.get("rel", "").lower().split())  # "first memento", "last memento", "prev memento"...


def _timestamp(text: str) -> str | None:
    """A memento's ``datetime`` (an HTTP date) as a 14-digit UTC timestamp; None when it is not one."""
    try:
        moment = parsedate_to_datetime(text)
        moment = moment.astimezone(UTC) if moment.tzinfo is not None else moment
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    stamp = f"{moment.year:04d}{moment:%m%d%H%M%S}"
    return stamp if parse_timestamp(stamp) is not None else None
