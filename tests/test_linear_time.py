"""Reading and auditing take time in proportion to the text, on inputs built to make them quadratic.

Each case is read and audited at one size and at eight times it; the growth of its time is compared with
the growth of a plain linear pass over the same two texts in the same process, never with a clock limit.
A quadratic pattern grows about 64 times for 8 times the text; these must stay within three times the
linear pass's growth (and at least 8). The cases are the ones that were quadratic (a date before a long
run of spaces, a paragraph of many casualty figures, a long run of markers, repeated "between ", repeated
"**a " in Markdown) and their neighbours.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest

from auditor.config.settings import load_settings
from auditor.engine import audit_document
from auditor.extract.facts import Facts
from auditor.readers import FORMATS
from auditor.readers.emphasis import emphasis, strong

_SETTINGS = load_settings()

# name: (input format, the text at size n, n)
CASES: dict[str, tuple[str, Callable[[int], str], int]] = {
    "date before spaces (wikitext)": ("wikitext", lambda n: "It began on 28 June" + " " * n + ", x.\n", 20_000),
    "date before a template": (
        "wikitext",
        lambda n: "Fighting began on 2 January 2014 {{Infobox\n" + "| a = b\n" * (n // 7) + "}}\n",
        1_500,
    ),
    "date before a table (html)": (
        "html",
        lambda n: "<p>On 2 January 2014</p><table>" + "<tr><td> </td></tr>\n" * (n // 20) + "</table>",
        1_000,
    ),
    "date before spaces (mirror)": ("mirror", lambda n: "Title\nTitle\n\nOn 28 June" + " " * n + ", x.\n", 20_000),
    "spaces opening a line (mirror)": ("mirror", lambda n: "Title\nTitle\n\nText.\n" + " " * n + "x\n", 3_000),
    "figures in one sentence": (
        "mirror",
        lambda n: "Title\nTitle\n\n" + "".join(f"{i * 7 + 3} people were killed, " for i in range(n // 25)) + "end.\n",
        1_500,
    ),
    "thousands of figures in one sentence": (
        "mirror",
        lambda n: "Title\nTitle\n\n" + "".join(f"{i * 7 + 3} people were killed, " for i in range(n // 25)) + "end.\n",
        10_000,
    ),
    "figures in one paragraph": (
        "mirror",
        lambda n: "Title\nTitle\n\n" + "".join(f"Reports said {i * 7 + 3} were killed. " for i in range(n // 35)),
        1_500,
    ),
    "casualty list in an infobox field": (
        "wikitext",
        lambda n: "{{Infobox military conflict\n| casualties1 = " + "7 killed, " * (n // 10) + "\n}}\n",
        1_500,
    ),
    "casualty list in an infobox (html)": (
        "html",
        lambda n: (
            '<table class="infobox"><tr><th>Casualties</th><td>' + "7 killed, " * (n // 10) + "</td></tr></table>"
        ),
        1_500,
    ),
    "counts after a counting cue": (
        "mirror",
        lambda n: (
            "Title\nTitle\n\nNot counting X, " + "".join(f"{i * 7 + 3} were killed, " for i in range(n // 20)) + "\n"
        ),
        1_500,
    ),
    "run of markers": ("mirror", lambda n: "Title\nTitle\n\nText" + "[7]" * (n // 3) + " more.\n", 1_500),
    "run of tags": ("mirror", lambda n: "Title\nTitle\n\nText" + "[citation needed]" * (n // 17) + ".\n", 1_500),
    "run of refs (wikitext)": ("wikitext", lambda n: "Text" + "<ref>a</ref>" * (n // 12) + "\n", 1_500),
    "between (wikitext)": ("wikitext", lambda n: "between " * (n // 8) + "\n", 4_000),
    "between (mirror)": ("mirror", lambda n: "Title\nTitle\n\n" + "between 3 " * (n // 10) + "\n", 4_000),
    "**a (markdown)": ("markdown", lambda n: "# T\n\n" + "**a " * (n // 4) + "\n", 1_500),
    "*a (markdown)": ("markdown", lambda n: "# T\n\n" + "*a " * (n // 3) + "\n", 1_500),
    "[a (markdown)": ("markdown", lambda n: "# T\n\n" + "[a " * (n // 3) + "\n", 1_500),
    "[^a (markdown)": ("markdown", lambda n: "# T\n\n" + "[^a" * (n // 3) + "\n", 1_500),
    "<a (markdown)": ("markdown", lambda n: "# T\n\n" + "<a " * (n // 3) + "\n", 1_500),
    "![a]( (markdown)": ("markdown", lambda n: "# T\n\n" + "![a](" * (n // 5) + "\n", 800),
}


def _best(work: Callable[[], object], times: int = 5) -> float:
    # CPU time of this process: on a busy machine, wall time counts the turns other processes take, and a
    # few milliseconds' run can be set back several times over.
    best = float("inf")
    for _ in range(times):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _audit(input_format: str, text: str) -> None:
    audit_document(Facts(FORMATS[input_format]("doc", text)), _SETTINGS)


def _linear(text: str) -> None:
    """A plain pass over the text, a few times over: what linear growth looks like on this machine now."""
    for _ in range(20):
        re.findall(r"\S+", text.lower())


@pytest.mark.parametrize("name", list(CASES))
def test_work_grows_linearly(name):
    input_format, make, n = CASES[name]
    small, large = make(n), make(8 * n)
    _audit(input_format, small)  # patterns compiled, modules imported
    growth = _best(lambda: _audit(input_format, large)) / _best(lambda: _audit(input_format, small))
    anchor = _best(lambda: _linear(large)) / _best(lambda: _linear(small))
    assert growth <= 3 * max(anchor, 8), f"{name}: x{growth:.1f} for 8 times the text (a linear pass: x{anchor:.1f})"


_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def test_emphasis_finds_what_the_patterns_it_replaces_found():
    rng = random.Random(21)
    for _ in range(20_000):
        text = "".join(rng.choice("**__ a\n.é\x1c\u00a0\u00b2") for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert list(strong(text, start, end)) == [(m.start(1), m.end(2)) for m in _STRONG.finditer(text, start, end)]
        found = [(m.start(1), m.end(2)) for m in _EMPHASIS.finditer(text, start, end)]
        assert list(emphasis(text, start, end)) == found


def _scopes(text: str) -> list[tuple[float, list[str]]]:
    figures = Facts(FORMATS["mirror"]("doc", "Title\nTitle\n\n" + text + "\n")).figures.figures
    return [(f.quantity.low, sorted(f.scope)) for f in figures]


def test_a_counting_cue_read_once_per_clause_still_qualifies_only_the_counts_after_it():
    assert _scopes("Not counting accidents, 5 soldiers were killed and 7 civilians died; 9 were wounded.") == [
        (5.0, ["part:not counting accidents"]),
        (7.0, ["part:not counting accidents"]),
        (9.0, []),  # the next clause
    ]
    assert _scopes("5 soldiers were killed not counting accidents.") == [(5.0, [])]  # a cue after the count
