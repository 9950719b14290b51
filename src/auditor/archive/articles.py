"""Which arguments name a wiki article rather than a file: ``en:TITLE`` or an article's URL.

Kept apart from the fetching code so that telling them apart costs no network imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

_LANGUAGE_PREFIX = re.compile(r"^(?P<lang>[a-z]{2,3}(?:-[a-z]{2,8})?):(?P<title>[^:/\\].*)$")


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    """An article named on the command line: its wiki, its title and the revision asked for."""

    site: str  # "en.wikipedia.org"
    title: str  # as written, with spaces
    revision: int | None = None  # an ``oldid`` in the URL

    @property
    def api_url(self) -> str:
        return f"https://{self.site}/w/api.php"

    @property
    def shown(self) -> str:
        language = self.site.removesuffix(".wikipedia.org")
        return f"{language}:{self.title.replace(' ', '_')}" if language != self.site else f"{self.site}:{self.title}"


def parse_article_spec(raw: str) -> ArticleSpec | None:
    """The article ``raw`` names, or None when it is not a title or wiki URL (a path, say)."""
    if raw.startswith(("http://", "https://")):
        parts = urlsplit(raw)
        host = parts.netloc.lower().replace(".m.wikipedia.org", ".wikipedia.org")
        query = parse_qs(parts.query)
        oldid = query.get("oldid", [""])[0]
        revision = int(oldid) if oldid.isdigit() else None
        if parts.path.startswith("/wiki/") and len(parts.path) > len("/wiki/"):
            title = unquote(parts.path[len("/wiki/") :])
        elif "title" in query:
            title = query["title"][0]
        elif revision is None:
            return None
        else:
            title = ""
        return ArticleSpec(host, title.replace("_", " ").strip(), revision)
    if Path(raw).exists() or not (match := _LANGUAGE_PREFIX.match(raw)):
        return None
    return ArticleSpec(f"{match['lang']}.wikipedia.org", unquote(match["title"]).replace("_", " ").strip())
