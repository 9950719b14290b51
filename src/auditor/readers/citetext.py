"""Parse the text of a rendered citation into title, publisher, date and URLs.

Two shapes cover the copies we read: CS1's ``Author (date). "Title". Work.
Retrieved date.`` and a news headline followed by its outlet and date, as in
``Report: Jihadi group captures Syrian border town The Washington Post 2014-07-01``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..document import ReferenceFields

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?"
DATE = (
    rf"(?=[0-9A-Z])(?:(?:{_WEEKDAY}\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"  # Thu Jul 3, 2014 / July 4, 2014
    rf"|(?:{_WEEKDAY}\s+)?\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"  # 2 February 2014 / Sunday, 2 February 2014
    r"|\d{4}-\d{2}-\d{2}"  # 2014-07-01
    rf"|{_MONTH}\s+\d{{4}}"  # August 2012
    r")"
)
_LONGEST_DATE = 40  # "Wednesday September 30, 2014" and its separators
_TRAILING_DATE = re.compile(rf"[\s,.;]*(?P<date>{DATE})[\s.]*$")
_URL = re.compile(r"https?://[^\s<>\"\]]+")
_FIRST_PART_END = re.compile(r"\.\s|,\s")  # the publisher is what follows the title up to here
_QUOTED_TITLE = re.compile(r"[\"“](?P<title>[^\"”]{3,}?)[\"”]")


# Compiled on first use (start-up): many documents have no such notes, and the case-blind dates cost most.
# NOTE: each opens with its word, which the engine finds fast; the separator before it goes with the note
# too (``_separated``): a pattern opening with "\s*" is tried in full at every position, three times slower.
@cache
def _retrieved() -> re.Pattern[str]:
    return re.compile(rf"Retrieved\s+(?:on\s+)?(?P<date>{DATE})\.?", re.I)


@cache
def _archived() -> re.Pattern[str]:
    # Copies write "the_original" for a link's text, with an underscore for the space.
    return re.compile(rf"Archived\s+from\s+the[\s_]+original\s+(?:\S+\s+)?on\s+(?P<date>{DATE})\.?", re.I)


def _separated(text: str, start: int) -> int:
    """Where the separator before ``start`` begins: any spaces, one full stop, any spaces, as the patterns
    took them when they opened with it."""
    start = len(text[:start].rstrip())
    if start and text[start - 1] == ".":
        start = len(text[: start - 1].rstrip())
    return start


@cache
def _paren_date() -> re.Pattern[str]:
    return re.compile(rf"\((?P<date>{DATE}|\d{{4}})\)")


_NO_FIELDS = ReferenceFields()  # an empty entry's: the fields are frozen, one serves every entry
_LOWER_WORD = re.compile(r"(?:^|\s)[-(]*[a-z][\w'’-]*[:,]?(?=\s)")


def parse_reference_text(text: str) -> ReferenceFields:
    """Best-effort fields of a citation's text; absent fields stay None."""
    if not text:
        return _NO_FIELDS
    url = archive_url = None
    rest = text
    if "http" in text and (urls := _URL.findall(text)):
        url = next((u for u in urls if "web.archive.org" not in u), None)
        archive_url = next((u for u in urls if "web.archive.org" in u), None)
        rest = _URL.sub(" ", text)

    access_date = None
    if "etrieved" in rest and (match := _retrieved().search(rest)):
        access_date = match.group("date")
        rest = rest[: _separated(rest, match.start())] + rest[match.end() :]
    archive_date = None
    if "rchived" in rest and (match := _archived().search(rest)):
        archive_date = match.group("date")
        rest = rest[: _separated(rest, match.start())] + rest[match.end() :]

    if ('"' in rest or "“" in rest) and (quoted := _QUOTED_TITLE.search(rest)):
        fields = _cs1_fields(rest, quoted, url, archive_url, access_date)
    else:
        fields = _headline_fields(rest, url, archive_url, access_date)
    return replace(fields, archive_date=archive_date) if archive_date else fields


def _cs1_fields(
    rest: str, quoted: re.Match[str], url: str | None, archive_url: str | None, access_date: str | None
) -> ReferenceFields:
    date = None
    if match := _paren_date().search(rest, 0, quoted.start()):
        date = match.group("date")
    after = rest[quoted.end() :].strip(" .,")
    publisher = None
    if after:
        first = _FIRST_PART_END.split(after, maxsplit=1)[0].strip(" .,")
        if match := trailing_date(first):
            date = date or match.group("date")
            first = first[: match.start()].strip(" .,")
        publisher = first or None
    if date is None and (match := trailing_date(after)):
        date = match.group("date")
    return ReferenceFields(
        title=_clean(quoted.group("title")),
        publisher=_clean(publisher),
        date=date,
        url=url,
        archive_url=archive_url,
        access_date=access_date,
    )


def _headline_fields(rest: str, url: str | None, archive_url: str | None, access_date: str | None) -> ReferenceFields:
    rest = rest.strip()
    date = None
    publisher = None
    if "(" in rest and (match := _paren_date().search(rest)):
        # "Staff (5 April 2011) Title ...": an author and date before the title.
        date = match.group("date")
        rest = rest[match.end() :].strip()
    elif match := trailing_date(rest):
        date = match.group("date")
        rest = rest[: match.start()].rstrip(" ,.;")
        # With a date, the outlet is the run of capitalised words after the
        # headline's last lowercase word: "... border town The Washington Post".
        lowers = list(_LOWER_WORD.finditer(rest))
        if lowers:
            cut = lowers[-1].end()
            tail = rest[cut:].strip(" ,")
            if tail and len(tail.split()) <= 5:
                publisher = tail
                rest = rest[:cut]
    return ReferenceFields(
        title=_clean(rest),
        publisher=_clean(publisher),
        date=date,
        url=url,
        archive_url=archive_url,
        access_date=access_date,
    )


def trailing_date(text: str) -> re.Match[str] | None:
    """A date that ends ``text``; only its tail is searched, dates being short."""
    end = len(text)
    while end and (text[end - 1] == "." or text[end - 1].isspace()):  # what "[\s.]*$" takes
        end -= 1
    if not (end and text[end - 1].isdecimal()):
        return None  # every date ends in a digit, and a title or publisher seldom does: no search needed
    return _TRAILING_DATE.search(text, max(0, len(text) - _LONGEST_DATE))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.replace("_", " ").split()).strip(" ,;")
    return value or None
