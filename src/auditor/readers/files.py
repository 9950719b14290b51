"""Files into Documents: find them under the paths given, decode them safely, pick the reader."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document
from ..errors import InputError
from . import FORMATS
from .detect import SUFFIXES, detect_format, looks_like_dump

if TYPE_CHECKING:
    from pathspec import PathSpec

_SNIFF = 8192  # bytes: where a dump's header, or a binary file's NUL, shows


@dataclass(frozen=True, slots=True)
class Discovery:
    """The files found under the paths given, and those left out or failed."""

    files: list[tuple[Path, str]]  # (path, how to show it)
    errors: list[InputError]
    skipped: list[str]  # files in a directory that no reader reads, or that are empty
    empty: list[str] = field(default_factory=list)  # the empty ones among them


def discover(paths: list[str], exclude: tuple[str, ...] = (), gitignore: bool = True) -> Discovery:
    """Expand directories to the files a reader reads, leaving out those ``exclude`` (gitignore-style
    patterns) matches and, with ``gitignore``, those git ignores; name paths that do not exist. A file
    named on its own is always read."""
    spec = _spec("\n".join(exclude)) if exclude else None
    files: list[tuple[Path, str]] = []
    errors: list[InputError] = []
    skipped: list[str] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, spec, gitignore):
                shown = _display(found)
                if found.suffix.lower() not in SUFFIXES:
                    skipped.append(shown)
                elif _empty(found):  # one empty file must not fail a whole tree's run
                    skipped.append(shown)
                    empty.append(shown)
                else:
                    files.append((found, shown))
        elif path.exists():
            files.append((path, _display(path)))
        elif re.match(r"[a-z][a-z0-9+.-]*://", raw, re.IGNORECASE):
            errors.append(InputError(raw, _NOT_AN_ARTICLE))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return Discovery(files, errors, skipped, empty)


_NOT_AN_ARTICLE = (
    "a web address that names no wiki article: auditor fetches articles from MediaWiki sites"
    " (https://en.wikipedia.org/wiki/Title, or en:Title); to check another page, save it and check the file"
)


def _empty(path: Path) -> bool:
    """Whether a file holds nothing but whitespace (read only when small: a large one is not empty)."""
    try:
        return path.stat().st_size < _SNIFF and not path.read_bytes().strip()
    except OSError:
        return False  # reading it will say what is wrong


def _walk(root: Path, exclude: PathSpec | None, gitignore: bool) -> Iterator[Path]:
    """The files under ``root`` in name order: hidden ones, those ``exclude`` matches (relative to ``root``)
    and, with ``gitignore``, those a ``.gitignore`` of the tree or of its repository above it ignores, left
    out; a directory left out is not entered."""
    ignores = _ignores_above(root) if gitignore else []
    for directory, dirs, names in os.walk(root):
        here = Path(directory)
        if gitignore and (here / ".gitignore").is_file():
            ignores.append((here, _spec((here / ".gitignore").read_text(encoding="utf-8", errors="replace"))))
        kept = [d for d in sorted(dirs) if not d.startswith(".")]
        dirs[:] = [d for d in kept if not _left_out(here / d, True, root, exclude, ignores)]
        for name in sorted(names):
            if not name.startswith(".") and not _left_out(here / name, False, root, exclude, ignores):
                yield here / name


def _spec(text: str) -> PathSpec:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(text.splitlines())


def _ignores_above(root: Path) -> list[tuple[Path, PathSpec]]:
    """The ``.gitignore`` files of the directories above ``root`` up to its repository's top (none outside
    a repository), outermost first."""
    above: list[Path] = []
    for directory in root.resolve().parents:
        above.append(directory)
        if (directory / ".git").exists():
            break
    else:
        return []
    found = [(d, d / ".gitignore") for d in reversed(above)]
    return [(d, _spec(f.read_text(encoding="utf-8", errors="replace"))) for d, f in found if f.is_file()]


def _left_out(
    path: Path, is_dir: bool, root: Path, exclude: PathSpec | None, ignores: list[tuple[Path, PathSpec]]
) -> bool:
    suffix = "/" if is_dir else ""
    if exclude is not None and exclude.match_file(path.relative_to(root).as_posix() + suffix):
        return True
    resolved = path.resolve() if ignores else path
    for base, spec in ignores:
        try:
            relative = resolved.relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
        if spec.match_file(relative + suffix):
            return True
    return False


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_document(path: Path, shown: str, max_bytes: int, input_format: str | None = None) -> Document:
    """Read one file, with the reader ``input_format`` names or the one its name and content call for."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                shown,
                f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit"
                " (raise it with --max-size)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown, error.strerror or str(error)) from None
    if looks_like_dump(path, data[:_SNIFF]):
        raise InputError(shown, "a MediaWiki XML dump or export: audit its pages with 'auditor scan'")
    if (kind := _binary_kind(path, data)) is not None:
        raise InputError(shown, f"{kind}: convert it to text or HTML first")
    return read_text(path, shown, decode(data, shown), input_format)


def read_text(path: Path, shown: str, text: str, input_format: str | None = None) -> Document:
    """Read ``text`` as the document at ``path`` would be read (another version of it, say)."""
    chosen = input_format or detect_format(path, text)
    if chosen is None:
        raise InputError(
            shown,
            f"cannot tell the format from the name {path.name!r} or the content;"
            f" name it with --input-format ({', '.join(FORMATS)})",
        )
    return FORMATS[chosen](shown, text)


# The documents people try first that no reader reads, by their first bytes; a ZIP is named by its suffix.
_MAGIC = ((b"%PDF-", "a PDF"), (b"{\\rtf", "an RTF document"), (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"))
_ZIPPED = {
    ".docx": "a Word document (.docx)",
    ".odt": "an OpenDocument text (.odt)",
    ".epub": "an EPUB book",
    ".pages": "a Pages document",
}


def _binary_kind(path: Path, data: bytes) -> str | None:
    """What a binary document is, when it is one people write documents in; None for anything else."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _ZIPPED.get(path.suffix.lower(), "a ZIP archive")
    return None


def decode(data: bytes, shown: str) -> str:
    if not data.strip():
        raise InputError(shown, "file is empty")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(shown, "binary file (it contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            shown, f"not valid UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column}"
        ) from None
