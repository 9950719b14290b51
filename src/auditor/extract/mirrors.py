"""Wikipedia and its known copies: which a citation cites, and which a document itself is.

The list is shipped data (``data/mirrors.toml``, curated and documented there),
read once; lookups go through a ``SiteTable`` and a dictionary of publisher
names, so their cost does not grow with the list.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache, cached_property
from typing import Any, NamedTuple

from ..document import Document, Reference, RegionKind
from ..packaged import packaged_text
from ..urls import parse_archive_link
from .domains import SiteTable


class KnownCopy(NamedTuple):
    name: str
    kind: str  # "wikipedia", "mirror", "fork" or "books"
    note: str


class Match(NamedTuple):
    copy: KnownCopy
    by: str  # "site" or "publisher"
    what: str  # the site or publisher name that matched, as listed


class Copies:
    """Wikipedia and its copies, by site and by publisher name."""

    def __init__(self, entries: list[Mapping[str, Any]]) -> None:
        self.sites: SiteTable[KnownCopy] = SiteTable()
        self.publishers: dict[str, tuple[str, KnownCopy]] = {}
        for entry in entries:
            copy = KnownCopy(str(entry["name"]), str(entry["kind"]), str(entry.get("note", "")))
            for site in entry.get("sites", ()):
                self.sites.add(site, copy)
            for publisher in entry.get("publishers", ()):
                self.publishers[_fold(publisher)] = (publisher, copy)

    @cached_property
    def _named(self) -> re.Pattern[str] | None:
        """The publisher names a document's own chrome is searched for: the longer ones only, as "Kiddle" or
        "DBpedia" may be a word of a page's text where "World Heritage Encyclopedia" names its publisher.
        Compiled when a report first asks, not for every check."""
        names = sorted((name for name, _ in self.publishers.values() if len(name) > 8), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None

    def cited_by(self, reference: Reference) -> Match | None:
        """The copy of Wikipedia ``reference`` cites: by its address (or the original of its archive link),
        else by its publisher's name."""
        fields = reference.fields
        for url in (fields.url, _archived_original(fields.archive_url)):
            if url and (found := self.sites.lookup(url)):
                return Match(found[1], "site", found[0])
        if fields.publisher and (named := self.publishers.get(_fold(fields.publisher))):
            return Match(named[1], "publisher", named[0])
        return None

    def document_copy(self, doc: Document) -> Match | None:
        """The known copy a document itself is, by the address it was taken from or the name its own chrome
        and licence text give."""
        provenance = doc.provenance
        found = self.sites.lookup(provenance.source_url) if provenance.source_url else None
        if found is not None and found[1].kind != "wikipedia":
            return Match(found[1], "site", found[0])
        named = self.publishers.get(_fold(provenance.publisher)) if provenance.publisher else None
        if named is not None and named[1].kind != "wikipedia":
            return Match(named[1], "publisher", named[0])
        named_in = self._named
        if named_in is None:
            return None
        for region in doc.regions:
            if region.kind in (RegionKind.CHROME, RegionKind.LICENCE) and (
                hit := named_in.search(doc.text, region.span.start, region.span.end)
            ):
                name, copy = self.publishers[_fold(hit.group(0))]
                if copy.kind != "wikipedia":
                    return Match(copy, "publisher", name)
        return None


@cache
def known_copies(added: tuple[str, ...] = ()) -> Copies:
    """The shipped list, and the sites of ``added`` (a user's), each a copy of Wikipedia."""
    extra = [{"name": site, "kind": "mirror", "sites": [site], "note": "listed in the configuration"} for site in added]
    return Copies([*_shipped(), *extra])


@cache
def _shipped() -> tuple[Mapping[str, Any], ...]:
    text = packaged_text(__package__, "data/mirrors.toml")
    return tuple(tomllib.loads(text)["source"])


def _fold(name: str) -> str:
    return " ".join(name.split()).strip(" .,;").casefold()


def _archived_original(archive_url: str | None) -> str | None:
    link = parse_archive_link(archive_url) if archive_url else None
    return None if link is None else link.original
