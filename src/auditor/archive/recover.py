"""Sources a copy lost, looked for in the archive.

Two searches, both reported as what they are:
- A copy of a Wikipedia article (recognised by its title and licence) has an
  original. The capture of that original closest before the copy's as-of date
  is read with the HTML reader, and each footnote the copy left empty takes
  the text and link the original gives under the same number, once the
  footnotes both still hold agree, so the numbering is known to line up.
- A reference that names a title, a publisher and a date but no URL has
  candidates: captures on the publisher's site in a window around the date,
  ranked by how much of the title their address spells. A candidate is a
  guess with a score, never a fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote, urlsplit

from requests_cache import NEVER_EXPIRE

from ..document import Document
from ..extract.sources import Candidate, CaptureFact, OriginalCopy, RecoveredReference, Status
from ..urls import clean, raw_address
from .http import NetworkError
from .wayback import Wayback

if TYPE_CHECKING:
    from ..extract.dates import Dates

ReadPage = Callable[[str, str], Document]  # (address, HTML) -> the captured page as a document

WINDOW = timedelta(days=3)  # around a reference's date: news is captured within days of publication
MIN_SCORE = 0.5
MIN_AGREEMENT = 0.6  # share of the copy's kept footnotes the original must match under the same numbers
_SIMILAR = 0.6
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and as at by for from in into is it its of on or the to with says said after over amid near".split()
)
# Publishers whose site is not their name plus ".com", as they appear in citations.
PUBLISHER_SITES = {
    "al jazeera": "aljazeera.com",
    "al-jazeera": "aljazeera.com",
    "al jazeera english": "aljazeera.com",
    "the washington post": "washingtonpost.com",
    "washington post": "washingtonpost.com",
    "reuters": "reuters.com",
    "bbc": "bbc.co.uk",
    "bbc news": "bbc.co.uk",
    "the guardian": "theguardian.com",
    "the new york times": "nytimes.com",
    "new york times": "nytimes.com",
    "the daily telegraph": "telegraph.co.uk",
    "the telegraph": "telegraph.co.uk",
    "the independent": "independent.co.uk",
    "los angeles times": "latimes.com",
    "the wall street journal": "wsj.com",
    "associated press": "apnews.com",
    "al arabiya": "english.alarabiya.net",
    "the daily star": "dailystar.com.lb",
    "syrian observatory for human rights": "syriahr.com",
    "the long war journal": "longwarjournal.org",
    "long war journal": "longwarjournal.org",
    "financial times": "ft.com",
    "haaretz": "haaretz.com",
    "the times of israel": "timesofisrael.com",
    "hurriyet daily news": "hurriyetdailynews.com",
    "asharq al-awsat": "aawsat.net",
    "today's zaman": "todayszaman.com",
    "npr": "npr.org",
    "cnn": "cnn.com",
    "afp": "afp.com",
}


def recover_lost(
    doc: Document, original: OriginalCopy, wayback: Wayback, today: date, read_page: ReadPage
) -> tuple[OriginalCopy, tuple[RecoveredReference, ...]]:
    """The original's capture, and the text of each footnote the copy left empty, from that capture as
    ``read_page`` reads it."""
    when = datetime.combine(original.as_of or today, time(23, 59, 59), UTC)
    prefer = "after" if original.as_of_is_lower_bound else "before"
    cleaned = clean(original.url)
    if cleaned is None:
        return _without(original, "the original's address is not a web address"), ()
    found = wayback.lookup(cleaned.key, cleaned.url, when, when, prefer)
    if found.status is not Status.ARCHIVED or found.capture is None:
        return _without(original, found.reason or "no capture of the original"), ()
    capture = found.capture
    if found.direction == "after" and not original.as_of_is_lower_bound:
        return _without(original, f"the only captures are from after {when.date().isoformat()}", capture), ()
    try:
        response = wayback.client.get(raw_address(capture.replay_url), None, NEVER_EXPIRE)  # a capture never changes
    except NetworkError as error:
        return _without(original, f"the capture could not be read: {error}", capture), ()
    try:
        page = read_page(capture.replay_url, response.text)
    except Exception as error:  # noqa: BLE001 - a capture is untrusted input: one unreadable costs its recovery
        return _without(original, f"the capture could not be read ({type(error).__name__})", capture), ()
    theirs = page.references_by_key
    kept = [r for r in doc.references if not r.empty and r.key in theirs]
    agreeing = sum(1 for r in kept if _similar(r.text, theirs[r.key].text))
    if kept and agreeing / len(kept) < MIN_AGREEMENT:
        reason = f"its footnotes are numbered differently ({agreeing} of {len(kept)} kept footnotes agree)"
        return _without(original, reason, capture), ()
    recovered = tuple(
        RecoveredReference(r.key, theirs[r.key].text, theirs[r.key].fields.url, capture)
        for r in doc.references
        if r.empty and r.key in theirs and not theirs[r.key].empty
    )
    return replace(original, capture=capture), recovered


class Search(NamedTuple):
    """A reference named without a link, and where and when to look for it."""

    reference: str
    site: str
    day: date
    words: frozenset[str]  # the title's significant words


def searches_for(doc: Document, dates: Dates) -> list[Search]:
    """The references with a title, a publisher whose site is known, and a date, but no URL."""
    found = []
    for reference in doc.references:
        fields = reference.fields
        if reference.empty or fields.url or not fields.title or not fields.publisher:
            continue
        site = site_of(fields.publisher)
        given = dates.references.get(reference.key)
        published = given.published if given else None
        words = _words(fields.title)
        if site is not None and published is not None and not published.problem and len(words) >= 3:
            found.append(Search(reference.key, site, published.first, frozenset(words)))
    return found


def candidates(search: Search, wayback: Wayback) -> tuple[Candidate, ...]:
    """Captures on the publisher's site near the date, best first; only those scoring ``MIN_SCORE``."""
    best: dict[str, Candidate] = {}
    for capture in wayback.site_captures(search.site, search.day - WINDOW, search.day + WINDOW):
        cleaned = clean(capture.original)
        if not capture.usable or cleaned is None:
            continue
        score = len(search.words & _words(unquote(urlsplit(capture.original).path))) / len(search.words)
        if score >= MIN_SCORE and (cleaned.key not in best or best[cleaned.key].score < score):
            best[cleaned.key] = Candidate(capture.original, wayback.fact(capture), score)
    return tuple(sorted(best.values(), key=lambda c: (-c.score, c.url)))[:3]


def site_of(publisher: str) -> str | None:
    name = " ".join(publisher.lower().replace("’", "'").split()).strip(" .,")
    if name in PUBLISHER_SITES:
        return PUBLISHER_SITES[name]
    bare = re.sub(r"^the ", "", name)
    return bare.replace(" ", "") + ".com" if re.fullmatch(r"[a-z][a-z ]{1,30}", bare) else None


def _without(original: OriginalCopy, reason: str, capture: CaptureFact | None = None) -> OriginalCopy:
    return replace(original, capture=capture, reason=reason)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def _similar(one: str, other: str) -> bool:
    return SequenceMatcher(None, one.lower(), other.lower()).ratio() >= _SIMILAR or one.lower() in other.lower()
