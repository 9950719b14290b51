"""Write MediaWiki export XML (schema 0.11, as Special:Export and the dumps write it) for tests and benchmarks."""

from __future__ import annotations

import bz2
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <dbname>enwiki</dbname>
    <base>https://en.wikipedia.org/wiki/Main_Page</base>
    <generator>MediaWiki 1.45.0-wmf.1</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""


@dataclass(frozen=True)
class ExportPage:
    title: str
    text: str
    page_id: int
    namespace: int = 0
    revision_id: int | None = None  # default: page_id * 10
    timestamp: str = "2016-05-01T00:00:00Z"
    redirect: str | None = None
    model: str = "wikitext"
    older: tuple[str, ...] = ()  # earlier revisions' texts, written before the latest
    timestamps: tuple[str, ...] = ()  # the earlier revisions' timestamps (default: the latest's)


def write_dump(path: Path, pages: Iterable[ExportPage]) -> Path:
    """Write ``pages`` to ``path``, bz2- or gzip-compressed when its name ends so."""
    with _open(path) as out:
        out.write(HEADER.encode())
        for page in pages:
            out.write(page_xml(page).encode())
        out.write(b"</mediawiki>\n")
    return path


def page_xml(page: ExportPage) -> str:
    latest = page.revision_id or page.page_id * 10
    revisions = [(latest - len(page.older) + i, text) for i, text in enumerate(page.older)]
    revisions.append((latest, page.text))
    parts = [
        "  <page>\n",
        f"    <title>{escape(page.title)}</title>\n",
        f"    <ns>{page.namespace}</ns>\n",
        f"    <id>{page.page_id}</id>\n",
    ]
    if page.redirect:
        parts.append(f"    <redirect title={quoteattr(page.redirect)} />\n")
    stamps = [*(page.timestamps or [page.timestamp] * len(page.older)), page.timestamp]
    for (revision_id, text), timestamp in zip(revisions, stamps, strict=True):
        parts += [
            "    <revision>\n",
            f"      <id>{revision_id}</id>\n",
            f"      <timestamp>{timestamp}</timestamp>\n",
            "      <contributor><username>Example</username><id>1</id></contributor>\n",
            f"      <model>{page.model}</model>\n",
            "      <format>text/x-wiki</format>\n",
            f'      <text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>\n',
            "    </revision>\n",
        ]
    parts.append("  </page>\n")
    return "".join(parts)


def corpus_pages(wikitext_dir: Path, first_id: int = 1, suffix: str = "") -> list[ExportPage]:
    """The corpus's wikitext articles as pages, in name order; ``suffix`` sets copies' titles apart."""
    paths = sorted(wikitext_dir.rglob("*.wikitext"))
    return [
        ExportPage(
            title=path.stem.replace("_", " ") + suffix, text=path.read_text(encoding="utf-8"), page_id=first_id + i
        )
        for i, path in enumerate(paths)
    ]


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".bz2"):
        return bz2.open(path, "wb")
    if path.name.endswith(".gz"):
        return gzip.open(path, "wb")
    return path.open("wb")
