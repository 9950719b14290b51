"""Report citations of sources that Wikipedia's editors rate deprecated, unreliable or without consensus.

## What it does
Looks up each cited address (or the original of its archive link) in a table
derived from Wikipedia:Reliable sources/Perennial sources, which rates some 500
sources by the sites they publish on; a section of a site (a newspaper's
politics pages) is matched before the site. A citation of a deprecated or a
generally unreliable source is a warning, of one without consensus (or only
marginally reliable) an info.

A rating that holds for a period only (CNET was generally reliable before
October 2020, is generally unreliable since November 2022; Lenta.ru is
deprecated from 12 March 2014) is applied by the citation's date: its
publication date, else its access date; for a citation that gives neither as
a field (a link followed by prose), the one date its words give, the source's
own before a retrieval date. The message says which. A citation
with no date, or one whose date spans the change, gets an info naming the
ratings it could fall under. A rating limited to a topic (Fox News on politics
and science) is named in the message of the site's general rating, never
applied on its own: the rule cannot tell a citation's topic.

## Why it matters
Editors settled these ratings in long discussions; a citation of a deprecated
source usually means a claim that needs a better one, and readers cannot see a
source's reputation from its name. The user scripts that colour such citations
work only in a browser on a wiki page, and cannot tell a citation from before a
source's decline from one after it.

## Example
```wikitext
The minister resigned on 3 May 2014.<ref>{{cite web |url=https://www.dailymail.co.uk/news/article-1/minister.html
 |title=Minister quits |work=Daily Mail |date=4 May 2014}}</ref>
```

## Use instead
```wikitext
The minister resigned on 3 May 2014.<ref>{{cite web |url=https://www.theguardian.com/politics/2014/may/04/minister
 |title=Minister quits |work=The Guardian |date=4 May 2014}}</ref>
```

## Options
- `ratings`: ratings of your own, by site, which replace the shipped ones for
  that site (a host such as `"example-news.com"`, which covers its subdomains,
  or a section such as `"example.com/opinion"`). A rating is one of `reliable`,
  `no-consensus`, `marginal`, `unreliable`, `deprecated`, or a table with
  `rating` and optionally `from` and `until` (dates; `until` is the first day
  it no longer holds), `name` and `topic`; a list of tables rates periods:
  `"news.example" = [{ rating = "reliable", until = 2020-10-01 }, { rating =
  "unreliable", from = 2020-10-01 }]`.

## Limits
Only listed sites are rated, as the snapshot shipped rated them (19 April 2026;
each finding's evidence names it); a source the list rates by name but not by
site is not matched, nor a date written only in a cited address. Wikipedia and its copies are
`circular-source`'s to report, not this rule's. Ratings summarise discussions
about typical use: a generally unreliable source can be fine for a statement
about itself, and a platform's rating (YouTube, X, Facebook) is about what its
users post: a report that cites a news agency's uploaded video as evidence gets
a finding too, which `ratings` can change for such documents. The list is CC
BY-SA 4.0, by Wikipedia contributors (Wikipedia:Reliable sources/Perennial
sources).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from ..document import Document, Reference
from ..extract.dates import show
from ..extract.facts import Facts
from ..extract.mirrors import known_copies
from ..extract.reliability import ORDER, WORDS, Judgement, Rating, Ratings, judge, list_info, rating_table
from ..extract.timeline import written_date
from ..severity import Severity
from ..urls import parse_archive_link
from .base import Hit
from .cited_source import on_reference, reference_name

CODE = "SRC007"
NAME = "unreliable-source"
SUMMARY = "A citation of a source that Wikipedia's editors rate deprecated, unreliable or without consensus"


@dataclass(frozen=True)
class Options:
    """The rule's options."""

    ratings: Ratings = field(default_factory=Ratings)


def check(doc: Document, facts: Facts, options: Options) -> Iterator[Hit]:
    table = None  # read on first use: most copies give no address
    for reference in doc.references:
        url = reference.fields.url or _original(reference.fields.archive_url)
        if not url:
            continue
        if table is None:
            table = rating_table(options.ratings)
        judged = judge(table, url, partial(_interval, facts, reference))  # the date, if a rating depends on it
        if judged is None or judged.worst.status == "gr" or known_copies().cited_by(reference) is not None:
            continue
        by_date = any(r.dated for r in (*judged.applies, *judged.others))
        when, basis = _cited_date(facts, reference) if by_date else (None, "none")
        yield _hit(doc, reference, judged, when, basis)


def _hit(
    doc: Document, reference: Reference, judged: Judgement, when: tuple[date, date, str] | None, basis: str
) -> Hit:
    worst = judged.worst
    cites = f"{reference_name(reference)} cites {worst.name} ({judged.site})"
    if judged.certain:
        said = f"{cites}, which {_by(worst)} rates {_rating(worst)}"
        if worst.dated and when is not None:
            said += f"; the citation is dated {when[2]} ({_BASES[basis]})"
        severity = Severity.INFO if worst.status in ("nc", "m") else None
    else:
        ratings = "; ".join(_rating(r) for r in judged.applies)
        said = f"{cites}, whose rating by {_by(worst)} depends on the date: {ratings}"
        said += (
            f"; the citation's date, {when[2]} ({_BASES[basis]}), spans the change"
            if when is not None
            else "; the citation gives no date to tell which holds"
        )
        severity = Severity.INFO
    if judged.others:
        said += "; in other periods " + ", ".join(_rating(r, shortcut=False) for r in judged.others)
    worse = [r for r in judged.topics if ORDER.index(r.status) > ORDER.index(worst.status)]
    if worse:
        said += "; " + "; ".join(f"for {r.topic}, {WORDS[r.status]}" for r in worse)
    info = list_info()
    hit = on_reference(
        doc,
        reference,
        said,
        "unreliable-source",
        url=reference.fields.url,
        source=worst.name,
        site=judged.site,
        rating=WORDS[worst.status],
        ratings=[WORDS[r.status] for r in judged.applies],
        cited_on=None if when is None else when[2],
        cited_basis=basis,
        rated_by=worst.source if worst.source != info.title else f"{info.title} ({info.snapshot}), {info.licence}",
    )
    return hit if severity is None else replace(hit, severity=severity)


# How a message says where the citation's date comes from.
_BASES = {
    "publication date": "its publication date",
    "access date": "its access date",
    "written date": "the date its text gives",
    "retrieval date": "the retrieval date its text gives",
}


def _by(rating: Rating) -> str:
    return "Wikipedia's list of perennial sources" if rating.source == list_info().title else rating.source


def _rating(rating: Rating, shortcut: bool = True) -> str:
    """ "generally unreliable (November 2022–present; WP:CNET)"."""
    details = [rating.period] if rating.period else []
    if shortcut and rating.shortcut:
        details.append(rating.shortcut)
    if rating.blacklisted:
        details.append("on the spam blacklist")
    return WORDS[rating.status] + (f" ({'; '.join(details)})" if details else "")


def _cited_date(facts: Facts, reference: Reference) -> tuple[tuple[date, date, str] | None, str]:
    """The citation's date as an interval and as written: its publication date, else its access date; for a
    citation without those fields (a link and prose), the one date its words give, the source's before a
    retrieval date."""
    found = facts.reference_dates.get(reference.key)
    if found is not None:
        for mention, basis in ((found.published, "publication date"), (found.accessed, "access date")):
            if mention is not None and not mention.problem:
                return (mention.first, mention.last, show(mention)), basis
    if found is None or (found.published is None and found.accessed is None):
        written = written_date(reference.text)
        if written is not None:
            mention, retrieved = written
            return (mention.first, mention.last, show(mention)), "retrieval date" if retrieved else "written date"
    return None, "none"


def _interval(facts: Facts, reference: Reference) -> tuple[date, date] | None:
    cited = _cited_date(facts, reference)[0]
    return None if cited is None else cited[:2]


def _original(archive_url: str | None) -> str | None:
    link = parse_archive_link(archive_url) if archive_url else None
    return None if link is None else link.original
