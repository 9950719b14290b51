"""The source checks' data and configuration: identifiers, the mirror list, the ratings table and its
regeneration, and the options users add to them."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from datetime import date
from importlib import resources

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config.settings import load_settings
from auditor.errors import ConfigError
from auditor.extract.domains import SiteTable
from auditor.extract.facts import Facts
from auditor.extract.identifiers import check
from auditor.extract.mirrors import known_copies
from auditor.extract.reliability import Ratings, judge, list_info, rating_table
from auditor.readers import read_html
from auditor.rules import RULES
from auditor.rules.unreliable_source import check as unreliable
from conftest import CORPUS, ROOT, mirror, wikitext


@pytest.mark.parametrize(
    ("scheme", "written", "corrected"),
    [
        ("ISBN", "0-8044-2957-5", "0-8044-2957-X"),  # an ISBN-10 whose check digit is ten
        ("ISBN", "978 0 306 40615 6", "978 0 306 40615 7"),  # spaces kept as written
        ("ISSN", "2049-363X", "2049-3630"),
        ("ISMN", "979-0-2600-0043-9", "979-0-2600-0043-8"),
        ("DOI", "10.1000/182;", "10.1000/182"),
    ],
)
def test_a_wrong_identifier_comes_with_its_corrected_form(scheme, written, corrected):
    problem = check(scheme, written)
    assert problem is not None and problem[1] == corrected


@pytest.mark.parametrize(
    ("scheme", "written"),
    [("ISBN", "0-8044-2957-X"), ("ISSN", "2049-3630"), ("arXiv", "1412.0001"), ("arXiv", "1501.00001v2"),
     ("LCCN", "n78-890351"), ("OCLC", "on1234567890"), ("PMC", "3836189")],
)  # fmt: skip
def test_valid_identifiers_pass(scheme, written):
    assert check(scheme, written) is None


def test_a_site_table_matches_subdomains_and_the_longest_section():
    table = SiteTable([("example.com", "site"), ("example.com/politics", "section"), ("x.org/ufo*", "prefix")])
    assert table.lookup("https://news.example.com/sport/1") == ("example.com", "site")
    assert table.lookup("https://www.example.com/politics/2014/a") == ("example.com/politics", "section")
    assert table.lookup("https://example.com/politicsx") == ("example.com", "site")
    assert table.lookup("http://x.org/ufos/1") == ("x.org/ufo*", "prefix")
    assert table.lookup("https://example.org/") is None
    assert table.lookup("not a url") is None


def test_the_ratings_table_carries_its_attribution_and_snapshot():
    info = list_info()
    assert info.attribution == "Wikipedia contributors, Wikipedia:Reliable sources/Perennial sources"
    assert (info.licence, info.snapshot) == ("CC BY-SA 4.0", "2026-04-19")


def test_the_table_is_looked_up_by_site_not_scanned():
    table = rating_table()
    assert len(table) > 600  # one entry per site a source publishes on
    judged = judge(table, "https://www.cnet.com/news/x/", lambda: (date(2023, 3, 5), date(2023, 3, 5)))
    assert judged is not None and judged.certain and judged.worst.status == "gu"


def _shortcut(url: str) -> str | None:
    judged = judge(rating_table(), url, lambda: None)
    assert judged is not None
    return judged.worst.shortcut


@pytest.mark.parametrize(
    ("url", "shortcut"),
    [
        ("https://arxiv.org/abs/1234.5678", "WP:ARXIV"),  # the row of every preprint server: the one spelling arXiv
        ("https://www.academia.edu/123/Paper", "WP:ACADEMIA.EDU"),
        ("https://www.zenodo.org/records/1", "WP:ZENODO"),
        ("https://www.facebook.com/page", "WP:RSPFACEBOOK"),  # the list's own prefix
        ("https://www.dailymail.co.uk/news/a.html", "WP:DAILYMAIL"),
    ],
)
def test_a_rating_names_the_shortcut_that_spells_the_cited_site(url, shortcut):
    assert _shortcut(url) == shortcut


@pytest.mark.parametrize(
    ("url", "shortcut"),
    [
        ("https://www.researchgate.net/publication/1", "WP:ACADREP"),  # no shortcut spells it: the row's own
        ("https://www.insider.com/a", "WP:BI"),
    ],
)
def test_a_site_no_shortcut_spells_gets_its_rows_first_not_another_sites(url, shortcut):
    assert _shortcut(url) == shortcut


def test_the_script_regenerates_the_shipped_table(tmp_path):
    source = CORPUS / "sources_lists" / "rsp_sources.jsonl"
    if not source.exists():
        pytest.skip("corpus file not available: sources_lists/rsp_sources.jsonl")
    spec = importlib.util.spec_from_file_location("reliability_table", ROOT / "derive" / "reliability_table.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(source, "2026-04-19", tmp_path / "table.json")
    shipped = resources.files("auditor.extract").joinpath("data", "reliability.json").read_text(encoding="utf-8")
    assert (tmp_path / "table.json").read_text(encoding="utf-8") == shipped
    rows = json.loads(shipped)["sources"]
    dated = {row[0] for row in rows if row[3] or row[4]}
    assert {"CNET", "Newsweek", "Lenta.ru", "ZDNET", "Kotaku", "Forbes.com"} <= dated
    assert next(row for row in rows if row[0] == "Lenta.ru")[3] == "2014-03-12"  # the day the summary gives


def _config(tmp_path, monkeypatch, text: str):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "auditor.toml").write_text(text, encoding="utf-8")
    settings = load_settings()
    return {active.rule.name: active.options for active in settings.rules}


def _unreliable(options, doc) -> list[str]:
    return [hit.message for hit in unreliable(doc, Facts(doc), options)]


CNET_2023 = "Phones.<ref>{{cite web |url=https://www.cnet.com/a |title=Phones |date=5 March 2023}}</ref>\n"


def test_a_users_rating_replaces_the_lists_for_that_site(tmp_path, monkeypatch):
    options = _config(
        tmp_path,
        monkeypatch,
        '[rules.unreliable-source.ratings]\n"cnet.com" = "reliable"\n'
        '"news.example" = [{ rating = "reliable", until = 2020-10-01 }, { rating = "unreliable", from = 2020-10-01,'
        ' name = "News Example" }]\n',
    )["unreliable-source"]
    assert _unreliable(options, wikitext(CNET_2023)) == []
    before = wikitext("Rain.<ref>{{cite web |url=http://news.example/a |title=Rain |date=30 September 2020}}</ref>\n")
    after = wikitext("Rain.<ref>{{cite web |url=http://news.example/a |title=Rain |date=1 October 2020}}</ref>\n")
    assert _unreliable(options, before) == []
    assert _unreliable(options, after) == [
        "Reference #1 cites News Example (news.example), which the configuration rates generally unreliable"
        " (2020-10-01 to now); the citation is dated 1 October 2020 (its publication date); in other periods"
        " generally reliable (… to 2020-10-01)"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[rules.unreliable-source]\nratings = ["x.com"]\n',
            "option 'ratings' of rule 'unreliable-source': must",
        ),
        ('[rules.unreliable-source.ratings]\n"x.com" = "dodgy"\n', "'x.com': 'dodgy' is not a rating (reliable,"),
        ('[rules.unreliable-source.ratings]\n"x.com" = { rating = "reliable", form = 2020 }\n', "unknown key 'form'"),
        ('[rules.unreliable-source.ratings]\n"x.com" = { rating = "reliable", from = "May" }\n', "'May' is not a date"),
        ('[rules.circular-source]\nmirrors = "wiki.example.org"\n', "must be a list of strings"),
    ],
)
def test_bad_source_options_are_errors_that_name_the_file(tmp_path, monkeypatch, content, message):
    with pytest.raises(ConfigError, match=r"auditor\.toml") as caught:
        _config(tmp_path, monkeypatch, content)
    assert message in str(caught.value)


def test_a_users_mirror_is_a_circular_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "auditor.toml").write_text(
        '[rules.circular-source]\nmirrors = ["wiki.example.org"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(
        'Rain fell.[1]\n\n  1. ^ "Rain". Example Wiki. https://en.wiki.example.org/Rain\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["check", "a.txt", "--select", "circular-source"])
    assert result.exit_code == 1
    assert "Reference 1 cites wiki.example.org (wiki.example.org), a copy of Wikipedia" in result.output


@pytest.mark.parametrize(
    "doc",
    [
        mirror("Title\n\nRain fell.[1]\n\nThis article was sourced from Creative Commons Attribution-ShareAlike"
               " License. World Heritage Encyclopedia content is assembled from numerous providers.\n"),
        read_html("copy.html", '<html><head><link rel="canonical" href="https://www.wikiwand.com/en/Rain"></head>'
                  '<body><p>Rain.</p></body></html>'),
    ],
    ids=["licence-text", "canonical-address"],
)  # fmt: skip
def test_a_document_that_is_a_known_copy_says_so_in_its_origin(doc):
    found = known_copies().document_copy(doc)
    assert found is not None and found.copy.name in ("World Heritage Encyclopedia", "Wikiwand")


def test_wikipedia_itself_is_no_mirror_of_itself():
    page = read_html("x.html", '<html><head><link rel="canonical" href="https://en.wikipedia.org/wiki/Rain">'
                     '</head><body><div class="mw-parser-output"><p>Rain.</p></div></body></html>')  # fmt: skip
    assert known_copies().document_copy(page) is None


def test_a_rating_option_is_hashable_so_its_table_is_built_once():
    ratings = Ratings.from_config({"x.com": "deprecated"})
    assert rating_table(ratings) is rating_table(Ratings.from_config({"x.com": "deprecated"}))


def test_every_source_rule_has_cases_in_every_format_both_ways():
    for rule in (r for r in RULES if r.code.startswith("SRC")):
        data = tomllib.loads((ROOT / "tests" / "rule_cases" / f"{rule.name}.toml").read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            formats = {case.get("format", "mirror") for case in data[kind]}
            assert formats == {"mirror", "wikitext", "html", "markdown"}, (rule.name, kind, formats)


def test_the_rules_docs_give_the_snapshot_the_table_has():
    rule = next(r for r in RULES if r.name == "unreliable-source")
    day = date.fromisoformat(list_info().snapshot)
    assert f"{day.day} {day:%B %Y}" in " ".join(rule.doc.split())
