"""Inline suppressions: comments in a document that silence findings where they stand.

``<!-- auditor: ignore CIT005 the lead summarises the body -->`` on a line of its own silences those
rules' findings in the paragraph (block) that follows it; inside a paragraph, in the sentence that holds it
or that ends just before it (one claim). ``<!-- auditor: ignore-file CIT001,CIT004 reason -->`` silences
them in the whole document. Rules are named by code, code prefix (``CIT``) or name; ``all`` names every
rule. The comment is HTML's, which wikitext, Markdown and HTML all read as a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document, Sentence, Span

_COMMENT = re.compile(r"<!--[ \t]*auditor:[ \t]*(?P<verb>ignore(?:-file)?)\b(?P<rest>[^>]*?)-->", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suppression:
    """An ``auditor: ignore`` comment: the rules it silences and where."""

    rules: tuple[str, ...]  # codes, code prefixes or names, as written; "all" for every rule
    scope: Span  # where findings are silenced: a sentence, a block or the whole text
    reason: str
    line: int  # of the comment

    def covers(self, code: str, name: str, offset: int) -> bool:
        if not self.scope.contains(offset) and offset != self.scope.end:
            return False
        return any(r == "all" or r == name or code.upper().startswith(r.upper()) for r in self.rules)


def suppressions(doc: Document) -> tuple[Suppression, ...]:
    """The suppression comments of ``doc``, each with the stretch of text it silences."""
    text = doc.text
    if "auditor:" not in text:  # the common case: no comment to look for
        return ()
    found = []
    for match in _COMMENT.finditer(text):
        words = match["rest"].split(None, 1)
        if not words:
            continue  # "ignore" with no rule silences nothing: a rule must be named
        rules = tuple(r for r in words[0].split(",") if r)
        reason = words[1].strip() if len(words) > 1 else ""
        if match["verb"].lower() == "ignore-file":
            scope = Span(0, len(text))
        else:
            scope = _scope(doc, match.start(), match.end())
        found.append(Suppression(rules, scope, reason, doc.line_col(match.start())[0]))
    return tuple(found)


def _scope(doc: Document, start: int, end: int) -> Span:
    """A comment alone on its line: the next block; else the sentence that holds it or ends just before it."""
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    alone = not text[line_start:start].strip() and not text[end:line_end].strip()
    if not alone:
        sentence = doc.sentence_at(start) or _sentence_ending_before(doc, start)
        if sentence is not None:
            return Span(sentence.span.start, max(sentence.span.end, end))
    for block in doc.blocks:  # the block the comment opens, or the first after it
        if block.span.end > end and text[max(block.span.start, end) : block.span.end].strip():
            return Span(max(block.span.start, end), block.span.end)
    return Span(start, start)


def _sentence_ending_before(doc: Document, offset: int) -> Sentence | None:
    for index, block in enumerate(doc.blocks):
        if block.span.contains(offset):
            return doc.sentence_before(offset, index)
    return None
