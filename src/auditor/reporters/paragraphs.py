"""A paragraph's unsourced claims, gathered so a reader sees one place to add one citation.

Every output that lists findings for a person (text, Markdown, HTML) shows the
``unsourced-claim`` findings of one paragraph together, under the paragraph,
where the first of them stands; each keeps its own line, message and
fingerprint, so ``--diff-base`` still tells one new sentence from the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, Generic, NamedTuple, TypeVar

from ..findings import Finding

Item = TypeVar("Item")

RULE = "unsourced-claim"


class Group(NamedTuple, Generic[Item]):
    paragraph_line: int | None  # None: a finding on its own
    findings: list[Item]


def grouped(findings: Sequence[Item], place: Callable[[Item], tuple[str, int] | None]) -> list[Group[Item]]:
    """``findings`` in their order, those sharing a paragraph (``place``: its path and first line, or None
    for a finding of no paragraph) gathered where the first of them stands; a paragraph with one finding
    is no group."""
    members: dict[tuple[str, int], list[Item]] = defaultdict(list)
    for f in findings:
        if (where := place(f)) is not None:
            members[where].append(f)
    out: list[Group[Item]] = []
    for f in findings:
        where = place(f)
        if where is None or len(members[where]) < 2:
            out.append(Group(None, [f]))
        elif members[where][0] is f:
            out.append(Group(where[1], members[where]))
    return out


def of_finding(f: Finding) -> tuple[str, int] | None:
    """The paragraph of an unsourced claim: its path and first line."""
    return (f.path, f.evidence["paragraph_line"]) if f.rule == RULE else None


def of_shape(f: dict[str, Any]) -> tuple[str, int] | None:
    """The same, of a finding as JSON (``shapes.finding``)."""
    return (f["path"], f["evidence"]["paragraph_line"]) if f["rule"] == RULE else None


def heading(group: Group[Any]) -> str:
    """What a group's findings share, in words."""
    return f"{len(group.findings)} unsourced claims in the paragraph at line {group.paragraph_line}"
