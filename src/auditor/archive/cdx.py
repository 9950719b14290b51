"""CDX answers, whichever server gave them, read into one capture model.

The Internet Archive answers in space-separated text (seven fields) or, with
``output=json``, an array of arrays whose first row names the fields; pywb
answers in CDXJ (``urlkey timestamp {json}``) or, with ``output=json``, one
JSON object a line; CDX files on disk start with a `` CDX`` line that names
their columns. A line that fits none of these, or whose timestamp is not a
date, is set aside as malformed and never stops the others. An answer is
untrusted input: a field that is not a string (a timestamp sent as a number),
or JSON nested deeper than the decoder goes, makes its row malformed, never a
crash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter

from ..urls import parse_timestamp

# Field names in every dialect, to ours.
_NAMES = {
    "urlkey": "urlkey",
    "timestamp": "timestamp",
    "original": "original",
    "url": "original",
    "mimetype": "mimetype",
    "mime": "mimetype",
    "statuscode": "status",
    "status": "status",
    "digest": "digest",
    "length": "length",
}
_IA_TEXT = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
# The letters of a CDX file's header line (the CDX specification's legend), to field names.
_LETTERS = {"N": "urlkey", "b": "timestamp", "a": "original", "m": "mimetype", "s": "statuscode", "k": "digest"}
_READ = ("timestamp", "original", "status", "mimetype", "digest")
_TIMESTAMP = attrgetter("timestamp")
USABLE_STATUS = frozenset({"200", "203", "206"})  # a page a reader can read, as InternetArchiveBot accepts


@dataclass(frozen=True, slots=True)
class Capture:
    timestamp: str  # 14 digits
    original: str
    status: str | None  # None when not given: a revisit (the status of the capture it repeats), or a memento
    mimetype: str | None = None
    digest: str | None = None
    memento: str | None = None  # its address, for a capture a Memento archive named (with no status)

    @property
    def moment(self) -> datetime:
        moment = parse_timestamp(self.timestamp)
        assert moment is not None  # parse_cdx keeps only captures with a valid timestamp
        return moment

    @property
    def usable(self) -> bool:
        """A page a reader can read: a capture whose status says so, or a memento, which an archive names
        only to replay it."""
        return self.status in USABLE_STATUS or (self.status is None and self.memento is not None)


@dataclass(frozen=True, slots=True)
class CdxAnswer:
    captures: tuple[Capture, ...]
    malformed: tuple[tuple[int, str], ...] = ()  # (line number, line)
    resume_key: str | None = None
    blocked: bool = False  # the archive refuses to show this site's captures
    listing: bool = False  # the body was read as a list of captures (a JSON array, a CDX file), even an empty one


def encode(answer: CdxAnswer) -> str:
    """``answer`` as compact JSON, for ``decode`` to read back instead of the archive's answer."""
    captures = [[c.timestamp, c.original, c.status, c.mimetype, c.digest, c.memento] for c in answer.captures]
    return json.dumps([captures, answer.malformed, answer.resume_key, answer.blocked, answer.listing])


def decode(kept: str) -> CdxAnswer | None:
    """The answer ``encode`` wrote; None for anything else."""
    try:
        captures, malformed, resume_key, blocked, listing = json.loads(kept)
        return CdxAnswer(
            tuple(Capture(*fields) for fields in captures),
            tuple((number, line) for number, line in malformed),
            resume_key,
            blocked,
            listing,
        )
    except (ValueError, TypeError):
        return None


def parse_cdx(body: str) -> CdxAnswer:
    """Every capture ``body`` holds, in its order; what cannot be read is set aside, not fatal."""
    text = body.lstrip("\ufeff")
    stripped = text.lstrip()
    if "AdministrativeAccessControlException" in text[:500] or "Blocked Site Error" in text[:500]:
        return CdxAnswer((), blocked=True)
    if stripped.startswith("["):
        try:
            return _from_json_rows(json.loads(stripped))
        except (ValueError, RecursionError):
            pass  # a body cut short, or nested past reason: read it line by line below, keeping what is whole
    return _from_lines(text)


def _from_json_rows(rows: object) -> CdxAnswer:
    if not isinstance(rows, list):
        return CdxAnswer((), ((1, json.dumps(rows)[:200]),))
    if not rows:
        return CdxAnswer((), listing=True)  # the Internet Archive's "no captures"
    header = rows[0] if isinstance(rows[0], list) and all(isinstance(name, str) for name in rows[0]) else []
    names = [_NAMES.get(str(name), str(name)) for name in header]
    captures: list[Capture] = []
    malformed: list[tuple[int, str]] = []
    resume_key = None
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue  # the empty row before a resume key
        if isinstance(row, list) and len(row) == 1 and isinstance(row[0], str):
            resume_key = row[0]
            continue
        capture = _capture(dict(zip(names, row, strict=False))) if isinstance(row, list) and names else None
        if capture is None:
            malformed.append((number, json.dumps(row)[:200]))
        else:
            captures.append(capture)
    return CdxAnswer(tuple(captures), tuple(malformed), resume_key, listing=bool(names))


def _from_lines(text: str) -> CdxAnswer:
    captures: list[Capture] = []
    malformed: list[tuple[int, str]] = []
    columns: tuple[str, ...] = _IA_TEXT
    resume_key = None
    listing = False
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            rest = [later for later in lines[number:] if later.strip()]
            if len(rest) == 1 and " " not in rest[0].strip():  # IA's resume key, after a blank line
                resume_key = rest[0].strip()
                break
            continue
        if line.startswith(" CDX "):
            columns = tuple(_LETTERS.get(letter, letter) for letter in line.split()[1:])
            listing = True
            continue
        capture = _line_capture(line, columns)
        if capture is None:
            malformed.append((number, line))
        else:
            captures.append(capture)
    return CdxAnswer(tuple(captures), tuple(malformed), resume_key, listing=listing)


def _line_capture(line: str, columns: tuple[str, ...]) -> Capture | None:
    stripped = line.strip()
    if stripped.startswith("{"):  # pywb's output=json: one object a line
        return _json_capture(stripped, {})
    parts = stripped.split(" ", 2)
    if len(parts) == 3 and parts[2].startswith("{"):  # CDXJ: urlkey timestamp {json}
        return _json_capture(parts[2], {"urlkey": parts[0], "timestamp": parts[1]})
    fields = stripped.split()
    if len(fields) != len(columns):
        return None
    return _capture({_NAMES.get(name, name): value for name, value in zip(columns, fields, strict=True)})


def _json_capture(text: str, known: dict[str, str]) -> Capture | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    return _capture({**known, **{_NAMES.get(k, k): v for k, v in data.items()}})


def _capture(fields: dict[str, object]) -> Capture | None:
    """The capture a row's fields describe; None unless each field read is a string and the essential ones
    hold what they should."""
    if not all(isinstance(fields.get(name), str | None) for name in _READ):
        return None
    timestamp = str(fields.get("timestamp", ""))
    original = str(fields.get("original", ""))
    if len(timestamp) != 14 or parse_timestamp(timestamp) is None or "://" not in original:
        return None
    if not original.startswith(("http://", "https://")) or " " in original:
        return None
    status = str(fields.get("status") or "")
    return Capture(
        timestamp=timestamp,
        original=original,
        status=status if status and status != "-" else None,
        mimetype=str(fields.get("mimetype") or "") or None,
        digest=str(fields.get("digest") or "") or None,
    )


@dataclass(frozen=True, slots=True)
class Choice:
    """The capture a reader should open for a citation made at ``cited``."""

    capture: Capture
    direction: str  # "before" or "after" the citation date
    days: int  # whole days between the citation date and the capture


def choose(captures: tuple[Capture, ...], cited: datetime, prefer: str = "before") -> Choice | None:
    """The usable capture closest before ``cited``, else the closest after, as InternetArchiveBot picks:
    a page as it stood when it was cited, and only then one saved later. ``prefer="after"`` turns the
    order round, for a date that only bounds from below when the page was read."""
    # 14-digit timestamps sort as the moments they name: compared as text, only the capture chosen is parsed.
    # A capture's moment is a whole second, so it is at or before ``cited`` when it is at or before its second.
    utc = cited.astimezone(UTC)
    stamp = f"{utc.year:04d}{utc.month:02d}{utc.day:02d}{utc.hour:02d}{utc.minute:02d}{utc.second:02d}"
    usable = [c for c in captures if c.usable]
    before = max((c for c in usable if c.timestamp <= stamp), key=_TIMESTAMP, default=None)
    after = min((c for c in usable if c.timestamp > stamp), key=_TIMESTAMP, default=None)
    if before and (prefer == "before" or not after):
        return Choice(before, "before", (cited - before.moment).days)
    if after:
        return Choice(after, "after", (after.moment - cited).days)
    return None
