"""Turn files into Documents: find them, decode them safely, pick the reader."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..document import Document
from ..errors import InputError
from .markdown import read_markdown
from .mirror_flat import read_flat_mirror
from .mirror_wrapped import looks_wrapped, read_wrapped_mirror
from .wikitext import read_wikitext

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
_SNIFF = 8192


def read_mirror(path: str, text: str) -> Document:
    return read_wrapped_mirror(path, text) if looks_wrapped(text) else read_flat_mirror(path, text)


# Each suffix the tool reads, and the reader for it.
READERS: dict[str, Callable[[str, str], Document]] = {
    ".txt": read_mirror,
    ".wikitext": read_wikitext,
    ".wiki": read_wikitext,
    ".mediawiki": read_wikitext,
    ".md": read_markdown,
    ".markdown": read_markdown,
}


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
                (files.append((found, shown)) if found.suffix.lower() in READERS else skipped.append(shown))
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


def read_document(path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(shown, f"unsupported file type {path.suffix or '(none)'!r}; readable types: {known}")
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
    return reader(shown, decode(data, shown))


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
