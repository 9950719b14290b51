"""Each document's reports, written to a directory: ``NAME.md``, ``NAME.html``, ``NAME.json``."""

from __future__ import annotations

import hashlib
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
        stem = _fitting(re.sub(r"[^\w.-]+", "_", name).strip("._") or "document")
        candidate, n = stem, 2
        while candidate in stems:
            candidate, n = f"{stem}-{n}", n + 1
        stems.append(candidate)
    return stems


# NOTE: most file systems refuse a name over 255 bytes; the longest suffix (".html") and a "-NN" for a
# repeated name must fit too.
_STEM_BYTES = 240


def _fitting(stem: str) -> str:
    """``stem`` when it fits a file name; else its start (whole characters) and a digest of the whole,
    so two long names that share a start stay apart."""
    encoded = stem.encode("utf-8")
    if len(encoded) <= _STEM_BYTES:
        return stem
    digest = hashlib.sha256(encoded).hexdigest()[:12]
    start = encoded[: _STEM_BYTES - len(digest) - 1].decode("utf-8", "ignore")
    return f"{start}-{digest}"
