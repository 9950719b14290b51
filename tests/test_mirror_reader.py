"""The plain-text copy readers: structure, fields, and offsets that map back exactly."""

from __future__ import annotations

import pytest

from auditor.document import BlockKind, RegionKind
from auditor.readers import read_mirror
from auditor.readers.citetext import parse_reference_text, trailing_date
from auditor.readers.reflist import split_backlinks
from conftest import CORPUS, SEED, corpus_file, mirror

WRAPPED = """The following text has been accessed from https://en.wikipedia.org/wiki/Town at Thu Aug 8 23:01:16 IST 2019
Creative_Commons_Attribution-ShareAlike_License

****** Town ******
From Wikipedia, the free encyclopedia
Jump_to_navigation Jump_to_search
For the village, see Town_(village).
The town was founded in 1820 by settlers from the coast and grew quickly as a
market for the farms around it.[1] It has 4,000 inhabitants.
***** Contents *****
    * 1_History
***** History[edit] *****
Main article: Town_history
Rebels took the town in 2014 after a siege that lasted most of the summer and
cost many lives.[2]
[citation_needed]
   Year   Population
   1900   1,000
   2000   4,000[3]
    * The first mayor was elected in 1822.[1]
***** References[edit] *****
   1. ^ a b Smith, John (5 April 2011). "Town_history". The Daily News. Retrieved
      6 August 2013.
   2. ^ Rebels take the town Reuters 4 May 2014
   3. ^ Census of the town
Retrieved from "https://en.wikipedia.org/w/index.php?title=Town"
"""


def test_wrapped_copy_structure():
    doc = mirror(WRAPPED)
    assert doc.title == "Town"
    assert doc.provenance.source_url == "https://en.wikipedia.org/wiki/Town"
    assert doc.provenance.retrieved == "Thu Aug 8 23:01:16 IST 2019"
    assert doc.provenance.licence == "CC BY-SA"
    kinds = {r.kind for r in doc.regions}
    assert {RegionKind.HATNOTE, RegionKind.TABLE_OF_CONTENTS, RegionKind.NAVIGATION} <= kinds
    tables = [doc.slice(b.span) for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert tables == ["   Year   Population\n   1900   1,000\n   2000   4,000[3]"]
    assert [m.key for m in doc.markers] == ["1", "2", "3", "1"]  # a table's citations count too
    paragraphs = [doc.slice(b.span) for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0].startswith("The town was founded") and paragraphs[0].endswith("4,000 inhabitants.")
    # A hatnote is one wrapped run of lines, never the paragraph after it.
    assert paragraphs[1].startswith("Rebels took the town in 2014")
    # The tag on its own line belongs to the paragraph above it.
    assert paragraphs[1].endswith("cost many lives.[2]\n[citation_needed]")
    items = [doc.slice(b.span) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["The first mayor was elected in 1822.[1]"]
    assert [s.path for s in doc.sections if s.heading] == [("Contents",), ("History",), ("References",)]
    first = doc.references_by_key["1"]
    assert (first.backlinks, first.fields.title, first.fields.publisher) == (2, "Town history", "The Daily News")
    assert (first.fields.date, first.fields.access_date) == ("5 April 2011", "6 August 2013")
    assert [t.name for t in doc.tags] == ["citation needed"]


def test_every_span_maps_back_to_the_original_text():
    for doc in (mirror(WRAPPED), read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))):
        for marker in doc.markers:
            assert doc.slice(marker.span) == f"[{marker.key}]"
        for sentence in doc.sentences:
            text = doc.slice(sentence.span)
            assert text == text.strip() and text
            assert sentence.span.start <= sentence.content_end <= sentence.span.end
            assert doc.blocks[sentence.block].span.start <= sentence.span.start
            assert sentence.span.end <= doc.blocks[sentence.block].span.end
        for reference in doc.references:
            assert doc.slice(reference.span).lstrip().startswith(f"{reference.key}.")
            assert reference.span.start <= reference.content.start <= reference.content.end <= reference.span.end


def test_line_and_column_come_from_the_original_offsets():
    doc = mirror("First line.\r\nSecond line with a marker.[1]\n\n  1. ^ Source")
    marker = doc.markers[0]
    assert doc.line_col(marker.span.start) == (2, 27)
    assert doc.text.splitlines()[1][26:29] == "[1]"


def test_seed_infobox_fields_and_references():
    doc = read_mirror(str(SEED), SEED.read_text(encoding="utf-8"))
    assert doc.title == "Inter-rebel conflict during the Syrian Civil War"
    assert doc.provenance.publisher == "World Library"
    fields = [(b.label, doc.slice(b.span)) for b in doc.blocks if b.kind is BlockKind.INFOBOX_FIELD]
    assert fields[1] == ("Date", "Date 2 January 2014 – ongoing\n(2\xa0years, 2\xa0weeks and 5\xa0days)")
    assert ("Casualties and losses", "Total: 5,641–6,991 killed[35]") in fields
    assert {label for label, _ in fields} == {
        "Part of", "Date", "Location", "Result", "Belligerents", "Commanders and leaders", "Units involved",
        "Casualties and losses",
    }  # fmt: skip
    by_key = doc.references_by_key
    assert (by_key["35"].backlinks, by_key["35"].text) == (7, "")
    assert by_key["131"].fields.publisher == "The Washington Post"
    assert by_key["134"].fields.date == "Thu Jul 3, 2014"
    assert by_key["15"].fields.title == "Al-Qaeda fighters kill Syrian rebel leaders"


@pytest.mark.parametrize(
    ("text", "backlinks", "rest"),
    [
        ("^ a b c", 3, ""),
        ("^ a b Al-Qaeda fighters", 2, " Al-Qaeda fighters"),
        ("^ a b c d eStevens, Paul", 5, "Stevens, Paul"),
        ('^ a b"Will gas stay cheap"', 2, '"Will gas stay cheap"'),
        ('^"New way to tap gas"', 1, '"New way to tap gas"'),
        ("^ a study of rebels", 1, " a study of rebels"),
        (".mw-parser-output cite{}", None, ".mw-parser-output cite{}"),
    ],
)
def test_backlinks(text: str, backlinks: int | None, rest: str):
    entry = split_backlinks(text)
    assert entry.backlinks == backlinks
    assert text[entry.content_offset :] == rest


@pytest.mark.parametrize(
    ("text", "title", "publisher", "date"),
    [
        ("Al-Qaeda fighters kill Syrian rebel leaders Al-Jazeera, 2 February 2014",
         "Al-Qaeda fighters kill Syrian rebel leaders", "Al-Jazeera", "2 February 2014"),
        ("Report: Jihadi group captures Syrian border town The Washington Post 2014-07-01",
         "Report: Jihadi group captures Syrian border town", "The Washington Post", "2014-07-01"),
        ("Al Qaeda leaves east Syria strongholds to Islamic State -monitor Reuters Thu Jul 3, 2014",
         "Al Qaeda leaves east Syria strongholds to Islamic State -monitor", "Reuters", "Thu Jul 3, 2014"),
        ("The Islamic Alliance Emerges,, Sep 27, 2013", "The Islamic Alliance Emerges", None, "Sep 27, 2013"),
        ("Syrian rebels battle Islamic militants near Golan Heights",
         "Syrian rebels battle Islamic militants near Golan Heights", None, None),
    ],
)  # fmt: skip
def test_reference_text_fields(text: str, title: str, publisher: str | None, date: str | None):
    fields = parse_reference_text(text)
    assert (fields.title, fields.publisher, fields.date) == (title, publisher, date)


def test_reference_urls():
    fields = parse_reference_text(
        '"Town". Example News. https://example.org/a https://web.archive.org/web/2014/https://example.org/a'
    )
    assert fields.url == "https://example.org/a"
    assert fields.archive_url == "https://web.archive.org/web/2014/https://example.org/a"


@pytest.mark.parametrize(
    ("text", "date", "archived", "accessed"),
    [
        ('"Mapping_the_web_of_life". Unep.org. Archived from the_original on 25 July 2010. Retrieved 21 June 2009.',
         None, "25 July 2010", "21 June 2009"),
        ('"Climate_change_and_biodiversity" (PDF). IPCC. 2005. Archived from the_original (PDF) on 5 February 2018.'
         " Retrieved 12 June 2012.", None, "5 February 2018", "12 June 2012"),
    ],
)  # fmt: skip
def test_an_archive_date_is_not_a_publication_date(text: str, date: str | None, archived: str, accessed: str):
    fields = parse_reference_text(text)
    assert (fields.date, fields.archive_date, fields.access_date) == (date, archived, accessed)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Reuters 4 May 2014", "4 May 2014"),
        ("Reuters, May 4, 2014 . .\n", "May 4, 2014"),
        ("Reuters 2014-05-04.", "2014-05-04"),
        ("Reuters 4 May 2014a", None),
        ("The 2014 report", None),
        ("", None),
    ],
)
def test_a_trailing_date_ends_the_text_but_for_spaces_and_full_stops(text: str, date: str | None):
    match = trailing_date(text)
    assert (match and match.group("date")) == date


@pytest.mark.parametrize("note", ["Retrieved 5 May 2014", "Archived from the_original on 5 May 2014"])
def test_a_note_goes_with_the_full_stop_before_it(note: str):
    fields = parse_reference_text(f"Rebels take the town .  {note} Reuters 4 May 2014")
    assert (fields.title, fields.publisher, fields.date) == ("Rebels take the town", "Reuters", "4 May 2014")
    assert "5 May 2014" in (fields.access_date, fields.archive_date)


def test_stylesheet_only_entry_is_empty():
    entry = corpus_file("html/mirror_plaintext/Shale_gas.wikicopy.txt")
    doc = read_mirror(str(entry), entry.read_text(encoding="utf-8"))
    assert doc.references_by_key["2"].empty
    assert not doc.references_by_key["3"].empty
    assert doc.references_by_key["61"].text.endswith("SEC. 322. Hydraulic_fracturing. 6 February 2011")
    assert "322" not in doc.references_by_key


def test_corpus_dir_is_outside_the_project():
    assert not str(CORPUS).startswith(str(SEED.parents[1]) + "/")


def test_wrapped_copy_without_a_title_heading_is_still_read():
    doc = mirror(
        "Rebels took the town in 2014 after a long siege.[1]\n"
        "***** History[edit] *****\n"
        "The town was founded in 1820 by settlers from the coast.\n"
        "***** References[edit] *****\n"
        "   1. ^ Rebels take the town Reuters 4 May 2014\n"
    )
    assert doc.title is None
    assert [doc.slice(s.span) for s in doc.sentences] == [
        "Rebels took the town in 2014 after a long siege.[1]",
        "The town was founded in 1820 by settlers from the coast.",
    ]
    assert [s.title for s in doc.sections] == ["(lead)", "History", "References"]


_WRAPPED_WITH_FOOTER = (
    "Site chrome\n"
    "****** Town ******\n"
    "Rebels took the town in 2014 after a long siege.[1]\n"
    "***** History[edit] *****  \n"
    "The town was founded in 1820 by settlers from the coast.\n"
    "** not a heading *\n"
    "***** References[edit] *****\n"
    "   1. ^ Rebels take the town Reuters 4 May 2014\n"
    "*** Navigation menu ***\n"
    "***** Footer text[edit] *****\n"
    "Nothing here is the article.\n"
)


def test_wrapped_headings_and_footer_stand_at_a_line_start():
    doc = mirror(
        "****** Town ******\n"
        "The town fell. A sign said ***** History[edit] ***** in the middle.\n"
        " ***** Indented[edit] *****\n"
        "\n"
        'The sign read Retrieved from "the archive" that day.\n'
        "***** History[edit] *****\n"
        "Later it grew.\n"
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=Town"\n'
        "Nothing here is the article.\n"
    )
    assert [s.title for s in doc.sections] == ["Town", "History"]
    sentences = [doc.slice(s.span) for s in doc.sentences]
    assert "Later it grew." in sentences
    assert 'The sign read Retrieved from "the archive" that day.' in sentences
    assert "Nothing here is the article." not in sentences
    navigation = [doc.slice(r.span) for r in doc.regions if r.kind is RegionKind.NAVIGATION]
    assert [region.split("\n")[0] for region in navigation] == [
        'Retrieved from "https://en.wikipedia.org/w/index.php?title=Town"'
    ]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_wrapped_headings_and_footer_are_found_whatever_the_line_ending(ending):
    text = _WRAPPED_WITH_FOOTER.replace("\n", ending)
    doc = mirror(text)
    assert doc.title == "Town"
    assert [s.title for s in doc.sections] == ["Town", "History", "References"]
    assert [doc.slice(s.span) for s in doc.sentences] == [
        "Rebels took the town in 2014 after a long siege.[1]",
        "The town was founded in 1820 by settlers from the coast.",
        "** not a heading *",  # unequal stars: a line of text
    ]
    navigation = [r for r in doc.regions if r.kind is RegionKind.NAVIGATION]
    assert [doc.slice(r.span).split(ending)[0] for r in navigation] == ["*** Navigation menu ***"]
    assert doc.references_by_key["1"].text == "Rebels take the town Reuters 4 May 2014"
