"""The identifiers a citation names its work by, and what is wrong with them: check digits, forms.

Identifiers come from a citation template's parameters (``|isbn=``, ``|doi=``)
and from a reference's text, where a rendered or copied citation writes them
after a label (``ISBN 978-0-306-40615-7``, ``doi:10.1000/182``, ``PMID 123``).
Check digits are computed with python-stdnum, which tells a wrong check digit
from a wrong length or a stray character and formats ISBNs by their ranges; the
identifiers without a check digit (DOI, PMID, PMC, arXiv, OCLC, LCCN) are held
to the forms their registries issue, as MediaWiki's citation templates hold
them. Pure: no network, no registry lookup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from ..document import Document, Reference, Span

# NOTE: python-stdnum is imported where a check digit is computed, not here: its utilities import pydoc and
# ssl, some 0.1 s to 0.2 s at start-up, which a run over documents that cite no ISBN, ISSN or ISMN (the seed)
# should not pay.

# How a template parameter names each scheme (``eprint`` is cite arXiv's).
SCHEMES = {
    "isbn": "ISBN", "issn": "ISSN", "eissn": "eISSN", "ismn": "ISMN", "doi": "DOI", "pmid": "PMID",
    "pmc": "PMC", "arxiv": "arXiv", "eprint": "arXiv", "oclc": "OCLC", "lccn": "LCCN",
}  # fmt: skip


class IdentifierProblem(NamedTuple):
    reference: str  # the reference's key
    scheme: str  # "ISBN", "DOI", ...
    written: str  # the value as written
    problem: str  # what is wrong, in words
    corrected: str | None  # the value as it should be written, when it can be computed
    span: Span  # where the value is written, else the reference


# A label and what follows it in a citation's text. The value patterns are generous: the checks judge them.
_IN_TEXT = (
    r"(?<![\w/.])(?:"
    r"(?P<isbn>ISBN)(?:-?1[03])?:?\s*(?P<isbn_value>[0-9Xx](?:[-‐ ]?[0-9Xx]){6,18})"
    r"|(?P<issn>e?ISSN):?\s*(?P<issn_value>\d{4}[-‐ ]?\d{3}[\dXx])"
    r"|(?P<ismn>ISMN):?\s*(?P<ismn_value>[0-9Mm](?:[-‐ ]?[0-9]){8,14})"
    r"|(?P<doi>doi):\s*(?P<doi_value>10\.[^\s/]+/ ?\S+|10\.\S+)"  # a copy may wrap a line after its slash
    r"|(?P<pmid>PMID):?\s*(?P<pmid_value>\d+)"
    r"|(?P<pmc>PMC(?:ID)?):?\s*(?:PMC)?(?P<pmc_value>\d+)"
    r"|(?P<arxiv>arXiv):\s*(?P<arxiv_value>[a-z][a-z.-]*/\d+(?:v\d+)?|\d{4}\.\d+(?:v\d+)?)"
    r"|(?P<oclc>OCLC):?\s*(?P<oclc_value>(?:ocm|ocn|on)?\d+)"
    r"|(?P<lccn>LCCN):?\s*(?P<lccn_value>[a-z]{0,3} ?\d[\d-]*\d)"
    r")(?![\w-])"
)
_GROUPS = ("isbn", "issn", "ismn", "doi", "pmid", "pmc", "arxiv", "oclc", "lccn")
# Where a label may start, found in the text in lower case: a search for these literals is many times faster
# than one for the labels' pattern, which is then matched at each place found.
_TEXT_LABELS = re.compile(r"isbn|eissn|issn|ismn|doi:|pmid|pmc|arxiv|oclc|lccn")
_TRAILING = ".,;:)]}>'\"”’"  # punctuation a sentence puts after a value


def identifier_problems(doc: Document) -> Iterator[IdentifierProblem]:
    """Every malformed identifier of every reference, each value once per reference."""
    for reference in doc.references:
        seen: set[tuple[str, str]] = set()
        for scheme, written in _identifiers(reference):
            if (scheme, written) in seen:
                continue
            seen.add((scheme, written))
            found = check(scheme, written)
            if found is not None:
                problem, corrected = found
                yield IdentifierProblem(
                    reference.key, scheme, written, problem, corrected, _where(doc, reference, written)
                )


def _identifiers(reference: Reference) -> Iterator[tuple[str, str]]:
    """(scheme, value) of each identifier, as written; in running text, without the sentence's punctuation
    after it."""
    for name, value in reference.fields.identifiers:
        yield SCHEMES[name], value
    for match in _labelled(reference.text):
        name = next(g for g in _GROUPS if match[g])
        value = match[f"{name}_value"].rstrip(_TRAILING)
        if name == "doi":
            value = value.replace("/ ", "/", 1)
        if name == "isbn":
            yield "ISBN", _isbn_in_text(value)
        else:
            yield "eISSN" if match[name][0] in "eE" else SCHEMES[name], value


def _labelled(text: str) -> Iterator[re.Match[str]]:
    """The labelled identifiers of a reference's text."""
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer ("İ") would move the places found
        yield from _in_text().finditer(text)
        return
    for hint in _TEXT_LABELS.finditer(folded):
        if (match := _in_text().match(text, hint.start())) is not None:
            yield match


@cache
def _in_text() -> re.Pattern[str]:
    """The labels' pattern, compiled when a reference first shows a label: most show none."""
    return re.compile(_IN_TEXT, re.I)


def _isbn_in_text(value: str) -> str:
    """The ISBN of a run of digit groups: a number may follow it ("ISBN 0-306-40615-2 2001"), so when the
    run is too long, its longest leading groups of 10 or 13 digits and X."""
    groups = value.split(" ")
    for end in range(len(groups), 0, -1):
        head = " ".join(groups[:end])
        if sum(c.isdigit() or c in "Xx" for c in head) in (10, 13):
            return head
    return value


def _where(doc: Document, reference: Reference, written: str) -> Span:
    """The value's place in the source, found in its reference; else the reference's."""
    if reference.span.end == 0:
        return reference.span
    found = re.compile(rf"(?<![\w.-]){re.escape(written)}(?![\w-])").search(doc.text, *reference.span)
    return reference.span if found is None else Span(*found.span())


def check(scheme: str, written: str) -> tuple[str, str | None] | None:
    """What is wrong with ``written`` as an identifier of ``scheme``, and the corrected value when it can be
    computed; None when nothing is."""
    return _CHECKS[scheme](written.strip())


def _isbn(value: str) -> tuple[str, str | None] | None:
    from stdnum import isbn
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError

    value = re.sub(r"^ISBN(?:-?1[03])?:?\s*", "", value, flags=re.I)
    compact = re.sub(r"[\s‐-]", "", value).upper()
    if len(compact) == 13 and compact.isdigit() and not compact.startswith(("978", "979")):
        return "is not an ISBN: a 13-digit ISBN begins with 978 or 979", None
    try:
        isbn.validate(compact)
    except InvalidChecksum:
        return _wrong_digit(compact[-1], _isbn_check_digit(compact), value)
    except InvalidComponent:
        return "is not an ISBN: a 13-digit ISBN begins with 978 or 979", None
    except InvalidLength:
        digits = sum(c.isdigit() or c == "X" for c in compact)
        return f"has {digits} digits; an ISBN has 10 or 13", None
    except ValidationError:
        return _stray(compact, "0123456789X") or "is not an ISBN", None
    return None


def _isbn_check_digit(compact: str) -> str:
    from stdnum import ean, isbn

    if len(compact) == 13:
        return ean.calc_check_digit(compact[:12])
    as_13 = "978" + compact[:9]
    return isbn.to_isbn10(as_13 + ean.calc_check_digit(as_13))[-1]


def _issn(value: str) -> tuple[str, str | None] | None:
    from stdnum import issn
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    compact = re.sub(r"[\s‐-]", "", value).upper()
    try:
        issn.validate(compact)
    except InvalidChecksum:
        return _wrong_digit(compact[-1], issn.calc_check_digit(compact[:7]), value)
    except InvalidLength:
        return f"has {len(compact)} characters; an ISSN has 8 (NNNN-NNNC)", None
    except ValidationError:
        return _stray(compact, "0123456789X") or "is not an ISSN", None
    return None


def _ismn(value: str) -> tuple[str, str | None] | None:
    from stdnum import ean, ismn
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    compact = re.sub(r"[\s‐-]", "", value).upper()
    try:
        ismn.validate(compact)
    except InvalidChecksum:
        body = "9790" + compact[1:-1] if compact.startswith("M") else compact[:-1]
        return _wrong_digit(compact[-1], ean.calc_check_digit(body), value)
    except InvalidLength:
        return "has the wrong length; an ISMN is M and 9 digits, or 13 digits from 979-0", None
    except ValidationError:
        return "is not an ISMN: it is M and 9 digits, or 13 digits from 979-0", None
    return None


_DOI = r"10\.(?P<registrant>\d+(?:\.\d+)*)/\S+"
_DOI_LINK = r"(?i)^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)"


def _doi(value: str) -> tuple[str, str | None] | None:
    if re.match(_DOI_LINK, value):
        bare = re.sub(_DOI_LINK, "", value)
        return "is written with a prefix; the parameter takes the DOI alone", bare
    if value[-1:] in ".,;:":
        return f"ends with {value[-1]!r}, which a DOI never does", value.rstrip(".,;:")
    if len(value.split(None, 1)) > 1:
        return "contains a space, which a DOI never does", None
    match = re.fullmatch(_DOI, value)
    if match is None:
        return "is not a DOI: it is 10., a registrant number, a slash and a suffix", None
    if len(match["registrant"].split(".")[0]) < 4:
        return f"names registrant {match['registrant']}; registrant numbers have at least four digits", None
    return None


def _numeric(scheme: str, digits: int) -> Callable[[str], tuple[str, str | None] | None]:
    def check(value: str) -> tuple[str, str | None] | None:
        if scheme == "PMC" and value.upper().startswith("PMC"):
            return "is written with its PMC prefix; the parameter takes the number alone", value[3:].strip()
        if not value.isdigit():
            return _stray(value, "0123456789") or f"is not a {scheme}: it is a number", None
        if int(value) == 0 or len(value.lstrip("0")) > digits:
            return f"is not a {scheme}: it is a number from 1 with up to {digits} digits", None
        return None

    return check


_ARXIV_NEW = r"(?P<yy>\d\d)(?P<mm>\d\d)\.(?P<number>\d{4,5})(?:v\d+)?"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/(?P<yy>\d\d)(?P<mm>\d\d)\d{3}(?:v\d+)?"


def _arxiv(value: str) -> tuple[str, str | None] | None:
    if value.lower().startswith("arxiv:"):
        return "is written with its arXiv: prefix; the parameter takes the identifier alone", value[6:].strip()
    new = re.fullmatch(_ARXIV_NEW, value)
    old = re.fullmatch(_ARXIV_OLD, value)
    found = new or old
    if found is None or not 1 <= int(found["mm"]) <= 12:
        return "is not an arXiv identifier: YYMM.NNNNN, or archive/YYMMNNN before April 2007", None
    if new is not None:
        yymm = int(new["yy"] + new["mm"])
        if yymm < 704:
            return "is not an arXiv identifier: numbers of the form YYMM.NNNN began in April 2007", None
        if (yymm < 1501) != (len(new["number"]) == 4):
            wanted = "four" if yymm < 1501 else "five"
            return f"is not an arXiv identifier: numbers from {new['yy']}{new['mm']} have {wanted} digits", None
    return None


def _oclc(value: str) -> tuple[str, str | None] | None:
    if re.fullmatch(r"ocm\d{8}|ocn\d{9}|on\d{10,}|\d{1,10}", value) and int(re.sub(r"\D", "", value)) > 0:
        return None
    return "is not an OCLC number: digits, or ocm, ocn or on and digits", None


def _lccn(value: str) -> tuple[str, str | None] | None:
    normal = _lccn_normal(value)
    if normal is not None and re.fullmatch(r"[a-z]{0,3}\d{8}|[a-z]{0,2}\d{10}", normal):
        return None
    return "is not a Library of Congress control number: up to three letters, a year and a serial", None


def _lccn_normal(value: str) -> str | None:
    """The Library of Congress's normalisation: no spaces; after a hyphen, the serial padded to six digits."""
    compact = value.replace(" ", "").lower()
    if "-" not in compact:
        return compact
    head, _, serial = compact.partition("-")
    if not serial.isdigit() or len(serial) > 6:
        return None
    return head + serial.zfill(6)


def _stray(compact: str, allowed: str) -> str | None:
    odd = next((c for c in compact if c not in allowed), None)
    return None if odd is None else f"contains {odd!r}"


def _wrong_digit(written_digit: str, digit: str, written: str) -> tuple[str, str]:
    """The problem of a wrong check digit, and ``written`` with the right one: hyphens and spaces kept."""
    return f"has check digit {written_digit}, but its other digits give {digit}", written.rstrip()[:-1] + digit


_CHECKS = {
    "ISBN": _isbn,
    "ISSN": _issn,
    "eISSN": _issn,
    "ISMN": _ismn,
    "DOI": _doi,
    "PMID": _numeric("PMID", 8),
    "PMC": _numeric("PMC", 8),
    "arXiv": _arxiv,
    "OCLC": _oclc,
    "LCCN": _lccn,
}
