"""Each document's reports: one model of what its audit shows (``model``, with the provenance table
``provenance``), written as Markdown, HTML and JSON (``files``)."""

from __future__ import annotations

# Each format, by the name ``report --format`` takes, and the suffix of the file written in it.
FORMATS = {"markdown": ".md", "html": ".html", "json": ".json"}
