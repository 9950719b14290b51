"""SARIF 2.1.0, for code-scanning dashboards: rule metadata from the registry, one result per finding.

With a baseline or ``--diff-base``, each result says whether it is ``new`` or
``unchanged``, and each known finding no longer found is a result of its own,
``absent``. ``partialFingerprints`` carry our line-independent fingerprint, so
a dashboard tracks a finding across edits as we do.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ... import __version__
from ...config.defaults import rule_defaults
from ...findings import Finding
from ...report import FileReport, Report
from ...severity import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "auditorFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
HOME = "https://pypi.org/project/auditor/"


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"


def document(report: Report) -> dict[str, Any]:
    defaults = rule_defaults()
    index = {d.rule.code: i for i, d in enumerate(defaults)}
    uris = {file.path: _uri(file) for file in report.files}
    results = [_result(f, index, uris, report) for f in report.findings]
    if report.comparison is not None:
        for gone in report.comparison.fixed:
            results.append(
                {
                    "ruleId": gone.code,
                    **({"ruleIndex": index[gone.code]} if gone.code in index else {}),
                    "message": {"text": gone.message},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": uris.get(gone.path, _quoted(gone.path))}}}
                    ],
                    "partialFingerprints": {FINGERPRINT: gone.fingerprint},
                    "baselineState": "absent",
                }
            )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "auditor",
                "version": __version__,
                "informationUri": HOME,
                "rules": [
                    {
                        "id": d.rule.code,
                        "name": d.rule.name,
                        "shortDescription": {"text": d.rule.summary},
                        "help": {"text": d.rule.doc.strip(), "markdown": d.rule.doc.strip()},
                        "defaultConfiguration": {"level": _LEVEL[d.severity], "enabled": d.enabled},
                    }
                    for d in defaults
                ],
            }
        },
        "columnKind": "unicodeCodePoints",  # our columns count characters, as Python does
        "results": results,
        "invocations": [
            {
                "executionSuccessful": not report.errors,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": problem.message},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _quoted(problem.path)}}}],
                    }
                    for problem in report.errors
                ],
            }
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _result(f: Finding, index: dict[str, int], uris: dict[str, str], report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uris.get(f.path, _quoted(f.path))},
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "charOffset": f.start,
                        "charLength": f.end - f.start,
                        "snippet": {"text": f.excerpt},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: f.fingerprint},
        "properties": {"rule": f.rule, "evidence": dict(f.evidence)},
    }
    if report.comparison is not None:
        result["baselineState"] = "new" if report.comparison.is_new(f) else "unchanged"
    return result


def _uri(file: FileReport) -> str:
    """A file's address: its path as a relative URI, or, for an article fetched by name, its permalink."""
    if file.provenance.revision is not None and file.provenance.source_url:  # fetched, not read from disk
        return file.provenance.source_url
    return _quoted(file.path)


def _quoted(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:")
