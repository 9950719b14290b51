"""Generated documents for fuzzing every reader and the whole check, and the one way to run one.

Each input is built from the pieces each format is made of (sentences with dates, figures and markers,
reference entries, templates, tags, tables, quotes, footnotes) and then bent: pieces repeated into long
runs, markup cut short, lone surrogates, carriage returns, deep nesting, numbers and years out of range.
A run is reproducible from its seed; ``benchmarks/fuzz.py`` runs many, the suite a few hundred.
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from auditor.config.settings import Settings
from auditor.engine import audit_document
from auditor.errors import InputError
from auditor.extract.facts import Facts
from auditor.readers import FORMATS
from auditor.report import FileReport, InputProblem, Report
from auditor.reporters.document import html as html_report
from auditor.reporters.document import markdown as markdown_report
from auditor.reporters.document import model
from auditor.reporters.run import FORMATS as RUN_FORMATS
from auditor.reporters.run import renderer

READERS = ("wikitext", "html", "mirror", "markdown", "pipeline")

_MONTHS = ["January", "June", "Sept.", "December", "Feb", "Smarch"]
_HOSTILE = [
    "\ud800", "\udfff", "\r", "\r\n", "\x00", "\ufeff", "\u202e", "|", "]]", "[[", "}}", "{{", "<", ">", "&#xD800;",
    "&#0;", "**", "__", "*", "`", "[^", "![a](", "<ref>", "</ref>", "<ref name=x/>", "[citation needed]", "between ",
    " " * 200, "\t", "\u00a0", "–", "—", "10000 years", "(99999 days)", "[123456]", "[10000]", "0000-00-00",
    "9999-12-31", "31 February 2014", "http://[::1", "http://a.example/a|b", "ongoing", "present",
]  # fmt: skip


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(0, 40), rng.choice(_MONTHS), rng.choice([rng.randint(1000, 2099), 9999, 10000, 1])
    return rng.choice([f"{day} {month} {year}", f"{month} {day}, {year}", f"{year}-{rng.randint(0, 13):02}-{day:02}",
                       f"{month} {year}", f"{day} {month}", f"between {day} and {day + 3} {month} {year}",
                       f"{day} {month} {year} – ongoing ({rng.randint(1, 20000)} years)"])  # fmt: skip


def _figure(rng: random.Random) -> str:
    number = rng.choice([str(rng.randint(0, 10**rng.randint(1, 9))), f"{rng.randint(1, 999)},{rng.randint(0, 999):03}",
                         "dozens", f"{rng.randint(1, 50)}–{rng.randint(1, 5000)}", "about 100"])  # fmt: skip
    return f"{number} {rng.choice(['people were killed', 'soldiers', 'civilians died', 'casualties', 'wounded'])}"


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(["The town fell on", "Fighting began", "On", "Reports said", "According to the SOHR,"]),
             _date(rng), rng.choice(["and", ",", "while", "when"]), _figure(rng)]  # fmt: skip
    return " ".join(parts) + rng.choice([".", ". ", "", "!", ".\n"])


def _wikitext(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 12)):
        choice = rng.random()
        if choice < 0.4:
            pieces.append(
                _sentence(rng)
                + rng.choice(
                    [
                        "<ref>{{cite web |url=http://a.example/x |title=A |date=" + _date(rng) + "}}</ref>",
                        "<ref name=a/>",
                        "{{cn}}",
                        "",
                    ]
                )
            )
        elif choice < 0.55:
            pieces.append("{{Infobox military conflict\n| casualties1 = " + _figure(rng) + "\n| date = " + _date(rng)
                          + "\n}}")  # fmt: skip
        elif choice < 0.7:
            pieces.append(f"\n== {rng.choice(['Casualties', 'Aftermath', 'History'])} ==\n")
        elif choice < 0.8:
            pieces.append("{| class=wikitable\n|-\n| " + _figure(rng) + " || " + _date(rng) + "\n|}")
        else:
            pieces.append("\n== References ==\n{{reflist}}\n")
    return "\n\n".join(pieces)


def _html(rng: random.Random) -> str:
    body = []
    for number in range(1, rng.randint(2, 10)):
        body.append(f"<p>{_sentence(rng)}<sup class=\"reference\"><a href=\"#cite_note-{number}\">[{number}]</a></sup>"
                    + rng.choice(["", '<sup class="Template-Fact">[citation needed]</sup>']) + "</p>")  # fmt: skip
        if rng.random() < 0.3:
            body.append(f'<table class="infobox"><tr><th>Casualties</th><td>{_figure(rng)}</td></tr></table>')
    refs = "".join(f'<li id="cite_note-{n}"><a href="http://a.example/{n}">Source {n}</a> {_date(rng)}</li>'
                   for n in range(1, rng.randint(1, 10)))  # fmt: skip
    return f'<html><body><h1>Battle</h1>{"".join(body)}<ol class="references">{refs}</ol></body></html>'


def _mirror(rng: random.Random) -> str:
    title = rng.choice(["Battle of X", "Siege", "Title"])
    lines = [rng.choice(["", "Site name", "World Heritage Encyclopedia"]), title, title, ""]
    count = rng.randint(1, 9)
    for _ in range(rng.randint(1, 8)):
        lines.append(_sentence(rng) + "".join(f"[{rng.randint(1, count + 2)}]" for _ in range(rng.randint(0, 3))))
        lines.append("")
    for number in range(1, count):
        lines.append(f"  {number}. ^ {rng.choice(['a b ', ''])}Source {number} Reuters {_date(rng)}")
    return "\n".join(lines)


def _markdown(rng: random.Random) -> str:
    lines = [rng.choice(["", "---\ntitle: Battle\nkilled: " + _figure(rng) + "\n---"]), "# Battle", ""]
    for number in range(1, rng.randint(2, 8)):
        lead = rng.choice(["", "> ", "- ", "1. ", "**", "* "])
        lines.append(f"{lead}{_sentence(rng)}[^{number}] [link](http://a.example/{number})")
        lines.append("")
        lines.append(f"[^{number}]: Source {number}, {_date(rng)}, <http://a.example/{number}>")
        lines.append("")
    if rng.random() < 0.3:
        lines += ["| Side | Killed |", "|---|---|", f"| A | {_figure(rng)} |"]
    return "\n".join(lines)


_MAKERS: dict[str, Callable[[random.Random], str]] = {
    "wikitext": _wikitext, "html": _html, "mirror": _mirror, "markdown": _markdown,
}  # fmt: skip


def _bend(rng: random.Random, text: str) -> str:
    """The text with a few hostile edits: inserted pieces, runs of a piece, cuts, deep nesting."""
    for _ in range(rng.randint(0, 6)):
        at = rng.randint(0, len(text))
        edit = rng.random()
        if edit < 0.45:
            piece = rng.choice(_HOSTILE)
        elif edit < 0.65:
            piece = rng.choice([*_HOSTILE, _date(rng), _figure(rng), "[7]", "**a ", " "]) * rng.randint(2, 300)
        elif edit < 0.75:
            piece = rng.choice(["> ", "[", "{{", "<div>", "- ", "(", "'''"]) * rng.randint(5, 120)
        elif edit < 0.85:
            text = text[:at] + text[at + rng.randint(1, 40) :]
            continue
        else:
            piece = text[at : at + rng.randint(1, 200)] * rng.randint(1, 5)
        text = text[:at] + piece + text[at:]
    return text


def generate(reader: str, rng: random.Random) -> tuple[str, str]:
    """One generated input for ``reader``: (input format, text)."""
    input_format = rng.choice(list(_MAKERS)) if reader == "pipeline" else reader
    return input_format, _bend(rng, _MAKERS[input_format](rng))


def warm_up(reader: str, settings: Settings) -> None:
    """Import every module and compile every pattern a reader's first input would, outside the timing."""
    rng = random.Random("warm-up")
    for input_format in _MAKERS if reader == "pipeline" else (reader,):
        run_one(reader, input_format, _MAKERS[input_format](rng), settings)


@dataclass(frozen=True, slots=True)
class Outcome:
    crash: str | None  # the traceback of an error that escaped, or an "internal error" the guard caught
    seconds: float  # wall clock
    cpu: float  # this process's CPU time: what the input costs, whatever else the machine is doing


def run_one(reader: str, input_format: str, text: str, settings: Settings) -> Outcome:
    """Read and audit ``text`` as the tool does; for ``pipeline``, render every report of it too."""
    start, cpu = time.perf_counter(), time.process_time()

    def outcome(crash: str | None) -> Outcome:
        return Outcome(crash, time.perf_counter() - start, time.process_time() - cpu)

    try:
        doc = FORMATS[input_format]("fuzz." + input_format, text)
    except InputError:
        return outcome(None)
    except RecursionError:
        return outcome(None)  # said as "nested too deeply to read"
    except Exception:  # noqa: BLE001 - a crash is what is looked for
        return outcome(traceback.format_exc())
    try:
        result = audit_document(Facts(doc), settings, keep=reader == "pipeline")
        if isinstance(result, InputProblem):
            crash = result.message if "internal error" in result.message else None
            return outcome(crash)
        if reader == "pipeline":
            _render(result)
    except Exception:  # noqa: BLE001
        return outcome(traceback.format_exc())
    return outcome(None)


def _render(file: FileReport) -> None:
    report = Report(files=(file,), errors=())
    for name in RUN_FORMATS:
        renderer(name)(report).encode("utf-8")
    data = model.build(file)
    assert file.facts is not None
    markdown_report.render(data).encode("utf-8")
    html_report.render(data, file.facts.doc).encode("utf-8")
    model.render_json(data).encode("utf-8")
