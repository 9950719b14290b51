"""The pages of MediaWiki XML exports and dumps, streamed with mwxml; bz2 and gzip are decompressed as read.

A page's text is measured as it streams in, before it is held: one over the
size limit never reaches the XML parser (a few kilobytes of bz2 can hold a
gigabyte of text), and comes out as a page that says how large it was, which
the audit reports and skips.

Every page in the stream gets an ordinal, its place among all the pages of all the files (filtered out or
not), which is what a checkpoint counts: a resumed run skips that many pages and goes on from there.
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import mwxml
from mwxml.element_iterator import ElementIterator

from ..errors import ConfigError, InputError
from ..readers.detect import BZ2_MAGIC, GZIP_MAGIC

_WIKITEXT_MODELS = {None, "wikitext"}
_HEAD = 4096
_CHUNK = 1 << 16
_ESCAPES = 2  # a text is held up to twice the limit as stored: XML escapes (&quot;, &amp;) lengthen it
_CUT = "\ufdd0"  # a Unicode noncharacter, for internal use: starts the text of a page cut off as too large
_TAG_ROOM = 1 << 16  # bytes a <text ...> start tag may take before it is passed on unread


@dataclass(frozen=True, slots=True)
class Page:
    """A page's latest revision, as the dump holds it."""

    ordinal: int
    title: str  # with its namespace prefix, as the wiki shows it
    namespace: int
    page_id: int
    revision_id: int | None
    timestamp: str | None  # ISO 8601, UTC
    text: str  # empty for a page cut off as too large
    host: str | None  # the wiki's host, from the dump's <siteinfo>
    stored_size: int | None = None  # a page cut off as too large: its text's bytes in the dump, not held

    @property
    def size(self) -> int:
        """The text's size in UTF-8, as the dump's ``bytes`` attribute gives it."""
        return self.stored_size if self.stored_size is not None else len(self.text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class PageFilter:
    """Which pages to audit: every condition given must hold. Redirects are never audited."""

    namespaces: frozenset[int] | None = frozenset({0})  # None: every namespace
    title: re.Pattern[str] | None = None  # searched in the full title
    titles: frozenset[str] | None = None  # from a list file, normalised
    categories: frozenset[str] = frozenset()  # normalised names; any one of them admits a page
    category_names: tuple[str, ...] = field(default=("Category",))  # the namespace's names on this wiki

    def admits(self, title: str, namespace: int) -> bool:
        if self.namespaces is not None and namespace not in self.namespaces:
            return False
        if self.titles is not None and normalise_title(title) not in self.titles:
            return False
        return self.title is None or self.title.search(title) is not None

    def admits_text(self, text: str) -> bool:
        """The category test, which needs the text: only categories the wikitext itself adds are seen,
        not those a template adds."""
        if not self.categories:
            return True
        return bool(self.categories & categories_in(text, self.category_names))

    def describe(self) -> dict[str, Any]:
        """What the filter admits, for the checkpoint: a resumed run must filter the same way."""
        return {
            "namespaces": sorted(self.namespaces) if self.namespaces is not None else None,
            "title": self.title.pattern if self.title else None,
            "titles": sorted(self.titles) if self.titles is not None else None,
            "categories": sorted(self.categories),
        }


def page_filter(
    namespaces: tuple[int, ...],
    all_namespaces: bool,
    title_pattern: str | None,
    titles_file: Path | None,
    categories: tuple[str, ...],
) -> PageFilter:
    """The filter the command line asks for; ConfigError when it cannot be had."""
    if all_namespaces and namespaces:
        raise ConfigError("--namespace and --all-namespaces cannot be used together")
    try:
        title = re.compile(title_pattern) if title_pattern is not None else None
    except re.error as error:
        raise ConfigError(f"--title: not a regular expression: {error}") from None
    titles = None
    if titles_file is not None:
        try:
            lines = titles_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"--titles: cannot read {titles_file}: {error}") from None
        titles = frozenset(normalise_title(line) for line in lines if line.strip())
    return PageFilter(
        namespaces=None if all_namespaces else frozenset(namespaces or (0,)),
        title=title,
        titles=titles,
        categories=frozenset(normalise_title(name.removeprefix("Category:")) for name in categories),
    )


def normalise_title(title: str) -> str:
    """A title as MediaWiki stores it: spaces for underscores, single spaces, the first letter upper-case."""
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


def categories_in(text: str, names: tuple[str, ...] = ("Category",)) -> set[str]:
    """The categories ``[[Category:Name|sort key]]`` links in ``text`` put a page in."""
    pattern = rf"\[\[\s*(?:{'|'.join(re.escape(n) for n in names)})\s*:\s*([^\]|\n]+)"
    return {normalise_title(name) for name in re.findall(pattern, text, flags=re.I)}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A page read and not audited (filtered out, a redirect, not wikitext, or before a resume point)."""

    ordinal: int


def read_pages(
    paths: list[Path], page_filter: PageFilter, start: int = 0, max_bytes: int | None = None
) -> Iterator[Page | Skipped | InputError]:
    return iter(DumpReader(paths, page_filter, start, max_bytes))


class DumpReader:
    """Every page of every file in turn: a Page to audit, or Skipped. A file that cannot be read, or that
    breaks off, gives an InputError saying where, and the stream goes on with the next file. ``position``
    and ``total`` count the files' bytes as stored (compressed), for a progress bar. A text longer than
    ``max_bytes`` (twice that as stored) is never held: its page comes with ``stored_size`` and no text."""

    def __init__(
        self, paths: list[Path], page_filter: PageFilter, start: int = 0, max_bytes: int | None = None
    ) -> None:
        self.paths = paths
        self.filter = page_filter
        self.start = start
        self.max_bytes = max_bytes
        self.sizes = [_size(path) for path in paths]
        self.total = sum(self.sizes)
        self.position = 0
        self._raw: IO[bytes] | None = None  # the file being read, for its position

    def __iter__(self) -> Iterator[Page | Skipped | InputError]:
        ordinals = itertools.count()
        for path, size in zip(self.paths, self.sizes, strict=True):
            read = 0  # pages of this file read whole
            done = self.position
            try:
                for item in self._file_pages(path, ordinals):
                    read += 1
                    self.position = done + (self._raw.tell() if self._raw else 0)
                    yield item
            except (ParseError, mwxml.errors.MalformedXML) as error:
                yield InputError(str(path), f"malformed XML after {read:,} pages: {error}")
            except EOFError:
                yield InputError(str(path), f"the file ends early (truncated?) after {read:,} pages")
            except OSError as error:
                yield InputError(str(path), error.strerror or str(error))
            except InputError as error:
                yield error
            self.position = done + size

    def _file_pages(self, path: Path, ordinals: Iterator[int]) -> Iterator[Page | Skipped]:
        with path.open("rb") as raw, _decompressed(raw) as stream:
            if b"<mediawiki" not in stream.read(_HEAD):
                raise InputError(str(path), "not a MediaWiki XML export or dump (no <mediawiki> element at its start)")
            stream.seek(0)  # a compressed stream starts again; only the head is decompressed twice
            self._raw = raw
            source = stream if self.max_bytes is None else TextLimit(stream, self.max_bytes * _ESCAPES)
            root = ElementIterator.from_file(source)
            dump = mwxml.Dump.from_element(root)
            host = _host(dump.site_info.base)
            names = _category_names(dump.site_info)
            page_filter = self.filter
            if names != page_filter.category_names:
                page_filter = replace(page_filter, category_names=names)
            for page in dump.pages:
                yield _page(page, ordinals, self.start, page_filter, host)
                root.element.clear()  # the parsed pages would otherwise stay on the root, growing with the dump
        self._raw = None


class TextLimit:
    """A dump's XML bytes with every ``<text>`` longer than ``limit`` bytes replaced, as it streams past, by
    a mark and the count of its bytes: the parser never holds more than ``limit`` bytes of one text.

    Inside ``<text>`` no ``<`` can occur (XML escapes it), so the text ends at the next ``<``.
    """

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self._out = bytearray()
        self._carry = b""  # the tail of a chunk that may be the start of "<text"
        self._inside = False
        self._held = bytearray()  # the current text, until it ends or passes the limit
        self._count = 0  # bytes of the current text
        self._eof = False

    def read(self, size: int = -1) -> bytes:
        while not self._eof and (size < 0 or len(self._out) < size):
            chunk = self.stream.read(_CHUNK)
            self._eof = not chunk
            self._feed(self._carry + chunk)
        size = len(self._out) if size < 0 else size
        out = bytes(self._out[:size])
        del self._out[:size]
        return out

    def _feed(self, data: bytes) -> None:
        self._carry = b""
        position = 0
        while position < len(data):
            if self._inside:
                end = data.find(b"<", position)
                self._take(data[position : end if end >= 0 else len(data)])
                if end < 0:
                    return
                self._close()
                position = end
                continue
            start = data.find(b"<text", position)
            if start < 0:
                keep = len(data) if self._eof else max(position, len(data) - 4)  # "<tex" may end the chunk
                self._out += data[position:keep]
                self._carry = data[keep:]
                return
            close = data.find(b">", start)
            if close < 0 and not self._eof and len(data) - start < _TAG_ROOM:
                self._out += data[position:start]
                self._carry = data[start:]  # the start tag goes on in the next chunk
                return
            after = data[start + 5 : start + 6]
            if close < 0 or after not in (b" ", b"\t", b"\n", b"\r", b">", b"/"):
                self._out += data[position : start + 5]  # not a <text> start tag (or one beyond reason)
                position = start + 5
                continue
            self._out += data[position : close + 1]
            position = close + 1
            if data[close - 1 : close] != b"/":
                self._inside, self._count = True, 0

    def _take(self, piece: bytes) -> None:
        self._count += len(piece)
        if self._count <= self.limit:
            self._held += piece
        elif self._held:
            self._held = bytearray()  # over the limit: what was held goes, and nothing more is

    def _close(self) -> None:
        if self._count <= self.limit:
            self._out += self._held
        else:
            self._out += f"&#x{ord(_CUT):X};{self._count}".encode()
        self._held = bytearray()
        self._inside = False


def cut_size(text: str) -> int | None:
    """The size as stored of a text ``TextLimit`` cut off, or None for a text read whole."""
    if text.startswith(_CUT) and text[1:].isdigit():
        return int(text[1:])
    return None


def unreadable(path: Path) -> InputError | None:
    """Why ``path`` cannot be scanned, found from its head alone: missing, unreadable, or not a dump."""
    try:
        with path.open("rb") as raw, _decompressed(raw) as stream:
            head = stream.read(_HEAD)
    except (OSError, EOFError) as error:
        return InputError(str(path), getattr(error, "strerror", None) or str(error))
    if b"<mediawiki" not in head:
        return InputError(str(path), "not a MediaWiki XML export or dump (no <mediawiki> element at its start)")
    return None


def _decompressed(raw: IO[bytes]) -> AbstractContextManager[IO[bytes]]:
    """The dump's XML bytes, decompressed on the fly as its first bytes, not its name, say."""
    magic = raw.read(3)
    raw.seek(0)
    if magic.startswith(BZ2_MAGIC):
        return bz2.BZ2File(raw)
    if magic.startswith(GZIP_MAGIC):
        return gzip.GzipFile(fileobj=raw)
    return nullcontext(raw)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # said when it is read


def _page(
    page: mwxml.Page, ordinals: Iterator[int], start: int, page_filter: PageFilter, host: str | None
) -> Page | Skipped:
    latest = None
    for revision in page:  # every revision must be read for the stream to go on; only the last is kept
        latest = revision
    ordinal = next(ordinals)  # only now: a page the file breaks off in is not counted
    title = page.title  # mwxml keeps the namespace prefix when <ns> is given, as every current dump does
    stored = cut_size(latest.text) if latest is not None and latest.text else None
    if (
        ordinal < start
        or latest is None
        or page.redirect
        or latest.model not in _WIKITEXT_MODELS
        or not latest.text
        or not page_filter.admits(title, page.namespace)
        or (stored is None and not page_filter.admits_text(latest.text))  # a text not held: reported, not read
    ):
        return Skipped(ordinal)
    return Page(
        ordinal=ordinal,
        title=title,
        namespace=page.namespace,
        page_id=page.id,
        revision_id=latest.id,
        timestamp=latest.timestamp.long_format() if latest.timestamp else None,
        text="" if stored is not None else latest.text,
        host=host,
        stored_size=stored,
    )


def _host(base: str | None) -> str | None:
    """The wiki's host from <siteinfo>'s ``base`` (its main page's URL)."""
    return urlsplit(base).hostname if base else None


def _category_names(site_info: Any) -> tuple[str, ...]:
    """The names of the category namespace (14): the canonical English one and the wiki's own."""
    names = ["Category"]
    for namespace in site_info.namespaces or ():
        if namespace.id == 14 and namespace.name and namespace.name not in names:
            names.append(namespace.name)
    return tuple(names)
