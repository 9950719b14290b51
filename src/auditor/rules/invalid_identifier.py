"""Report book, journal and article identifiers that are malformed or fail their check digit.

## What it does
Checks every identifier a reference gives, in a citation template's parameters
(``|isbn=``, ``|issn=``, ``|eissn=``, ``|ismn=``, ``|doi=``, ``|pmid=``,
``|pmc=``, ``|arxiv=``, ``|oclc=``, ``|lccn=``) or in its text after a label
(``ISBN 978-…``, ``doi:10.…``, ``PMID 123``, ``arXiv:1501.00001``):
- ISBN-10 and ISBN-13, ISSN and eISSN, ISMN: the check digit, the length, and
  stray characters; with a wrong check digit, the value the other digits give;
- DOI: ``10.``, a registrant number of four or more digits, a slash and a
  suffix, with no space and no trailing punctuation in a parameter;
- PMID and PMC: a number from 1 with up to eight digits (a ``PMC`` prefix in
  ``|pmc=`` is reported with the number alone);
- arXiv: ``YYMM.NNNN`` (to December 2014) or ``YYMM.NNNNN`` (from January
  2015) from April 2007, ``archive/YYMMNNN`` before;
- OCLC: digits, or ``ocm``, ``ocn`` or ``on`` and digits; LCCN: as the Library
  of Congress normalises it, up to three letters, a year and a serial.

## Why it matters
A reader finds a book or paper by its identifier. A mistyped digit sends them
to another work or to none, and the citation still looks complete; a check
digit is there so that such a slip can be caught.

## Example
```wikitext
The siege lasted 872 days.<ref>{{cite book |title=The 900 Days |year=1969 |isbn=978-0-306-40615-6}}</ref>
```

## Use instead
```wikitext
The siege lasted 872 days.<ref>{{cite book |title=The 900 Days |year=1969 |isbn=978-0-306-40615-7}}</ref>
```

## Options
None.

## Limits
Checks the form only: a well-formed identifier of another work, or of none yet
issued, passes. A wrong check digit may be a slip in another digit; the value
given is right only if the other digits are. In running text an identifier is
recognised after its label alone, so an unlabelled ISBN is not checked, and a
sentence's punctuation after a DOI is taken as punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..extract.facts import Facts
from ..extract.identifiers import identifier_problems
from .base import Hit, NoOptions
from .cited_source import on_reference

CODE = "SRC001"
NAME = "invalid-identifier"
SUMMARY = "A book, journal or article identifier that is malformed or fails its check digit"


def check(doc: Document, facts: Facts, options: NoOptions) -> Iterator[Hit]:
    for found in identifier_problems(doc):
        message = f"{found.scheme} {found.written} {found.problem}"
        if found.corrected is not None:
            lead = "if those digits are right, it is" if "check digit" in found.problem else "write"
            message += f"; {lead} {found.corrected}"
        yield on_reference(
            doc,
            doc.references_by_key[found.reference],
            message,
            f"{found.scheme} {found.written}",
            span=found.span,
            scheme=found.scheme,
            written=found.written,
            corrected=found.corrected,
        )
