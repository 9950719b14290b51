"""Dates as intervals, resolved in context: forms, partial and relative dates, durations, reference dates."""

from __future__ import annotations

from datetime import date

import pytest

from auditor.extract.dates import Precision, show
from auditor.extract.facts import Facts
from auditor.extract.timeline import written_date
from auditor.readers import read_mirror
from conftest import SEED, mirror


def _mentions(text: str):
    doc = mirror(text)
    return doc, Facts(doc).dates.mentions


@pytest.mark.parametrize(
    ("sentence", "written", "first", "last", "precision"),
    [
        ("On 2 January 2014, rebels attacked.", "2 January 2014", date(2014, 1, 2), date(2014, 1, 2), Precision.DAY),
        ("On January 2, 2014, rebels attacked.", "January 2, 2014", date(2014, 1, 2), date(2014, 1, 2), Precision.DAY),
        ("The report of 2014-07-01 said so.", "2014-07-01", date(2014, 7, 1), date(2014, 7, 1), Precision.DAY),
        ("It was published Thu Jul 3, 2014.", "Thu Jul 3, 2014", date(2014, 7, 3), date(2014, 7, 3), Precision.DAY),
        ("The alliance emerged on Sep 27, 2013.", "Sep 27, 2013", date(2013, 9, 27), date(2013, 9, 27), Precision.DAY),
        (
            "In the summer of 2014, ISIL advanced.",
            "the summer of 2014",
            date(2014, 6, 1),
            date(2014, 8, 31),
            Precision.SEASON,
        ),
        (
            "Between 27 and 29 April 2015, fighting raged.",
            "Between 27 and 29 April 2015",
            date(2015, 4, 27),
            date(2015, 4, 29),
            Precision.DAY,
        ),
        (
            "This took place between 18–23 September 2013.",
            "18–23 September 2013",
            date(2013, 9, 18),
            date(2013, 9, 23),
            Precision.DAY,
        ),
        (
            "The siege ran 17 September – 7 October 1620.",
            "17 September – 7 October 1620",
            date(1620, 9, 17),
            date(1620, 10, 7),
            Precision.DAY,
        ),
        ("In May 2014, ISIL launched an offensive.", "May 2014", date(2014, 5, 1), date(2014, 5, 31), Precision.MONTH),
        ("In 2015, most of the fighting moved south.", "In 2015", date(2015, 1, 1), date(2015, 12, 31), Precision.YEAR),
    ],
)
def test_explicit_forms(sentence, written, first, last, precision):
    doc, mentions = _mentions(sentence)
    assert len(mentions) == 1, [doc.slice(m.span) for m in mentions]
    mention = mentions[0]
    assert doc.slice(mention.span).endswith(written.split("In ")[-1])
    assert (mention.first, mention.last, mention.precision, mention.explicit) == (first, last, precision, True)


def test_open_range_and_its_duration():
    doc, mentions = _mentions(
        "Date 2 January 2014 – ongoing\u00a0(2\u00a0years, 2\u00a0weeks and 5\u00a0days) is the span."
    )
    assert mentions[0].ongoing and mentions[0].first == date(2014, 1, 2)
    as_of = Facts(doc).dates.as_of
    assert as_of is not None and as_of[0] == date(2016, 1, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 3 May 2014, rebels attacked.[1] On 9 October, they withdrew.[2]", ["3 May 2014", "9 October 2014"]),
        ("On 3 May 2014, rebels attacked.[1] By late May, they withdrew.[2]", ["3 May 2014", "May 2014"]),
        ("On 3 May 2014, rebels attacked.[1] In early April, they withdrew.[2]", ["3 May 2014", "April 2014"]),
        ("On 3 May 2014, rebels attacked.[1] The next day, they withdrew.[2]", ["3 May 2014", "4 May 2014"]),
        ("On 3 May 2014, rebels attacked.[1] Two days later, they withdrew.[2]", ["3 May 2014", "5 May 2014"]),
        ("On 3 May 2014, rebels attacked.[1] One week later, they withdrew.[2]", ["3 May 2014", "10 May 2014"]),
        ("On 3 May 2014, rebels attacked.[1] The day before, they had withdrawn.[2]", ["3 May 2014", "2 May 2014"]),
        # A partial date that would step months back is next year's: 26 December, then 2 January.
        (
            "On 26 December 2016, Turkish jets struck.[1] Between 2 and 3 January, they struck again.[2]",
            ["26 December 2016", "2 January 2017 – 3 January 2017"],
        ),
        # A date looking back inside a sentence does not move the narrative's year.
        (
            "On 6 January 2014, a photographer kidnapped since December 2013 was freed.[1] On 7 January, more.[2]",
            ["6 January 2014", "December 2013", "7 January 2014"],
        ),
    ],
)
def test_partial_and_relative_dates_resolve_in_context(text, expected):
    _, mentions = _mentions(text)
    assert [show(m) for m in mentions] == expected
    assert not mentions[-1].explicit and "line" in mentions[-1].resolved


def test_a_date_that_does_not_exist_or_a_wrong_weekday_is_kept_with_its_problem():
    _, mentions = _mentions("It was signed on 31 February 2014.[1] It was published Fri Jul 3, 2014.[2]")
    assert "does not exist" in mentions[0].problem
    assert mentions[1].problem == "3 July 2014 was a Thursday, not a Fri"


def test_no_date_is_found_in_figures_or_identifiers():
    _, mentions = _mentions("Rebels lost 2,014 fighters and 30 tanks near Route 2015 on the M4.[1]")
    assert mentions == ()


SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fragment", "resolved"),
    [
        # The 2015 sections: their partial dates take 2015 from the narrative, read in its own order.
        ("On 9 October, ISIL captured five villages", "9 October 2015"),
        ("On 8 September, it was reported that the rebels", "8 September 2015"),
        ("On 5 September, ISIL pushed into Marea", "5 September 2015"),
        ("On 27 August, ISIL launched a major offensive on the opposition bastion", "27 August 2015"),
        ("On 9 August, ISIL captured the village of Umma Housh", "9 August 2015"),
        ("On 30 July, seven Nusra fighters", "30 July 2015"),
        ("On 31 May, ISIL seized the town of Sawran", "31 May 2015"),
        ("In early April, ISIL bolstered its forces", "April 2015"),
        ("On 22 April, ISIL captured wide parts", "22 April 2015"),
        ("On 12 April, Jaysh al-Islam", "12 April 2015"),
        # The 2014 sections, including after a date that looks back to 2013.
        ("On 7 January, it was confirmed that 34 foreign", "7 January 2014"),
        ("On 13 August, it was reported that IS seized", "13 August 2014"),
        ("On 4 April, Al-Qaeda chief Ayman al-Zawahri", "4 April 2014"),
        ("On 1 July, clashes erupted between Jaysh al-Islam", "1 July 2014"),
    ],
)
def test_seed_year_inference(fragment, resolved):
    doc = read_mirror(str(SEED), SEED_TEXT)
    offset = SEED_TEXT.index(fragment)
    mention = min((m for m in Facts(doc).dates.mentions if m.span.start >= offset), key=lambda m: m.span.start)
    assert mention.span.start < offset + len(fragment)
    assert show(mention) == resolved, mention.resolved


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Humane Afghan City? by Ann Marlowe in Forbes 2 September 2009.", ("2 September 2009", False)),
        ('Kerry A. Dolan (23 January 2013). "Isabel". Forbes. Retrieved 24 January 2013.', ("23 January 2013", False)),
        ("Phone review, CNET. Retrieved 3 January 2023.", ("3 January 2023", True)),
        ("Sept. 5, 2013, News Example", ("5 September 2013", False)),
        ("Town falls. http://news.example/2009/04/23/fall 20120117160122", None),  # the address's date is not read
        ("Phone review, 5 March 2020, updated 5 March 2023.", None),  # two of one kind: neither is the date
        ("Population in 2014 was 3,000.", None),  # a lone year is not a citation's date
    ],
)
def test_the_date_a_references_words_give(text, expected):
    found = written_date(text)
    assert (None if found is None else (show(found[0]), found[1])) == expected


def test_reference_dates_are_read_only_when_looked_up(monkeypatch):
    from auditor.extract import timeline

    doc = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
    eager = {ref.key: timeline._reference_dates(doc, ref) for ref in doc.references if timeline._dated(ref)}
    read: list[str] = []
    original = timeline._reference_dates
    monkeypatch.setattr(timeline, "_reference_dates", lambda d, ref: read.append(ref.key) or original(d, ref))
    dates = Facts(doc).dates
    assert read == []  # extracting the text's dates reads no reference's
    key = next(iter(eager))
    assert dates.references.get(key) == eager[key]
    assert dates.references.get(key) == eager[key]
    assert read == [key]  # once, however often a rule asks
    assert dates.references.get("no such key") is None
    assert dict(dates.references) == eager  # the same keys and dates as reading them all at once
    assert len(dates.references) == len(eager) > 1
