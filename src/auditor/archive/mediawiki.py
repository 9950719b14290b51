"""Live articles: a title or URL, fetched as wikitext through the MediaWiki Action API.

``en:Battle_of_Aleppo``, ``https://en.wikipedia.org/wiki/Battle_of_Aleppo`` and
``https://en.wikipedia.org/w/index.php?title=...&oldid=N`` all name an article.
The fetch pins one revision: the latest, the one ``--revision`` names, or the
one current at the end of the ``--as-of`` day (UTC), and reports its id and
timestamp. A pinned revision never changes, so its answer is cached for good;
"the latest" is reused for ten minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from requests_cache import NEVER_EXPIRE

from .articles import ArticleSpec
from .http import HttpClient, UnexpectedReply

LATEST_FRESH_FOR = timedelta(minutes=10)


class ArticleError(Exception):
    """The wiki answered, but not with the article asked for."""


@dataclass(frozen=True, slots=True)
class Revision:
    site: str
    title: str
    revision: int
    timestamp: str  # ISO 8601, UTC, as the API gives it
    wikitext: str


def fetch_revision(
    client: HttpClient,
    spec: ArticleSpec,
    revision: int | None = None,
    as_of: date | None = None,
    api_url: str | None = None,
) -> Revision:
    """The wikitext of one revision of the article; raises ArticleError or NetworkError."""
    url = api_url or spec.api_url
    client.trust(url)  # the user named this wiki
    params = {
        "action": "query",
        "prop": "revisions",
        "rvprop": "ids|timestamp|content",
        "rvslots": "main",
        "format": "json",
        "formatversion": "2",
        "redirects": "1",
    }
    revision = revision or spec.revision
    if revision is not None:
        params["revids"] = str(revision)
        fresh_for: timedelta | int = NEVER_EXPIRE
    else:
        params["titles"] = spec.title
        fresh_for = LATEST_FRESH_FOR
        if as_of is not None:
            params.update(rvlimit="1", rvdir="older", rvstart=f"{as_of.isoformat()}T23:59:59Z")
            fresh_for = NEVER_EXPIRE if as_of < date.today() else LATEST_FRESH_FOR
    return client.get_json(url, params, fresh_for, lambda data: _revision(data, spec, revision, as_of))


def api_query(data: object) -> dict[str, Any]:
    """The ``query`` of an Action API answer; raises ArticleError when the API refused."""
    if not isinstance(data, dict):
        raise UnexpectedReply("answered with JSON that is not an API reply")
    if isinstance(error := data.get("error"), dict):
        raise ArticleError(f"the API refused: {error.get('info') or error.get('code')}")
    query = data.get("query") or {}
    if not isinstance(query, dict):
        raise UnexpectedReply("answered with JSON that is not an API reply")
    return query


def first_page(query: dict[str, Any], spec: ArticleSpec) -> tuple[str, dict[str, Any]]:
    """The title and page a ``titles`` or ``revids`` query asked for (formatversion 2: a list of one)."""
    pages = query.get("pages") or []
    if not isinstance(pages, list) or not pages or not isinstance(pages[0], dict):
        raise UnexpectedReply("answered without the page asked for")
    page = pages[0]
    title = page.get("title")
    title = title if isinstance(title, str) and title else spec.title
    if page.get("missing") or page.get("invalid"):
        raise ArticleError(f"no article {title!r} on {spec.site}")
    return title, page


def _revision(data: object, spec: ArticleSpec, revision: int | None, as_of: date | None) -> Revision:
    query = api_query(data)
    if query.get("badrevids"):
        raise ArticleError(f"no revision {revision} on {spec.site}")
    title, page = first_page(query, spec)
    revisions = page.get("revisions") or []
    if not isinstance(revisions, list) or not revisions:
        when = f" on or before {as_of.isoformat()}" if as_of else ""
        raise ArticleError(f"{title!r} has no revision{when}")
    found = revisions[0]
    if (
        not isinstance(found, dict)
        or type(found.get("revid")) is not int
        or not isinstance(found.get("timestamp"), str)
    ):
        raise UnexpectedReply("answered with a revision without its id or timestamp")
    slots = found.get("slots")
    slot = (slots.get("main") if isinstance(slots, dict) else None) or {}
    text = slot.get("content") if isinstance(slot, dict) else None
    if not isinstance(text, str):
        raise ArticleError(f"revision {found['revid']} hides its text (deleted or suppressed)")
    model = slot.get("contentmodel", "wikitext")
    if model != "wikitext":
        raise ArticleError(f"{title!r} is {model}, not wikitext")
    return Revision(spec.site, title, found["revid"], found["timestamp"], text)
