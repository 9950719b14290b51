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

from requests_cache import NEVER_EXPIRE

from .articles import ArticleSpec
from .http import HttpClient, NetworkError

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
    data = client.get_json(url, params, fresh_for)
    return _revision(data, spec, revision, as_of, url)


def _revision(data: object, spec: ArticleSpec, revision: int | None, as_of: date | None, url: str) -> Revision:
    if not isinstance(data, dict):
        raise NetworkError(url, "answered with JSON that is not an API reply")
    if isinstance(error := data.get("error"), dict):
        raise ArticleError(f"the API refused: {error.get('info') or error.get('code')}")
    query = data.get("query") or {}
    if query.get("badrevids"):
        raise ArticleError(f"no revision {revision} on {spec.site}")
    pages = query.get("pages") or []
    if not pages:
        raise NetworkError(url, "answered without the page asked for")
    page = pages[0]
    if page.get("missing") or page.get("invalid"):
        raise ArticleError(f"no article {page.get('title') or spec.title!r} on {spec.site}")
    revisions = page.get("revisions") or []
    if not revisions:
        when = f" on or before {as_of.isoformat()}" if as_of else ""
        raise ArticleError(f"{page.get('title') or spec.title!r} has no revision{when}")
    found = revisions[0]
    slot = (found.get("slots") or {}).get("main") or {}
    text = slot.get("content")
    if not isinstance(text, str):
        raise ArticleError(f"revision {found.get('revid')} hides its text (deleted or suppressed)")
    model = slot.get("contentmodel", "wikitext")
    if model != "wikitext":
        raise ArticleError(f"{page.get('title')!r} is {model}, not wikitext")
    return Revision(spec.site, page.get("title") or spec.title, int(found["revid"]), found["timestamp"], text)
