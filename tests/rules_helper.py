"""Run one rule, with its shipped defaults, over a document."""

from __future__ import annotations

from auditor.config import ActiveRule
from auditor.document import Document
from auditor.engine import audit
from auditor.findings import Finding
from auditor.ruleconfig import rule_defaults


def run_rule(name: str, doc: Document) -> tuple[Finding, ...]:
    default = next(d for d in rule_defaults() if d.rule.name == name)
    return audit(doc, (ActiveRule(default.rule, default.severity, default.options),))
