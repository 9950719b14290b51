"""Totals and the parts listed with them, within one sentence or note.

A total is tied to its parts by the text ("of which", "including", "a total of
N, with ...", a split in brackets, a list followed by "N total"), or by
arithmetic: a count of an aggregate kind (casualties; killed and wounded)
followed by counts of disjoint kinds within it ("89,500 casualties, 19,000
killed, 47,500 wounded and 23,000 captured or missing") is a candidate total,
which the sum rule reports only when its parts do not add up to it.

Parts after "including" may leave people out, unless their kinds split the
whole of their total's ("89,500 casualties including 19,000 killed, 47,500
wounded and 23,000 missing"). Works on a squeezed text (``squeeze``).
"""

from __future__ import annotations

import re

from .counts import CUE, EXHAUSTIVE, INCLUSIVE, demographic
from .figure_model import Breakdown, Figure, as_losses, covers
from .quantities import Hedge

_OPENS_SPLIT = re.compile(r"[^.;:()\d]{0,40}\(")  # "1,408 casualties (200 killed, ..."
_NEAR_CUE = 24  # characters from a cue ("including", "of which") to the first part it lists
_TOTAL_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}total\b", re.IGNORECASE)  # "3,798 total", "24,500 men total"
_TOTAL_BEFORE = re.compile(r"\b(?:a total of|in total|totall?ing|for a total of|total of)\s+$", re.IGNORECASE)
_LIST_END = re.compile(r"[^.;:()\d]{0,30}?(?:,|\band\b|\bfor\b)[^.;:()\d]{0,12}")  # "..., 40 people in total"
# A clause that adds the list up: "... were killed through plague, war and famine, giving an estimated total of".
_SUMMED_GAP = re.compile(r"[^.;:()\d]{0,100}?,\s*(?:giving|making|bringing|for|with)\b[^.;:()\d]{0,40}")
# Between an aggregate and its first part: its own words, then a comma, semicolon or "and".
_LIST_GAP = re.compile(r"[^.;:()\d]{0,30}?(?:,|;|\band\b)\s*(?:and\s+)?")


def sentence_breakdowns(text: str, figures: list[Figure], lists: bool = False) -> list[Breakdown]:
    """The breakdowns of one unit of squeezed ``text``; ``lists`` for a note or an infobox line, whose
    parts may be separated by semicolons."""
    # Extras ("with another 20,000 lost as prisoners") add to a total; they are not parts of it.
    counted = [f for f in figures if f.category and f.quantity.hedge is not Hedge.VAGUE and not f.extra]
    found: list[Breakdown] = []
    used: set[int] = set()
    for index, total in enumerate(counted):
        if index in used:
            continue
        rest = counted[index + 1 :]
        gap = text[total.end : rest[0].start] if rest else ""
        breakdown: Breakdown | None = None
        if rest and (split := _OPENS_SPLIT.match(gap)):
            # "1,408 casualties (200 killed, 969 wounded and 239 missing)"; not "7,000 (810 of which ...)"
            closing = _closing(text, total.end)
            parts = list_after(text, total.end + split.end(), [f for f in rest if f.start < closing], lists)
            inside = text[total.end + split.end() : closing]
            subset = bool(INCLUSIVE.search(inside) or EXHAUSTIVE.search(inside))
            breakdown = Breakdown(total, tuple(parts), (), len(parts) > 1 and not subset, "(…)")
        elif rest and _TOTAL_BEFORE.search(text, max(0, total.start - 20), total.start) and (cue := CUE.search(gap)):
            parts = list_after(text, total.end + cue.end(), rest, lists)
            breakdown = Breakdown(total, tuple(parts), (), True, "a total of")
        elif rest and (cue := INCLUSIVE.search(gap) or EXHAUSTIVE.search(gap)) and cue.start() <= _NEAR_CUE:
            parts = list_after(text, total.end + cue.end(), rest, lists)
            inclusive = bool(INCLUSIVE.match(cue.group(0)))
            split_by_kind = covers(total.category, [p.category for p in parts])
            exhaustive = split_by_kind or (not inclusive and len(parts) > 1 and not any(map(demographic, parts)))
            breakdown = Breakdown(total, tuple(parts), (), exhaustive, cue.group(0).lower())
        elif index and _TOTAL_AFTER.match(text, total.end):
            breakdown = Breakdown(total, tuple(_list_before(text, total, counted[:index])), (), True, "total")
        elif index and _TOTAL_BEFORE.search(text, max(0, total.start - 30), total.start):
            # "112,000 Protestants and 504,000 Catholics were killed ..., giving an estimated total of 616,000"
            parts = _list_before(text, total, counted[:index], _SUMMED_GAP)
            breakdown = Breakdown(total, tuple(parts), (), True, "a total of")
        elif rest and len(total.category) > 1 and (parts := _kinds_after(text, total, rest, lists)):
            breakdown = Breakdown(total, tuple(parts), (), True, "kinds")
        if breakdown is None:
            continue
        parts = [p for p in breakdown.parts if fits(p, total)]
        if parts:
            found.append(Breakdown(total, tuple(parts), (), breakdown.exhaustive, breakdown.cue))
            if breakdown.cue != "total":
                used.update(i for i, f in enumerate(counted) if f in parts)
    return found


def _kinds_after(text: str, total: Figure, rest: list[Figure], lists: bool) -> list[Figure]:
    """ "3,798 casualties, 504 killed, 1,881 wounded and 1,413 missing": an aggregate followed at once by a
    list of counts of disjoint kinds within it."""
    if not _LIST_GAP.fullmatch(text, total.end, rest[0].start):
        return []
    parts = list_after(text, total.end, rest, lists)
    return parts if split_of(total, parts) else []


def split_of(total: Figure, parts: list[Figure]) -> bool:
    """Whether counts of two or more disjoint kinds, each within the total's kinds, split it."""
    kinds = [as_losses(p.category) for p in parts]
    whole = as_losses(total.category)
    if len(kinds) < 2 or len(whole) < 2 or any(not k or not k < whole for k in kinds):
        return False
    if any(p.sides and p.sides != total.sides for p in parts):
        return False  # "3,798 Union casualties, 1,491 Confederate killed"
    return all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])


def _closing(text: str, start: int) -> int:
    opening = text.find("(", start)
    closing = text.find(")", opening)
    return closing if closing != -1 else len(text)


def list_after(text: str, cue_end: int, rest: list[Figure], semicolons: bool = False) -> list[Figure]:
    """The figures listed right after a cue, each joined to the last by a comma or "and" (or, in a note or
    an infobox line, a semicolon: "10,749 dead; 34,225 wounded; 22,487 captured").

    The first must follow the cue closely: "including Major Max Gruber, II./KG 53's commander"
    lists a person, not a count.
    """
    if not rest or rest[0].start - cue_end > _NEAR_CUE:
        return []
    separators = r",|;|\band\b" if semicolons else r",|\band\b"
    stops = "()" if semicolons else ";()"
    parts = [rest[0]]
    for figure in rest[1:]:
        between = text[parts[-1].end : figure.start]
        if len(between) > 60 or any(mark in between for mark in stops) or not re.search(separators, between):
            break
        parts.append(figure)
    return parts


def _list_before(text: str, total: Figure, before: list[Figure], gap: re.Pattern[str] | None = None) -> list[Figure]:
    """ "20 rebels, 10 soldiers and 5 civilians, 40 people in total": the list that ends right before a total
    (``gap``: what may stand between the list and the total)."""
    if not before or not (gap or _LIST_END).fullmatch(text, before[-1].end, total.start):
        return []
    parts = [before[-1]]
    for figure in reversed(before[:-1]):
        between = text[figure.end : parts[0].start]
        if len(between) > 60 or any(mark in between for mark in ";()") or not re.search(r",|\band\b", between):
            break
        parts.insert(0, figure)
    return parts


def fits(part: Figure, total: Figure) -> bool:
    """Whether a part counts the kind of loss its total counts (deserters are not dead)."""
    return part.implied or as_losses(part.category) <= as_losses(total.category)
