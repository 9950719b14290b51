"""Files into Documents: find them under the paths given, decode them safely, pick the reader."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from . import FORMATS
from .detect import SUFFIXES, detect_format, looks_like_dump

_SNIFF = 8192  # bytes: where a dump's header, or a binary file's NUL, shows


@dataclass(frozen=True, slots=True)
class Discovery:
    files: list[tuple[Path, str]]  # (path, how to show it)
    errors: list[InputError]
    skipped: list[str]  # files in a directory that no reader reads


def discover(paths: list[str]) -> Discovery:
    """Expand directories to the files a reader reads; name paths that do not exist."""
    files: list[tuple[Path, str]] = []
    errors: list[InputError] = []
    skipped: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                shown = _display(found)
                (files.append((found, shown)) if found.suffix.lower() in SUFFIXES else skipped.append(shown))
        elif path.exists():
            files.append((path, _display(path)))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return Discovery(files, errors, skipped)


def _walk(root: Path) -> Iterator[Path]:
    for directory, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(directory) / name


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
