"""The run's outputs, one module each, by the name ``check --format`` takes: each renders the whole
``Report`` as one text. A format's module is imported when it is asked for."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...report import Report

_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "sarif": "sarif", "github": "github"}
FORMATS = tuple(_MODULES)


def renderer(name: str) -> Callable[[Report], str]:
    render: Callable[[Report], str] = import_module(f".{_MODULES[name]}", __name__).render
    return render
