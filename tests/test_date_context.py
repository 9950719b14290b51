"""How dates are tied to their context: reference fields, years, anchors, tense, asides, durations, claims."""

from __future__ import annotations

import re
from datetime import date

import pytest

from auditor.extract import dateforms
from auditor.extract.claimdates import claim_date
from auditor.extract.dateforms import read_field
from auditor.extract.dates import Precision, show
from auditor.extract.facts import Facts
from conftest import markdown, mirror, wikitext


def _shown(doc) -> list[str]:
    return [show(m) for m in Facts(doc).dates.mentions]


def _mention(doc, written: str):
    offset = doc.text.index(written)
    return next(m for m in Facts(doc).dates.mentions if m.span.start == offset)


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2014-07-01", date(2014, 7, 1), date(2014, 7, 1), Precision.DAY),
        ("2014-07-01T12:30:00Z", date(2014, 7, 1), date(2014, 7, 1), Precision.DAY),
        ("Sep 27, 2013", date(2013, 9, 27), date(2013, 9, 27), Precision.DAY),
        ("Sept. 5, 2013", date(2013, 9, 5), date(2013, 9, 5), Precision.DAY),
        ("Fri Jul 4, 2014", date(2014, 7, 4), date(2014, 7, 4), Precision.DAY),
        ("Friday, 4 July 2014", date(2014, 7, 4), date(2014, 7, 4), Precision.DAY),
        ("May 2014", date(2014, 5, 1), date(2014, 5, 31), Precision.MONTH),
        ("2014-07", date(2014, 7, 1), date(2014, 7, 31), Precision.MONTH),
        ("July–September 2002", date(2002, 7, 1), date(2002, 9, 30), Precision.MONTH),
        ("Summer 1972", date(1972, 6, 1), date(1972, 8, 31), Precision.SEASON),
        ("2014", date(2014, 1, 1), date(2014, 12, 31), Precision.YEAR),
        ("1999–2002", date(1999, 1, 1), date(2002, 12, 31), Precision.YEAR),
    ],
)
def test_reference_fields_read_through_the_texts_forms(value, first, last, precision):
    found = read_field(value)
    assert found is not None and found.problem is None and found.form is not None
    assert (found.form.first, found.form.last, found.form.precision) == (first, last, precision)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("31 April 2014", "31 April 2014 does not exist (day is out of range for month)"),
        ("Thu Jul 4, 2014", "4 July 2014 was a Friday, not a Thu"),
        ("2014-02-30", "2014-02-30 does not exist (day is out of range for month)"),
        ("2002–1999", "2002–1999 does not exist (the span of years runs backwards, 2002 to 1999)"),
    ],
)
def test_a_reference_date_that_cannot_be_keeps_its_problem(value, problem):
    found = read_field(value)
    assert found is not None and found.problem == problem


@pytest.mark.parametrize("value", ["n.d.", "14", "forthcoming", "c. 1990s"])
def test_a_reference_field_that_is_no_date_is_ignored(value):
    assert read_field(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "28 June 2014", "June 28, 2014", "Thu Jul 3, 2014", "Sunday, 2 February 2014", "2014-07-01",
        "2014-07-01T12:30:00Z", "2014-07", "1990", "1990–1995", "June–July 2014", "June 2014", "Summer 1972",
        "early June 2014", "18–23 September 2013", "December 1–13, 1937", "Between 3 January and 28 June 2014",
        "17 September – 7 October 1620", "April 19, 1775 – September 3, 1783", "31 April 2014", "2002–1999",
        "3 July", "July 3", "Christmas Day 2014", "in 2014", "the next day", "n.d.", "Sept 2014", "Sep. 3, 2014",
    ],
)  # fmt: skip
def test_a_field_reads_as_one_pattern_of_the_field_and_full_forms_read_it(value):
    # The field's forms are tried before the text's full ones, as one alternation of them all did.
    forms = dateforms._FIELD_FORMS + [form for form in dateforms._TEXT_FORMS if form[0] in dateforms._FULL]
    whole = re.compile("|".join(f"(?P<k_{name}>{pattern})" for name, pattern in forms))
    found = read_field(value)
    match = whole.fullmatch(" ".join(value.split()).rstrip("."))
    if match is None:
        assert found is None
        return
    assert found is not None
    try:
        expected = dateforms.read(dateforms.kind_of(match), match, None)
    except ValueError:
        assert found.form is None and found.problem is not None
        return
    assert found.form == expected


def test_a_references_problem_is_placed_on_its_date():
    doc = wikitext("The talks failed.<ref>{{cite web |url=http://a.example |title=Talks |date=31 April 2014}}</ref>\n")
    published = Facts(doc).dates.references["#1"].published
    assert published is not None and doc.slice(published.span) == "31 April 2014"


def test_the_year_comes_from_a_heading():
    doc = wikitext("== Protests: 1851–1854 ==\nOn 26 August, a rally was held.<ref>A</ref>\n")
    mention = _mention(doc, "26 August")
    assert show(mention) == "26 August 1851"
    assert mention.resolved == "year 1851 from the heading “Protests: 1851–1854” (line 1)"


def test_a_year_in_passing_does_not_move_the_narratives_year():
    doc = mirror(
        "On 16 December 1944, the offensive began.[1] Skorzeny was tried in 1947.[2] On 22 December, it snowed.[3]"
    )
    assert _shown(doc) == ["16 December 1944", "1947", "22 December 1944"]


def test_a_dated_opening_that_looks_back_does_not_move_the_year():
    doc = mirror(
        "On 3 May 1944, troops massed.[1] In 1940 German forces had passed through the Ardennes.[2]"
        " On 5 May, they left.[3]"
    )
    assert _shown(doc)[-1] == "5 May 1944"


def test_a_new_top_level_section_takes_its_year_from_the_subjects_dates():
    doc = wikitext(
        "{{Infobox military conflict\n| date = 16 December 1944 – 25 January 1945\n}}\n"
        "== Planning ==\nIn 1940 German forces passed through the Ardennes.<ref>A</ref>\n"
        "== Assault ==\nOn 17 December, the Germans attacked.<ref>B</ref> On 12 January, they withdrew.<ref>C</ref>\n"
    )
    attack, withdrawal = _mention(doc, "17 December"), _mention(doc, "12 January")
    assert (show(attack), show(withdrawal)) == ("17 December 1944", "12 January 1945")
    assert "from the infobox's dates, 16 December 1944 – 25 January 1945" in attack.resolved


def test_a_new_top_level_section_does_not_inherit_the_last_ones_year():
    doc = wikitext(
        "== Demographics ==\nIn 1980, the census was held.<ref>A</ref>\n"
        "== Politics ==\nOn 7 November, a vote was held.<ref>B</ref>\n"
    )
    assert _shown(doc) == ["1980"]


def test_a_relative_date_glossed_by_a_date_is_that_date():
    doc = mirror("On 24 December 1944, they attacked.[1] The next day, 26 December, the corridor opened.[2]")
    assert _shown(doc) == ["24 December 1944", "26 December 1944"]


def test_time_that_moved_by_an_unknown_amount_leaves_nothing_to_count_from():
    doc = mirror(
        "On 20 October 2009, a run-off was called.[1] A few days later, Abdullah withdrew.[2] The next day, it ended."
    )
    assert _shown(doc) == ["20 October 2009"]


def test_a_date_after_after_is_no_day_to_count_from():
    doc = mirror(
        "On 21 December 1944, they arrived.[1] They moved on after 22 December, and on Christmas Eve they struck;"
        " the next day they rested.[2]"
    )
    assert _shown(doc) == ["21 December 1944", "22 December 1944", "24 December 1944", "25 December 1944"]


def test_a_partial_date_rolls_over_into_the_next_year_only():
    doc = mirror(
        "On 26 December 2016, jets struck.[1] On 2 January, they struck again.[2]"
        " On 20 December 2014, it was cold.[3] On 3 January, it snowed.[4]"
    )
    assert _shown(doc) == ["26 December 2016", "2 January 2017", "20 December 2014", "3 January 2015"]


@pytest.mark.parametrize(
    ("sentence", "written", "event", "aside", "upper"),
    [
        ("Abdullah said he would not take part in the vote on 7 May 2009.", "7 May 2009", False, False, False),
        ("The college is due to open in May 2017, with applications from May 2016.", "May 2016", False, False, False),
        ("The elections were scheduled for 20 August 2009.", "20 August 2009", False, False, False),
        ("On 3 July 2014, the offensive will begin.", "3 July 2014", False, False, False),
        ("On 3 May 2014, the government announced that elections would be held.", "3 May 2014", True, False, False),
        ("The commander, who died on 5 May 2016, led the assault.", "5 May 2016", True, True, False),
        ("The commander (born 3 May 1920) led the assault.", "3 May 1920", True, True, False),
        ("By 21 December 1944 the Germans had surrounded Bastogne.", "21 December 1944", True, False, True),
        ("ISIL captured the town on 3 July 2014.", "3 July 2014", True, False, False),
    ],
)
def test_where_a_date_stands_decides_what_it_dates(sentence, written, event, aside, upper):
    mention = _mention(mirror(sentence), written)
    assert (mention.event, mention.aside, mention.upper_bound) == (event, aside, upper)


def test_a_date_that_names_something_is_an_aside():
    mention = _mention(mirror("On 21 July 1944, after the 20 July plot failed, Hitler spoke.[1]"), "20 July")
    assert mention.aside and not mention.leading


_HEARING = 'On 19 June 2012, the committee held a hearing. Dr. Hitzman testified that "it is rare".'


@pytest.mark.parametrize(
    ("reader", "text"),
    [
        (mirror, f"{_HEARING}[1]\n\n  1. ^ Quakes Science 11 April 2012\n"),
        (markdown, f"# H\n\n{_HEARING}[^1]\n\n[^1]: Quakes. Science. 11 April 2012.\n"),
        (wikitext, f"{_HEARING}<ref>{{{{cite journal |title=Quakes |date=11 April 2012}}}}</ref>\n"),
    ],
)
def test_a_past_tense_sentence_goes_on_with_its_narratives_date(reader, text):
    doc = reader(text)
    tied = claim_date(doc, Facts(doc).dates, doc.markers[0])
    assert tied is not None and tied.inherited and show(tied.mention) == "19 June 2012"


@pytest.mark.parametrize(
    "follow_up",
    [
        "This project aims to turn the town into a hub.",  # present tense
        "The project had been planned for years.",  # past perfect: earlier
        "The cable will carry 40 terabits.",  # future
    ],
)
def test_a_sentence_out_of_the_narrated_past_takes_no_narrative_date(follow_up):
    doc = mirror(
        f"In October 2014, a cable was announced.[1] {follow_up}[2]\n\n  1. ^ A Reuters 2014\n  2. ^ B Reuters 2013\n"
    )
    assert claim_date(doc, Facts(doc).dates, doc.markers[1]) is None


def test_a_narrative_date_stays_in_its_paragraph():
    doc = mirror(
        "On 19 June 2012, rebels attacked the town.[1] They took the bridge.[2]\n\n"
        "They held the bridge.[3]\n\n  1. ^ A\n  2. ^ B\n  3. ^ C\n"
    )
    dates = Facts(doc).dates
    tied = [claim_date(doc, dates, m) for m in doc.markers]
    assert [show(t.mention) if t else None for t in tied] == ["19 June 2012", "19 June 2012", None]
    assert [t.inherited if t else None for t in tied] == [False, True, None]


def test_a_marker_cites_only_the_clause_it_closes():
    doc = mirror("ISIL took the town on 3 July 2014,[1] and rebels retook it on 9 July 2014.[2]\n\n  1. ^ A\n  2. ^ B")
    dates = Facts(doc).dates
    assert [show(claim_date(doc, dates, m).mention) for m in doc.markers] == ["3 July 2014", "9 July 2014"]


@pytest.mark.parametrize(
    ("text", "amount", "bound", "fits"),
    [
        ("The battle, fought over four days from 16 April until 19 April 1945, ended.", "four days", "at least", True),
        ("The siege lasted nearly three weeks, between 1 and 30 May 1945.", "three weeks", "at most", False),
        ("The siege lasted about two months, between 1 May and 28 June 1945.", "two months", "about", True),
        ("Four days of fighting between 3 and 6 May 1945 left the town in ruins.", "four days", "exact", True),
    ],
)
def test_a_prose_duration_measures_its_sentences_range(text, amount, bound, fits):
    (duration,) = Facts(mirror(text)).dates.durations
    measured = duration.measures
    assert (duration.amount, duration.bound) == (amount, bound)
    assert duration.fits(measured.first, measured.last) is fits


def test_a_prose_duration_of_the_subject_measures_the_infoboxs_range():
    doc = wikitext(
        "{{Infobox military conflict\n| date = 15 September – 27 November 1944\n}}\n"
        "The Battle of Peleliu was fought on an island.<ref>A</ref> The battle lasted more than two months.<ref>B</ref>"
        " The battle of the ridge lasted four days.<ref>C</ref>\n",
        path="Battle_of_Peleliu.wikitext",
    )
    (duration,) = Facts(doc).dates.durations
    assert duration.amount == "two months" and show(duration.measures) == "15 September 1944 – 27 November 1944"
