"""Output formats: one module each, registered here by name."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import github, json_format, sarif, text

REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
