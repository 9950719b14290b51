"""What a citation's fields say of it, read as MediaWiki's citation templates check them (Help:CS1 errors).

Pure functions of one reference or one value: a bare address standing for the
source, a title that is a placeholder rather than the work's, an archive link
without the address it copies, and Wayback addresses that open no capture.

NOTE: the patterns are strings that ``re`` compiles on first use and keeps: compiling them when the module
is imported cost every run a few milliseconds, most of which need few of them.
"""

from __future__ import annotations

import re
from datetime import date

from ..document import Reference

_URL = r"(?i)(?:https?:)?//[^\s<>\"\]|)]+|www\.[^\s<>\"\]|)]+"
# The words a rendered citation adds around a bare link: they name no source.
_FRAME = frozenset(
    """retrieved accessed archived from the original on at wayback machine web archive dead link pdf html
    jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october
    nov november dec december""".split()
)
_WORD = r"[^\W\d_]+"


def is_bare_url(reference: Reference) -> bool:
    """A reference that names its source by an address alone: no title, work or words but the address and
    what a citation adds around one (a retrieval or archive date)."""
    text = reference.text
    if not text or not (reference.fields.url or reference.fields.archive_url) or reference.fields.title:
        return False
    rest = re.sub(_URL, " ", text)
    if reference.span.end == 0:  # a link in the text: bare when its text is its address, not a number or a name
        return not rest.strip()
    return all(word.lower() in _FRAME for word in re.findall(_WORD, rest))


# Titles that are not a work's title: CS1's generic titles, tools' placeholders and bots' markers.
_PLACEHOLDERS = frozenset(
    """archived copy|google books|usurped title|title|no title|untitled|unknown|wayback machine
    |internet archive wayback machine|404|404 not found|not found|page not found|error|account suspended
    |are you a robot?|subscribe to read|log into facebook|login • instagram|redirecting...|webcite query result
    |wikiwix's cache|website is for sale|domain for sale|index of""".split("|")
)
_PLACEHOLDER_PATTERN = r"(?i)\{\{?\s*[\w .-]*\}\}?|%\w+%|\$\{\w+\}|<\s*title\s*>|\[\s*title\s*\]"
_CONTAINS = r"are you a robot|hugedomains\.com|website is for sale|page not found"


def placeholder_title(title: str | None) -> bool:
    """A title that names no work: "Archived copy", "Google Books", "{title}", "usurped title"."""
    if not title:
        return False
    folded = " ".join(title.split()).strip(" .\"'“”‘’").lower()
    folded = folded.strip("()[]") if folded[:1] in "([" else folded
    if folded in _PLACEHOLDERS or re.fullmatch(_PLACEHOLDER_PATTERN, folded):
        return True
    return re.search(_CONTAINS, folded) is not None


# "Archived from the original on": the citation linked the original, though a copy may have lost the link.
_ARCHIVED_FROM = r"(?i)Archived\s+from\s+the[\s_]+original"
# What MediaWiki's citation templates write on a rendered page when |archive-url= comes without |url=.
_CS1_NO_URL = r"(?i)\|\s*archive-?url\s*=\s*requires\s*\|\s*url\s*="


def lacks_original(reference: Reference, from_markup: bool) -> bool:
    """An archive link given as the copy of an original the citation does not give. ``from_markup``: the
    fields come from the citation's markup (a template's parameters, a rendered page's links), where a missing
    address is missing; from a citation's text alone, a lone archive address is a capture cited as itself, and
    only the templates' own message tells."""
    fields = reference.fields
    if not fields.archive_url:
        return False
    if re.search(_CS1_NO_URL, reference.text):
        return True
    return from_markup and fields.url is None and not re.search(_ARCHIVED_FROM, reference.text)


_WAYBACK = r"(?i)^(?:https?:)?//(?P<host>(?:web\.|wayback\.|liveweb\.|www\.)?archive\.org)(?P<path>/.*)$"
_REPLAY = r"(?i)^/web/(?P<stamp>[^/]*?)(?P<flag>[a-z]{2}_)?/(?P<url>.+)$"
_FIRST_CAPTURES = 1996  # the Wayback Machine's first captures


def wayback_problem(url: str) -> tuple[str, str] | None:
    """What makes a Wayback Machine address open no single capture, as (kind, words); None when it does,
    and for addresses of other archives and of the Internet Archive's other collections."""
    match = re.match(_WAYBACK, url.strip()) if "archive.org" in url else None
    if match is None:
        return None
    path = match["path"]
    if re.match(r"^(?:/web)?/save/", path, re.I):
        return "save", "is a request to save a new capture, not a capture"
    if match["host"].lower().startswith("liveweb."):
        return "liveweb", "asks liveweb.archive.org, which fetches the page live rather than opening a capture"
    if not path.lower().startswith("/web/"):
        return None
    replay = re.match(_REPLAY, path)
    if replay is None or not replay["stamp"] or "://" in replay["stamp"] or replay["stamp"].startswith("http"):
        return "no-timestamp", "has no timestamp, so it opens whichever capture is newest"
    stamp = replay["stamp"]
    if "*" in stamp or "*" in replay["url"][-1:]:
        return "wildcard", f"has a wildcard ({stamp}/…), so it lists captures rather than opening one"
    if not stamp.isdigit():
        return "timestamp", f"has timestamp {stamp!r}, which is not 14 digits (YYYYMMDDhhmmss)"
    if len(stamp) != 14:
        return "timestamp", f"has timestamp {stamp}, {len(stamp)} digits rather than 14 (YYYYMMDDhhmmss)"
    if int(stamp[:4]) < _FIRST_CAPTURES:
        return "timestamp", f"has timestamp {stamp}, before the archive's first captures in {_FIRST_CAPTURES}"
    if _moment(stamp) is None:
        return "timestamp", f"has timestamp {stamp}, which is not a date and time"
    return None


def _moment(stamp: str) -> date | None:
    try:
        year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
        hour, minute, second = int(stamp[8:10]), int(stamp[10:12]), int(stamp[12:14])
        if hour > 23 or minute > 59 or second > 59:
            return None
        return date(year, month, day)
    except ValueError:
        return None
