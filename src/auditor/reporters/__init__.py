"""Output formats: one module each, registered here by name."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from . import json_format, text

REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
}
