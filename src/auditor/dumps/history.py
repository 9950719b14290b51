"""A dump's page histories as a source of revisions to pin copies to (``auditor provenance --dump``).

A history dump (``pages-meta-history``, or Special:Export with every revision) holds each page's
revisions oldest first. One pass keeps the revisions of the pages asked for, by normalised title, and
nothing of the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import ParseError

import mwxml
from mwxml.element_iterator import ElementIterator

from ..errors import InputError
from .pages import _decompressed, _host, normalise_title


@dataclass(frozen=True, slots=True)
class DumpRevision:
    revision: int
    timestamp: str  # ISO 8601, UTC
    text: str


@dataclass
class DumpHistory:
    """The revisions of one page, oldest first: a ``pin.RevisionSource``."""

    site: str
    title: str
    revisions: list[DumpRevision] = field(default_factory=list)

    def around(self, as_of: date | None, older: bool, limit: int) -> tuple[str, list[DumpRevision]]:
        cut = f"{as_of.isoformat()}T23:59:59Z" if as_of else "9999"
        if older:
            found = [r for r in reversed(self.revisions) if r.timestamp <= cut]
        else:
            found = [r for r in self.revisions if r.timestamp > cut]
        return self.title, found[:limit]

    def text(self, title: str, revision: int) -> str:
        return next(r.text for r in self.revisions if r.revision == revision)


def read_histories(paths: list[Path], titles: set[str]) -> dict[str, DumpHistory]:
    """The histories of the pages ``titles`` names (normalised), by normalised title; InputError for a
    file that cannot be read."""
    wanted = {normalise_title(t) for t in titles}
    found: dict[str, DumpHistory] = {}
    for path in paths:
        try:
            with path.open("rb") as raw, _decompressed(raw) as stream:
                root = ElementIterator.from_file(stream)
                dump = mwxml.Dump.from_element(root)
                site = _host(dump.site_info.base) or "en.wikipedia.org"
                for page in dump.pages:
                    key = normalise_title(page.title)
                    if key not in wanted:
                        for _ in page:  # the stream goes on only once the page is read
                            pass
                        continue
                    history = found.setdefault(key, DumpHistory(site, page.title))
                    for revision in page:
                        if revision.text and revision.model in (None, "wikitext"):
                            stamp = revision.timestamp.long_format() if revision.timestamp else ""
                            history.revisions.append(DumpRevision(revision.id, stamp, revision.text))
                    root.element.clear()
        except (ParseError, mwxml.errors.MalformedXML, EOFError) as error:
            raise InputError(str(path), f"not a readable MediaWiki XML dump: {error or type(error).__name__}") from None
        except OSError as error:
            raise InputError(str(path), error.strerror or str(error)) from None
    for history in found.values():
        history.revisions.sort(key=lambda r: (r.timestamp, r.revision))
    return found
