"""Reporters: what an audit shows, in two kinds.

- ``run/``: the whole run's findings as one text, for a terminal, a program or CI
  (text, JSON, SARIF, GitHub annotations): ``Report -> str``.
- ``document/``: one document's report, to read (Markdown, HTML) and to process
  (JSON), built from one model with the provenance table.

``shapes`` holds the JSON shapes both kinds (and a scan's output) share.
"""
