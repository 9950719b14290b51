"""The reading order, and the context a date takes from what was read before it.

A reader fills in a date the way the narrative tells it:

- the year of a partial date ("On 9 October") is the one the narrative last
  gave: a heading that names a year, or a date that opens a sentence; a year
  mentioned in passing ("Skorzeny was tried in 1947") or in an aside does not
  move it;
- a relative date ("the next day", "two days later") counts from the last
  narrated event, never from a planned one, never from an aside, and never
  across a paragraph that is not narrative (one that does not open with a
  date); after "a few days later" nothing can be counted until a date is given;
- a partial date months before the last event is next year's ("26 December",
  then "2 January");
- a new top-level section is a new topic: its dates take nothing from the
  last one's narrative; until it gives a year, a partial date takes the one
  year that puts it within the subject's own dates (the infobox's);
- reading order is the narrative's: when a copy has reversed its paragraphs,
  the body is read bottom to top.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from ..document import BlockKind, Document, Span
from .clauses import Setting
from .dateforms import Form, impossible, read, step
from .dates import AS_WRITTEN, DateMention, Precision, day_text, show
from .gregorian import month_end

_ROLL_OVER = 120  # days a partial date may step back before it is read as next year's
_YEAR = 366
_SUBJECT_YEARS = 3  # a subject spanning more years leaves a partial date's year open
_NEAR = timedelta(days=183)  # how far before or after its subject's dates a partial date may fall
_HEADING_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)")
_WRITTEN_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")


def reading_order(doc: Document) -> list[int]:
    """Block indexes in the narrative's order: a reversed copy's body runs bottom to top."""
    order = list(range(len(doc.blocks)))
    if "reversed-paragraph-order" not in doc.notes:
        return order
    lead = [i for i in order if doc.blocks[i].section == 0]
    body = [i for i in order if doc.blocks[i].section != 0]
    return lead + body[::-1]


class _Year(NamedTuple):
    year: int
    how: str  # "year 2015 from line 316", "year 1851 from the heading “Protests: 1851–1854” (line 27)"


class Context:
    """What reading so far says about the dates to come."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.year: _Year | None = None
        self.anchor: DateMention | None = None  # the last narrated event, for "the next day"
        self.previous: DateMention | None = None  # the last narrated day, for the year's roll-over
        self.section: int | None = None
        self.subject: DateMention | None = None  # the infobox's date: the years the article's events fall in

    def enter(self, block: int, narrative: bool) -> None:
        """Start reading a block: a new section's heading may give the year; a paragraph that is not
        narrative ends what "the next day" could count from."""
        section = self.doc.blocks[block].section
        if section != self.section:
            sections = self.doc.sections
            if self.section is None or sections[section].path[:1] != sections[self.section].path[:1]:
                self.year = self.previous = None  # a new topic: the last one's narrative does not run on
            self.section = section
            self.year = self._heading_year(section) or self.year
        if not narrative:
            self.anchor = None

    def lose_track(self) -> None:
        """Time moved on by an amount nobody can count from ("a few days later")."""
        self.anchor = None

    def mention(self, kind: str, groups: re.Match[str], span: Span, block: int, where: Setting,
                text: str) -> DateMention | None:  # fmt: skip
        """The date a match names in ``text``, with its missing year or anchor filled in; None when
        context cannot fill it."""
        more = {"leading": where.leading, "event": not where.planned, "aside": where.aside,
                "upper_bound": where.upper_bound, "lower_bound": where.lower_bound}  # fmt: skip
        if kind == "relative":
            return self._relative(groups, span, block, more)
        year = self.year.year if self.year else None
        subject = ""
        try:
            form = read(kind, groups, year)
            if form is None and year is None:
                form, subject = self._within_subject(kind, groups)
        except ValueError as error:
            shown = " ".join(text[span.start : span.end].split())
            problem, how = impossible(shown, error), AS_WRITTEN
            if self.year and not _WRITTEN_YEAR.search(shown):
                problem, how = f"{problem} in {self.year.year} ({self.year.how})", self.year.how
            return DateMention(span, date(1, 1, 1), date(1, 1, 1), Precision.DAY, how, block,
                               problem=problem, **more)  # type: ignore[arg-type]  # fmt: skip
        if form is None:
            return None
        how = AS_WRITTEN if form.year_written else self._how() or subject
        if not form.year_written and self.year:
            form, how = self._roll_over(form, how)
        problem = form.problem if form.year_written or not form.problem else f"{form.problem} ({how})"
        return DateMention(span, form.first, form.last, form.precision, how, block, form.ongoing, form.is_range,
                           problem=problem, **more)  # type: ignore[arg-type]  # fmt: skip

    def after(self, mention: DateMention) -> None:
        """What a date read tells of the dates after it."""
        block = self.doc.blocks[mention.block]
        if block.kind is BlockKind.INFOBOX_FIELD and (block.label or "").casefold() == "date":
            if self.subject is None and mention.explicit and not mention.problem and not mention.ongoing:
                self.subject = mention
            return
        if not mention.narrated:
            return  # a planned date, an aside or an impossible one moves nothing
        if mention.leading and not mention.resolved.startswith("year "):
            year = mention.last.year
            self.year = _Year(year, f"year {year} from line {self.doc.line_col(mention.span.start)[0]}")
        elif mention.leading and "the one after" in mention.resolved:
            self.year = _Year(mention.last.year, mention.resolved)
        self.anchor = None if mention.lower_bound else mention  # "after 21 December" is no day to count from
        if mention.precision is Precision.DAY:
            self.previous = mention

    def _how(self) -> str:
        return self.year.how if self.year else ""

    def _heading_year(self, section: int) -> _Year | None:
        """The year a heading names, its own or its parent's: "Protests on the Goldfields: 1851–1854"."""
        sections = self.doc.sections
        for title in (sections[section].title, *reversed(sections[section].path[:-1])):
            found = _HEADING_YEAR.search(title)
            if found:
                heading = sections[section].heading
                where = f" (line {self.doc.line_col(heading.start)[0]})" if heading else ""
                return _Year(int(found.group(0)), f"year {found.group(0)} from the heading “{title}”{where}")
        return None

    def _within_subject(self, kind: str, groups: re.Match[str]) -> tuple[Form | None, str]:
        """A partial date's year when only one year puts it within half a year of the subject's dates
        ("17 December" in a battle of 16 December 1944 – 25 January 1945), and how that was found."""
        subject = self.subject
        if subject is None or subject.last.year - subject.first.year > _SUBJECT_YEARS:
            return None, ""
        fits = []
        for year in range(subject.first.year, subject.last.year + 1):
            try:
                form = read(kind, groups, year)
            except ValueError:
                continue
            if form is not None and subject.first - _NEAR <= form.first and form.last <= subject.last + _NEAR:
                fits.append(form)
        if len(fits) != 1:
            return None, ""
        line = self.doc.line_col(subject.span.start)[0]
        return fits[0], f"year {fits[0].first.year} from the infobox's dates, {show(subject)} (line {line})"

    def _roll_over(self, form: Form, how: str) -> tuple[Form, str]:
        """A partial date that would step months back from the last event is in the next year:
        "26 December" (2016) and then "2 January" is 2 January 2017."""
        previous = self.previous
        if previous is None or not _ROLL_OVER < (previous.first - form.last).days <= _YEAR:
            return form, how
        try:
            first, last = form.first.replace(year=form.first.year + 1), form.last.replace(year=form.last.year + 1)
        except ValueError:  # 29 February
            return form, how
        line = self.doc.line_col(previous.span.start)[0]
        how = f"year {first.year}, the one after {day_text(previous.first)} (line {line})"
        return form._replace(first=first, last=last), how

    def _relative(self, groups: re.Match[str], span: Span, block: int, more: dict[str, bool]
                  ) -> DateMention | None:  # fmt: skip
        anchor = self.anchor
        if anchor is None or anchor.precision is not Precision.DAY:
            return None
        found = step(groups)
        base = anchor.first if found.backward or not anchor.is_range else anchor.last
        try:
            day = base - found.delta if found.backward else base + found.delta
        except (OverflowError, ValueError):  # past the calendar's years 1 to 9999
            return None
        first, last = day, day
        if found.precision is Precision.MONTH:
            first, last = date(day.year, day.month, 1), month_end(day.year, day.month)
        elif found.precision is Precision.YEAR:
            first, last = date(day.year, 1, 1), date(day.year, 12, 31)
        line = self.doc.line_col(anchor.span.start)[0]
        how = f"{found.phrase} from {day_text(base)} (line {line})"
        return DateMention(span, first, last, found.precision, how, block, **more)  # type: ignore[arg-type]
