"""Addresses in the Markdown and HTML reports are escaped for where they stand: a table cell, a link target.

The Markdown report is rendered with markdown-it (CommonMark with GFM tables), as a viewer would render it,
and a hostile address must add no element that the same report with a plain address lacks.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from auditor.api import CheckOptions, RunOptions, check_paths
from auditor.config.settings import load_settings
from auditor.report import FileReport
from auditor.reporters.document import html, markdown, model

_PLAIN = "http://a.example/plain"
_HOSTILE = [
    "http://a.example/a|![x](http://evil.example/i.png)|",  # ends the cell; the next one an image
    "http://a.example/a|<img src=http://evil.example/i.png>",
    "http://a.example/a|[click](javascript:alert(1))|",
    'http://a.example/a"onmouseover="alert(1)',
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> FileReport:
    path = tmp_path_factory.mktemp("doc") / "article.wikitext"
    path.write_text(
        "The town fell on 3 May 2014.<ref>{{cite web |url=http://a.example/plain |title=Rebels take the town"
        " |publisher=Reuters}}</ref>\n\n== References ==\n{{reflist}}\n",
        encoding="utf-8",
    )
    report = check_paths([str(path)], RunOptions(load_settings()), CheckOptions(keep_documents=True))
    return report.files[0]


@pytest.fixture(scope="module")
def data(checked: FileReport) -> dict:
    built = model.build(checked)
    assert [row["url"] for row in built["provenance"]] == [_PLAIN]
    return built


def _with_url(data: dict, url: str) -> dict:
    rows = [{**row, "url": url, "capture": {**_capture(), "url": url}} for row in data["provenance"]]
    return {**data, "provenance": rows}


def _capture() -> dict:
    return {"url": "", "timestamp": "20140504000000", "status": 200}


def _elements(text: str) -> tuple[Counter, list[int], list[str]]:
    """The rendered Markdown's element types, the cells of each table row, and every link's target."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    kinds: Counter = Counter()
    cells: list[int] = []
    targets: list[str] = []
    for token in tokens:
        kinds[token.type] += 1
        if token.type == "tr_open":
            cells.append(0)
        if token.type in ("td_open", "th_open"):
            cells[-1] += 1
        for child in token.children or []:
            kinds[child.type] += 1
            if child.type == "link_open":
                targets.append(str(child.attrs["href"]))
    return kinds, cells, targets


@pytest.mark.parametrize("url", _HOSTILE)
def test_a_hostile_address_adds_no_element_to_the_markdown_report(data, url):
    plain = _elements(markdown.render(_with_url(data, _PLAIN)))
    hostile = _elements(markdown.render(_with_url(data, url)))
    extra = {kind for kind, count in hostile[0].items() if count > plain[0][kind] and kind != "text"}
    assert not extra  # no image, cell, link or raw HTML the plain report lacks (an address not linked has less)
    assert hostile[1] == plain[1]  # every table row keeps its cells
    assert "image" not in hostile[0] and "html_inline" not in hostile[0]
    assert all(target.startswith("http://a.example/a") for target in hostile[2] if target != _PLAIN)
    assert not any("evil" in target or "javascript" in target for target in hostile[2] if "%7C" not in target)


def test_the_address_is_kept_whole_as_one_link(data):
    _, _, targets = _elements(markdown.render(_with_url(data, _HOSTILE[0])))
    assert "http://a.example/a%7C!%5Bx%5D(http://evil.example/i.png)%7C" in targets  # markdown-it's encoding


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter = Counter()
        self.hrefs: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.hrefs += [value or "" for name, value in attrs if name == "href"]
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


@pytest.mark.parametrize("url", _HOSTILE)
def test_a_hostile_address_adds_no_element_to_the_html_report(checked, data, url):
    assert checked.facts is not None
    plain, hostile = _Links(), _Links()
    plain.feed(html.render(_with_url(data, _PLAIN), checked.facts.doc))
    hostile.feed(html.render(_with_url(data, url), checked.facts.doc))
    assert hostile.tags == plain.tags and not hostile.handlers
    assert url in hostile.hrefs  # the address itself is the target, once its attribute is decoded
