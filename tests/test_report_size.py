"""Reports grow with the findings, not with findings times the length of the text each one quotes.

Hundreds of markers or tags after one long run-on sentence each make a finding about that sentence; each
finding quoting all of it (and carrying its own copy of the line) made the reports, and the memory they
are built in, grow with the square of the text. Each case is measured at one size and at eight times it,
by the characters of every report and the peak memory of the audit, never by a clock.
"""

from __future__ import annotations

import tracemalloc

import pytest

from auditor.config.settings import load_settings
from auditor.engine import audit_document
from auditor.extract.facts import Facts
from auditor.readers import FORMATS
from auditor.report import FileReport, Report
from auditor.reporters.document import html as html_report
from auditor.reporters.document import markdown as markdown_report
from auditor.reporters.document import model
from auditor.reporters.run import FORMATS as RUN_FORMATS
from auditor.reporters.run import renderer
from auditor.text import EXCERPT_LIMIT, shortened

_SETTINGS = load_settings()

CASES = {
    "tags after one sentence (mirror)": ("mirror", lambda n: "Title\nTitle\n\nText" + "[citation needed]" * n + ".\n"),
    "tags after a long sentence (wikitext)": (
        "wikitext",
        lambda n: "The town fell " + "and fell " * n + "{{cn}}" * n + ".\n",
    ),
    "markers after a long sentence (mirror)": (
        "mirror",
        lambda n: "Title\nTitle\n\nIt fell " + "and fell " * n + "[7]" * n + ".\n",
    ),
}


def _audit(input_format: str, text: str) -> FileReport:
    file = audit_document(Facts(FORMATS[input_format]("doc", text)), _SETTINGS, keep=True)
    assert isinstance(file, FileReport)
    return file


def _report_size(file: FileReport) -> int:
    report = Report(files=(file,), errors=())
    data = model.build(file)
    assert file.facts is not None
    rendered = [renderer(name)(report) for name in RUN_FORMATS]
    rendered += [markdown_report.render(data), html_report.render(data, file.facts.doc), model.render_json(data)]
    return sum(map(len, rendered))


def _peak_memory(input_format: str, text: str) -> int:
    tracemalloc.start()
    try:
        _audit(input_format, text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("case", CASES)
def test_reports_grow_linearly(case):
    input_format, make = CASES[case]
    small, large = _audit(input_format, make(150)), _audit(input_format, make(1200))
    assert len(large.findings) >= 8 * len(small.findings) > 0  # the findings do grow with the text
    assert _report_size(large) <= 12 * _report_size(small)  # 8 times the text; quadratic was over 40 times


@pytest.mark.parametrize("case", CASES)
def test_audit_memory_grows_linearly(case):
    input_format, make = CASES[case]
    small, large = _peak_memory(input_format, make(150)), _peak_memory(input_format, make(1200))
    assert large <= 12 * small


def test_an_excerpt_is_quoted_whole_up_to_the_limit():
    sentence = "word " * (EXCERPT_LIMIT // 5)
    assert shortened(sentence[:EXCERPT_LIMIT]) == sentence[:EXCERPT_LIMIT]
    assert shortened("The town fell on 2 May.") == "The town fell on 2 May."


def test_a_longer_excerpt_keeps_its_start_and_end():
    text = "It began " + "x" * 5000 + " and ended on 2 May."
    short = shortened(text)
    assert len(short) <= EXCERPT_LIMIT
    assert short.startswith("It began x") and short.endswith("and ended on 2 May.") and " … " in short


def test_findings_quote_a_bounded_excerpt():
    file = _audit("mirror", "Title\nTitle\n\nText" + "[citation needed]" * 300 + ".\n")
    assert file.findings and all(len(f.excerpt) <= EXCERPT_LIMIT for f in file.findings)
    assert all(f.excerpt.startswith("Text") for f in file.findings if f.rule == "citation-needed")
