"""The maintenance templates editors tag claims with, by name as wikitext writes them and as rendered
HTML names them (a tag's class or its template's title)."""

from __future__ import annotations

CITATION_NEEDED = frozenset(
    name.strip()
    for name in """
    citation needed|cn|fact|citeneeded|cite needed|citation needed span|cn span|source needed|refneeded
    |needcite|citation-needed|unreferenced inline
    """.split("|")
)
# Other inline maintenance tags, kept under their own names: the claim has a citation, but not a good one.
OTHER_TAGS = {
    "failed verification": "failed verification", "verification needed": "verification needed",
    "better source needed": "better source needed", "better source": "better source needed",
    "dubious": "dubious", "disputed inline": "dubious",
}  # fmt: skip
DEAD_LINK = frozenset({"dead link", "deadlink", "dl", "dead-link", "broken link"})
