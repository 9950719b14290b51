"""An article's revision history through the MediaWiki Action API: ``prop=revisions`` with ids and
timestamps only, on either side of a date; a revision's text comes from ``mediawiki.fetch_revision``.

A listing of the revisions before a day long past cannot change (short of a deletion) and is cached for
good; so is one after it, once that day is a month old: the newest revisions it asks for exist by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from requests_cache import NEVER_EXPIRE

from .articles import ArticleSpec
from .http import HttpClient
from .mediawiki import LATEST_FRESH_FOR, api_query, first_page
from .ratelimit import RateLimiter

_SETTLED = timedelta(days=30)
API_LIMIT = 500  # the most revisions one listing returns to a client without bot rights
# NOTE: Wikimedia's API etiquette (mediawiki.org, API:Etiquette) asks for requests in series, not in
# parallel, and sets no rate; two a second keeps a long search well clear of its per-address limits.
REQUESTS_PER_MINUTE = 120.0


def limit_api(client: HttpClient, api_url: str, per_minute: float = REQUESTS_PER_MINUTE) -> None:
    """Send the requests to ``api_url`` through a rate limit, once per client (answers from the cache pass)."""
    if api_url not in client.session.adapters:
        client.limit(api_url, RateLimiter(per_minute, sleep=client.sleep))


@dataclass(frozen=True, slots=True)
class RevisionStamp:
    revision: int
    timestamp: str  # ISO 8601, UTC


def list_revisions(
    client: HttpClient,
    spec: ArticleSpec,
    around: date | None,
    older: bool,
    limit: int,
    api_url: str | None = None,
    today: date | None = None,
) -> tuple[str, list[RevisionStamp]]:
    """The article's title as the wiki spells it, and up to ``limit`` revisions: from the end of ``around``
    back in time (``older``) or from the day after it forward, nearest first. Without ``around``, back
    from the latest. Raises ArticleError or NetworkError."""
    url = api_url or spec.api_url
    client.trust(url)  # the wiki named, as fetch_revision trusts it
    params = {
        "action": "query",
        "prop": "revisions",
        "titles": spec.title,
        "rvprop": "ids|timestamp",
        "rvlimit": str(min(limit, API_LIMIT)),
        "rvdir": "older" if older else "newer",
        "format": "json",
        "formatversion": "2",
        "redirects": "1",
    }
    fresh_for: timedelta | int = LATEST_FRESH_FOR
    if around is not None:
        start = around if older else around + timedelta(days=1)
        params["rvstart"] = f"{start.isoformat()}T23:59:59Z" if older else f"{start.isoformat()}T00:00:00Z"
        settled = around + (timedelta(days=1) if older else _SETTLED) < (today or date.today())
        fresh_for = NEVER_EXPIRE if settled else LATEST_FRESH_FOR
    return client.get_json(url, params, fresh_for, lambda data: _listing(data, spec))


def _listing(data: object, spec: ArticleSpec) -> tuple[str, list[RevisionStamp]]:
    title, page = first_page(api_query(data), spec)
    found = []
    revisions = page.get("revisions") or []
    for revision in revisions if isinstance(revisions, list) else ():
        if isinstance(revision, dict) and type(revision.get("revid")) is int and revision.get("timestamp"):
            found.append(RevisionStamp(revision["revid"], str(revision["timestamp"])))
    return title, found
