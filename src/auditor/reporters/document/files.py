"""Each document's reports, written to a directory: ``NAME.md``, ``NAME.html``, ``NAME.json``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ...report import FileReport, Report
from . import FORMATS, html, markdown, model


class Written(NamedTuple):
    file: FileReport
    written: list[Path]
    failed: list[tuple[Path, str]]  # (file, why it could not be written)


def write_reports(report: Report, directory: Path, formats: tuple[str, ...] = ()) -> Iterator[Written]:
    """Write the reports of every document in ``report`` (which must keep its documents) under ``directory``,
    made first if need be (OSError when it cannot be); a report that cannot be written is said, not raised."""
    directory.mkdir(parents=True, exist_ok=True)
    for file, stem in zip(report.files, _stems(report.files), strict=True):
        data = model.build(file)  # once: the three formats show the same facts
        assert file.facts is not None  # build has made sure
        doc = file.facts.doc
        renderers: dict[str, Callable[[], str]] = {
            "markdown": partial(markdown.render, data),
            "html": partial(html.render, data, doc),
            "json": partial(model.render_json, data),
        }
        done = Written(file, [], [])
        for name in formats or tuple(FORMATS):
            target = directory / (stem + FORMATS[name])
            try:
                target.write_text(renderers[name](), encoding="utf-8")
            except OSError as error:
                done.failed.append((target, error.strerror or str(error)))
            else:
                done.written.append(target)
        yield done


def _stems(files: tuple[FileReport, ...]) -> list[str]:
    """A file name for each document's reports, from its path or a fetched article's title; the same name
    twice gets a number."""
    stems: list[str] = []
    for file in files:
        name = Path(file.path).stem if file.provenance.revision is None else (file.title or file.path)
        stem = re.sub(r"[^\w.-]+", "_", name).strip("._") or "document"
        candidate, n = stem, 2
        while candidate in stems:
            candidate, n = f"{stem}-{n}", n + 1
        stems.append(candidate)
    return stems
