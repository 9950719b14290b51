"""The main text of a cited page's capture: read once, without the page's navigation, scripts and references.

A capture is asked for in its ``id_`` form, the page as it was captured without
the archive's toolbar and rewritten links. Its main text is what jusText keeps
(paragraphs classed by length, link density and stop words) once the parts no
article text lives in are cut away: scripts, navigation, headers, footers,
asides, and the page's own reference list. The text, or why there is none (a
PDF, a page with too few words to be an article: a paywall, a script-only
page), is kept in the cache directory beside the archive's answers, one row per
capture (``texts.sqlite``; a store of one file per capture, as earlier versions
kept, is still read): a capture never changes, so a second run reads none twice.

NOTE: jusText over trafilatura and readability-lxml, measured on 22 real captured pages (the iana.org
WARC of pywb's sample archive, a census.gov capture, five rendered Wikipedia articles with 105 article
paragraphs and 541 reference entries between them): cutting the chrome and the reference list first,
then jusText with a looser link density (Wikipedia's paragraphs are dense with links) kept 87 of the
105 paragraphs, no reference entry and 47 of 396 navigation links, at 1.0 s a page on a busy machine;
trafilatura kept 94 paragraphs but 537 reference entries (59 navigation links and 1.6 s a page even
after the same cut), readability-lxml 91 and 447. A reference entry kept is a figure or date "found"
in the page's own bibliography; jusText needs lxml alone, where trafilatura brings a date parser and
URL tools this package has no other use for (README, "Does the source say it?").
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import justext
from lxml import html as lxml_html
from requests_cache import DO_NOT_CACHE

from ..extract.sources import CaptureFact, SourceText
from ..urls import raw_address
from .http import HttpClient, NetworkError

EXTRACTOR = f"jusText {getattr(justext, '__version__', '3')}"
MEMORY_CHARACTERS = 2**24  # of the main texts a store keeps in memory: those a dump's run cites are far more
_BATCH = 500  # texts asked for in one query: well under SQLite's limit on a statement's parameters
MIN_WORDS = 40  # fewer words of main text make no article: a paywall's teaser, a script-only shell, an error page
_STOPLIST = justext.get_stoplist("English")
# jusText's thresholds, looser than its defaults (70, 200, 0.2): an article's paragraphs are often short and,
# on a wiki, dense with links; the chrome they would otherwise let through is cut before jusText reads it.
_LENGTH_LOW, _LENGTH_HIGH, _LINK_DENSITY = 50, 150, 0.5
# Elements no article text lives in.
_CHROME = (
    "//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//*[@role='navigation']"
    "|//*[@role='banner']|//*[@role='contentinfo']|//ol[contains(@class,'references')]"
    "|//*[contains(concat(' ',normalize-space(@class),' '),' reflist ')]"
)
_REFERENCE_HEADING = re.compile(r"^\s*(?:references|notes|sources|footnotes|citations|bibliography)\s*$", re.I)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset", re.I)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class TextStore:
    """Extracted main texts on disk, one row per capture address; the texts read last are kept in memory too
    (up to ``MEMORY_CHARACTERS``), as the documents of a run often cite the same sources."""

    def __init__(self, root: Path) -> None:
        self.database = root / "texts.sqlite"
        self.root = root / "texts"  # the one-file-per-capture store of earlier versions, read still
        self._connection: sqlite3.Connection | None = None
        self._recent: dict[str, SourceText] = {}  # by capture address, oldest first
        self._characters = 0

    def get(self, capture: str) -> SourceText | None:
        if (recent := self._recent.get(capture)) is not None:
            return recent
        try:
            row = self._rows().execute("SELECT text, reason FROM texts WHERE capture = ?", (capture,)).fetchone()
        except (sqlite3.Error, OSError):  # a cache directory that cannot be written, a damaged database
            row = None
        if row is not None:
            return self._remember(SourceText(capture, row[0], row[1], from_cache=True))
        if (kept := self._file(capture)) is None:
            return None
        with suppress(sqlite3.Error, OSError):
            self.put(kept)  # read from its row from now on
        return kept

    def recall(self, captures: list[str]) -> None:
        """Read the kept texts of ``captures`` not in memory in one query, for ``get`` to find in memory: a query
        costs as much again as its row."""
        wanted = [capture for capture in captures if capture not in self._recent]
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            query = f"SELECT capture, text, reason FROM texts WHERE capture IN ({','.join('?' * len(batch))})"
            try:
                rows = self._rows().execute(query, batch).fetchall()
            except (sqlite3.Error, OSError):  # as ``get``: read one by one, then, or not at all
                return
            for capture, text, reason in rows:
                self._remember(SourceText(capture, text, reason, from_cache=True))

    def put(self, text: SourceText) -> None:
        with self._rows() as connection:  # one transaction: a run stopped halfway leaves no half-written text
            connection.execute(
                "INSERT OR REPLACE INTO texts VALUES (?, ?, ?, ?)", (text.capture, text.text, text.reason, EXTRACTOR)
            )
        self._remember(replace(text, from_cache=True))  # as the store gives it from now on

    def _rows(self) -> sqlite3.Connection:
        if self._connection is None:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.database)
            connection.execute(
                "CREATE TABLE IF NOT EXISTS texts (capture TEXT PRIMARY KEY, text TEXT, reason TEXT, extractor TEXT)"
            )
            self._connection = connection
        return self._connection

    def _file(self, capture: str) -> SourceText | None:
        """The text an earlier version kept for ``capture``, one JSON file per capture."""
        path = self.root / (hashlib.blake2b(capture.encode(), digest_size=12).hexdigest() + ".json")
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if kept.get("capture") != capture:
            return None
        return SourceText(capture, kept.get("text"), kept.get("reason"), from_cache=True)

    def _remember(self, text: SourceText) -> SourceText:
        self._recent[text.capture] = text
        self._characters += len(text.text or "")
        while self._characters > MEMORY_CHARACTERS and len(self._recent) > 1:
            oldest = self._recent.pop(next(iter(self._recent)))
            self._characters -= len(oldest.text or "")
        return text


def read_main_text(client: HttpClient, store: TextStore, capture: CaptureFact) -> SourceText | None:
    """The capture's main text, from the store or read now; None when the capture could not be fetched
    (a failure is never kept: the next run tries again)."""
    kept = store.get(capture.replay_url)
    if kept is not None:
        return kept
    try:
        # The page itself is not kept in the HTTP cache: its main text is, and that is all a later run needs.
        response = client.get(raw_address(capture.replay_url), None, DO_NOT_CACHE)
    except NetworkError:
        return None
    text = main_text(response.content, response.headers.get("Content-Type", ""))
    found = SourceText(capture.replay_url, *text)
    store.put(found)
    return found


def main_text(body: bytes, content_type: str = "") -> tuple[str | None, str | None]:
    """A page's main text, paragraphs on lines of their own, or None and why there is none."""
    kind = content_type.split(";")[0].strip().lower()
    if body.lstrip()[:5] == b"%PDF-" or kind == "application/pdf":
        return None, "a PDF, whose text is not read"
    if kind and "html" not in kind and not kind.startswith("text/"):
        return None, f"not a web page ({kind})"
    charset = _CHARSET.search(content_type)
    encoding = charset.group(1) if charset else None
    if kind == "text/plain":
        text = body.decode(encoding or "utf-8", "replace").strip()
    else:
        text = "\n".join(_paragraphs(body, encoding))
    words = len(text.split())
    if words < MIN_WORDS:
        return None, f"{words} words of main text: a paywall, a page its scripts fill in, or an error page"
    return text, None


def _paragraphs(body: bytes, encoding: str | None) -> list[str]:
    if not body.strip():
        return []
    if encoding is None and not _META_CHARSET.search(body[:2048]):
        encoding = "utf-8" if _is_utf8(body) else "windows-1252"  # what browsers take a page without one for
    try:
        parser = lxml_html.HTMLParser(encoding=encoding) if encoding else None
        tree = lxml_html.document_fromstring(body, parser=parser)
    except (ValueError, LookupError, lxml_html.etree.ParserError):
        return []
    for element in tree.xpath(_CHROME):
        _drop(element)
    for heading in [h for h in tree.iter(*_HEADINGS) if _REFERENCE_HEADING.match(h.text_content() or "")]:
        following = heading.getnext()
        while following is not None and following.tag not in _HEADINGS:
            after = following.getnext()
            _drop(following)
            following = after
        _drop(heading)
    cleaned = lxml_html.tostring(tree, encoding="utf-8")
    paragraphs = justext.justext(
        cleaned, _STOPLIST, length_low=_LENGTH_LOW, length_high=_LENGTH_HIGH, max_link_density=_LINK_DENSITY,
        encoding="utf-8",
    )  # fmt: skip
    return [" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate]


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _drop(element: lxml_html.HtmlElement) -> None:
    """Remove an element but keep the text that follows it inside its parent."""
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()
