"""How reliable a cited site is, by Wikipedia's list of perennial sources, at the date it was cited.

The shipped table (``data/reliability.json``, derived from a snapshot of
Wikipedia:Reliable sources/Perennial sources by ``derive/reliability_table.py``;
CC BY-SA 4.0, Wikipedia contributors) rates sites and sections of sites. A
rating may hold for a period only (CNET: generally reliable before October
2020, generally unreliable from November 2022) or for a topic only (Fox News on
politics and science). A citation is judged by the rating for its date; a topic's
rating, which a citation cannot be matched to, is only mentioned. Users add or
override ratings by site (``Ratings``, the unreliable-source rule's option).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache
from typing import NamedTuple

from ..packaged import packaged_text
from .domains import SiteTable, split_site

# The ratings, mildest first; the names users write and the page's codes.
ORDER = ("gr", "nc", "m", "gu", "d")
WORDS = {
    "gr": "generally reliable",
    "nc": "no consensus",
    "m": "marginally reliable",
    "gu": "generally unreliable",
    "d": "deprecated",
}
_NAMES = {
    "reliable": "gr", "generally-reliable": "gr", "no-consensus": "nc", "marginal": "m",
    "unreliable": "gu", "generally-unreliable": "gu", "deprecated": "d", **{code: code for code in ORDER},
}  # fmt: skip
_CHOICES = "reliable, no-consensus, marginal, unreliable, deprecated"


class Rating(NamedTuple):
    name: str
    status: str  # a code of ORDER
    start: date | None = None  # the period it holds for: from this day ...
    end: date | None = None  # ... to the day before this one
    period: str | None = None  # the period as the list words it: "pre–October 2020"
    topic: str | None = None  # what part of the site's output it is limited to
    shortcut: str | None = None  # "WP:CNET"
    blacklisted: bool = False  # on Wikipedia's spam blacklist
    source: str = "Wikipedia:Reliable sources/Perennial sources"

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, first: date, last: date) -> bool:
        """Whether the period holds for all of ``first`` to ``last``."""
        return (self.start is None or self.start <= first) and (self.end is None or last < self.end)

    def meets(self, first: date, last: date) -> bool:
        """Whether the period holds for some of ``first`` to ``last``."""
        return (self.start is None or self.start <= last) and (self.end is None or first < self.end)


class Ratings(NamedTuple):
    """A user's ratings by site, which replace the list's for that site: the unreliable-source rule's
    ``ratings`` option, a table of site to rating, or to a table (or list of tables) with ``rating`` and
    optionally ``from``, ``until`` (dates), ``name`` and ``topic``."""

    by_site: tuple[tuple[str, tuple[Rating, ...]], ...] = ()

    @classmethod
    def from_config(cls, value: object) -> Ratings:
        if not isinstance(value, Mapping):
            raise ValueError("must be a table of sites and their ratings")
        by_site = []
        for site, said in value.items():
            entries = said if isinstance(said, list) else [said]
            by_site.append((str(site), tuple(_user_rating(str(site), entry) for entry in entries)))
        return cls(tuple(by_site))


def _user_rating(site: str, entry: object) -> Rating:
    if isinstance(entry, str):
        entry = {"rating": entry}
    if not isinstance(entry, Mapping):
        raise ValueError(f"{site!r}: a rating is a word ({_CHOICES}) or a table with 'rating'")
    unknown = set(entry) - {"rating", "from", "until", "name", "topic"}
    if unknown:
        raise ValueError(f"{site!r}: unknown key {sorted(unknown)[0]!r}")
    status = _NAMES.get(str(entry.get("rating", "")).strip().lower())
    if status is None:
        raise ValueError(f"{site!r}: {entry.get('rating')!r} is not a rating ({_CHOICES})")
    start, end = _day(site, entry.get("from")), _day(site, entry.get("until"))
    period = None
    if start or end:
        period = f"{start.isoformat() if start else '…'} to {end.isoformat() if end else 'now'}"
    return Rating(
        name=str(entry.get("name") or site),
        status=status,
        start=start,
        end=end,
        period=period,
        topic=entry.get("topic"),  # type: ignore[arg-type]
        source="the configuration",
    )


def _day(site: str, value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{site!r}: {value!r} is not a date (YYYY-MM-DD)") from None


class ListInfo(NamedTuple):
    title: str
    attribution: str
    licence: str
    snapshot: str


@cache
def _shipped() -> tuple[ListInfo, tuple[tuple[str, Rating], ...]]:
    text = packaged_text(__package__, "data/reliability.json")
    data = json.loads(text)
    info = ListInfo(data["title"], data["attribution"], data["licence"], data["snapshot"])
    rows = []
    for name, status, sites, start, end, period, topic, shortcuts, blacklisted in data["sources"]:
        rating = Rating(
            name,
            status,
            date.fromisoformat(start) if start else None,
            date.fromisoformat(end) if end else None,
            period,
            topic,
            None,
            blacklisted,
        )
        rows.extend((site, rating._replace(shortcut=_shortcut_for(site, shortcuts))) for site in sites)
    return info, tuple(rows)


def _shortcut_for(site: str, shortcuts: list[str]) -> str | None:
    """The shortcut to name for ``site``: the one that spells the site ("WP:ARXIV" for arxiv.org in the row of
    every preprint server), else the row's first, its own ("WP:ACADREP" for researchgate.net, not the
    "WP:ZENODO" of another site in its row)."""
    host = site.split("/", 1)[0]
    spellings = {_letters(host), _letters(host.split(".", 1)[0])}
    spellings |= {"rsp" + spelling for spelling in spellings}  # the list's own prefix: "WP:RSPFACEBOOK"
    return next((s for s in shortcuts if _letters(s.removeprefix("WP:")) in spellings), next(iter(shortcuts), None))


def _letters(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def list_info() -> ListInfo:
    """The shipped list's title, attribution, licence and snapshot date."""
    return _shipped()[0]


@cache
def rating_table(ratings: Ratings | None = None) -> SiteTable[tuple[Rating, ...]]:
    """The ratings by site: the shipped list's, with ``ratings`` (a user's) in place of its for their sites."""
    by_site: dict[str, list[Rating]] = {}
    for site, rating in _shipped()[1]:
        by_site.setdefault(_site_key(site), []).append(rating)
    for site, user in ratings.by_site if ratings is not None else ():
        by_site[_site_key(site)] = list(user)
    return SiteTable((site, tuple(rows)) for site, rows in by_site.items())


def _site_key(site: str) -> str:
    host, path = split_site(site)
    return host + path


class Judgement(NamedTuple):
    """What the list says of one citation."""

    site: str  # as listed
    applies: tuple[Rating, ...]  # the general ratings that may hold at the citation's date, mildest first
    certain: bool  # one rating holds: the date (or the lack of a period) decides it
    others: tuple[Rating, ...]  # the site's ratings for other periods
    topics: tuple[Rating, ...]  # the site's ratings for a topic only

    @property
    def worst(self) -> Rating:
        return self.applies[-1]


def judge(
    table: SiteTable[tuple[Rating, ...]], url: str, when: Callable[[], tuple[date, date] | None]
) -> Judgement | None:
    """The ratings that hold for a citation of ``url``, or None when the site is not listed or only for a
    topic. ``when`` gives the citation's date (the first and last day it may be), asked only when a rating
    depends on it. Where one period's rating and another's both may hold (no date, or a date that spans the
    change), both are given and the judgement is not certain."""
    found = table.lookup(url)
    if found is None:
        return None
    site, rows = found
    section = "/" in site  # a section's rating holds for the section, whatever its topic
    general = [r for r in rows if section or r.topic is None]
    topics = tuple(r for r in rows if not section and r.topic is not None)
    if not general:
        return None
    dated = [r for r in general if r.dated]
    undated = [r for r in general if not r.dated]
    if not dated:
        mildest = min(undated, key=_rank)  # two publications on one site: the benefit of the doubt
        return Judgement(site, (mildest,), True, (), topics)
    cited = when()
    if cited is None:  # whichever period the citation is from
        return Judgement(site, tuple(sorted(general, key=_rank)), False, (), topics)
    first, last = cited
    meeting = [r for r in dated if r.meets(first, last)]
    if not meeting:  # the date falls outside every period: the site's other ratings hold
        if not undated:
            return None
        return Judgement(site, (min(undated, key=_rank),), True, tuple(dated), topics)
    covered = any(r.covers(first, last) for r in meeting)
    applies = sorted(meeting + ([] if covered else undated), key=_rank)
    certain = covered and len({r.status for r in meeting}) == 1
    others = tuple(r for r in dated if r not in meeting)
    return Judgement(site, tuple(applies), certain, others, topics)


def _rank(rating: Rating) -> int:
    return ORDER.index(rating.status)
