"""The text output with one line a finding: no source line, no caret (for grep and editors)."""

from __future__ import annotations

from ...report import Report
from .text import render as render_text


def render(report: Report) -> str:
    return render_text(report, caret=False)
