"""Pin a copy of a wiki article to the revision it was made from.

The revisions come from a ``RevisionSource``: the wiki's API (``ApiRevisions``, through the one cached,
rate-limited client) or a dump's page history (``dumps.history``). The search starts at the revision
current at the end of the copy's as-of day and goes outward, one older, one newer, in turn; a side stops
after ``patience`` revisions in a row that score no better than the best so far, and the whole search
at a perfect score or at ``max_revisions`` texts read. Revisions beside the copy's differ from it by a
few edits each, so once the scores fall away on a side they do not come back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from .archive.articles import ArticleSpec, parse_article_spec
from .config.settings import Settings
from .document import Document
from .engine import audit_document
from .errors import InputError
from .extract.dates import Dates
from .extract.facts import Facts
from .extract.origin import Candidate, PinnedRevision, Profile, compare, profile, retrieved_day, similarity
from .extract.sources import original_of
from .readers.files import discover, read_document
from .readers.wikitext import read_wikitext
from .report import FileReport

if TYPE_CHECKING:
    from .archive.http import HttpClient

_PERFECT = 0.9999


@dataclass(frozen=True, slots=True)
class PinOptions:
    article: str | None = None  # en:TITLE or a URL; None: the one the copy names, else its title
    as_of: date | None = None  # None: the day the copy says it was taken, else the as-of date its text implies
    api_url: str | None = None  # another wiki's API, or a test server's
    min_score: float = 0.5  # below this, no revision is taken for the copy's
    api_rate: float | None = None  # requests a minute to the API; None: archive.revisions.REQUESTS_PER_MINUTE
    patience: int = 3  # revisions in a row no better than the best, after which a side of the search stops
    max_revisions: int = 50  # texts read at most, for one copy


class Stamp(Protocol):
    revision: int
    timestamp: str


class RevisionSource(Protocol):
    site: str

    def around(self, as_of: date | None, older: bool, limit: int) -> tuple[str, list[Stamp]]:
        """The title as the source spells it, and up to ``limit`` revisions, nearest ``as_of`` first."""
        ...

    def text(self, title: str, revision: int) -> str:
        """The wikitext of one revision."""
        ...


class PinError(InputError):
    """No revision could be pinned: the article, the source or the match failed. One line, for the user."""


def article_of(copy: Document, dates: Dates, options: PinOptions) -> ArticleSpec:
    """The article ``copy`` was made from: as the options name it, as its own provenance gives it, else by
    its title on the English Wikipedia."""
    if options.article:
        spec = parse_article_spec(options.article)
        if spec is None:
            raise PinError(copy.path, f"--article {options.article!r} names no article: give en:TITLE or its URL")
        return spec
    original = original_of(copy, dates)
    if original is not None and (spec := parse_article_spec(original.url)) is not None:
        return spec
    if copy.provenance.source_url and (spec := parse_article_spec(copy.provenance.source_url)) is not None:
        return spec
    if copy.title:
        return ArticleSpec("en.wikipedia.org", copy.title)
    raise PinError(copy.path, "the copy names no article and has no title: give --article TITLE or URL")


def pin_copy(
    copy: Document,
    source: RevisionSource,
    as_of: date | None,
    options: PinOptions,
    spec: ArticleSpec,
    known: dict[tuple[str, int], tuple[Document, Profile]] | None = None,
) -> PinnedRevision:
    """The revision of ``source`` that ``copy`` matches best, and the diff against it; PinError when the
    history is empty or no revision scores ``options.min_score``. ``known`` keeps the revisions read, by
    site and id, for the next copy of the same article."""
    ours = profile(copy)
    if not ours.passages:
        raise PinError(copy.path, "the copy has no sentences to match against the article's revisions")
    title, older = source.around(as_of, True, options.max_revisions)
    newer = source.around(as_of, False, options.max_revisions)[1] if as_of is not None else []
    if not older and not newer:
        raise PinError(copy.path, f"{spec.shown} has no revisions{f' around {as_of}' if as_of else ''}")
    read = {} if known is None else known

    def score(stamp: Stamp) -> Candidate:
        key = (source.site, stamp.revision)
        if key not in read:
            doc = read_wikitext(f"{title} (revision {stamp.revision})", source.text(title, stamp.revision), title)
            read[key] = doc, profile(doc)
        return Candidate(stamp.revision, stamp.timestamp, round(similarity(ours, read[key][1]), 4))

    scored = _search([older, newer], score, options)
    ranked = sorted(scored, key=lambda c: -c.score)  # stable: of equal scores, the one nearest as_of
    best = ranked[0]
    if best.score < options.min_score:
        raise PinError(
            copy.path,
            f"no revision of {spec.shown} matches the copy well enough: the best, {best.revision} of"
            f" {best.timestamp}, scores {best.score:.2f} (at least {options.min_score:.2f} is needed)",
        )
    return PinnedRevision(
        site=source.site,
        title=title,
        revision=best.revision,
        timestamp=best.timestamp,
        score=best.score,
        runner_up=ranked[1] if len(ranked) > 1 else None,
        fetched=len(scored),
        listed=len(older) + len(newer),
        diff=compare(copy, read[(source.site, best.revision)][0]),
    )


def _search(sides: list[list[Stamp]], score: Callable[[Stamp], Candidate], options: PinOptions) -> list[Candidate]:
    """Score revisions outward from the as-of date, one side then the other, until neither can do better."""
    scored: list[Candidate] = []
    best = -1.0
    stale = [0, 0]
    place = [0, 0]
    while len(scored) < options.max_revisions and best < _PERFECT:
        moved = False
        for side, stamps in enumerate(sides):
            if place[side] >= len(stamps) or stale[side] >= options.patience or len(scored) >= options.max_revisions:
                continue
            found = score(stamps[place[side]])
            place[side] += 1
            moved = True
            scored.append(found)
            if found.score > best:
                best, stale[side] = found.score, 0
            else:
                stale[side] += 1
            if best >= _PERFECT:
                break
        if not moved:
            break
    return scored


@dataclass
class ApiRevisions:
    """Revisions through the wiki's API, with the run's HTTP client: listings and texts cached."""

    client: HttpClient
    spec: ArticleSpec
    api_url: str | None = None
    per_minute: float | None = None  # requests to the API; None: archive.revisions.REQUESTS_PER_MINUTE

    def __post_init__(self) -> None:
        from .archive.revisions import REQUESTS_PER_MINUTE, limit_api

        limit_api(self.client, self.api_url or self.spec.api_url, self.per_minute or REQUESTS_PER_MINUTE)

    @property
    def site(self) -> str:
        return self.spec.site

    def around(self, as_of: date | None, older: bool, limit: int) -> tuple[str, list[Stamp]]:
        from .archive.http import NetworkError
        from .archive.mediawiki import ArticleError
        from .archive.revisions import list_revisions

        try:
            title, stamps = list_revisions(self.client, self.spec, as_of, older, limit, self.api_url)
        except NetworkError as error:
            raise PinError(self.spec.shown, f"cannot reach the wiki: {error}") from None
        except ArticleError as error:
            raise PinError(self.spec.shown, str(error)) from None
        return title, list(stamps)

    def text(self, title: str, revision: int) -> str:
        from .archive.http import NetworkError
        from .archive.mediawiki import ArticleError, fetch_revision

        try:
            return fetch_revision(self.client, self.spec, revision, api_url=self.api_url).wikitext
        except NetworkError as error:
            raise PinError(self.spec.shown, f"cannot reach the wiki: {error}") from None
        except ArticleError as error:
            raise PinError(self.spec.shown, str(error)) from None


@dataclass(frozen=True, slots=True)
class PinOutcome:
    """One copy: pinned and audited against its revision (``file.facts.origin``), or why it could not be."""

    path: str
    file: FileReport | None = None
    error: str | None = None


SourcesFor = Callable[[list[ArticleSpec]], Callable[[ArticleSpec], RevisionSource]]


def pin_paths(paths: list[str], settings: Settings, options: PinOptions, sources: SourcesFor) -> list[PinOutcome]:
    """Pin every copy under ``paths`` and audit it with ``settings``; ``sources`` gives, once the copies'
    articles are known, the revision source of each. One copy that fails never stops the others."""
    outcomes: list[PinOutcome] = []
    found = discover(paths)
    outcomes += [PinOutcome(e.path, error=e.message) for e in found.errors]
    read: list[Facts] = []
    for path, shown in found.files:
        try:
            read.append(Facts(read_document(path, shown, settings.max_bytes)))
        except InputError as error:
            outcomes.append(PinOutcome(shown, error=error.message))
    for facts, pinned in zip(read, pin_documents(read, options, sources), strict=True):
        if isinstance(pinned, str):
            outcomes.append(PinOutcome(facts.doc.path, error=pinned))
            continue
        audited = audit_document(facts.with_origin(pinned), settings, keep=True)
        if isinstance(audited, FileReport):
            outcomes.append(PinOutcome(facts.doc.path, audited))
        else:
            outcomes.append(PinOutcome(audited.path, error=audited.message))
    return outcomes


def pin_documents(read: list[Facts], options: PinOptions, sources: SourcesFor) -> list[PinnedRevision | str]:
    """Each document pinned, or why it could not be (one line)."""
    specs: list[ArticleSpec | str] = []
    for facts in read:
        try:
            specs.append(article_of(facts.doc, facts.dates, options))
        except InputError as error:
            specs.append(error.message)
    named = [spec for spec in specs if not isinstance(spec, str)]
    try:
        source_of = sources(named) if named else None
    except InputError as error:  # a dump that cannot be read: every copy waits on it
        return [error.message] * len(read)
    known: dict[tuple[str, int], tuple[Document, Profile]] = {}  # revisions read, for the next copy
    last = None
    pinned: list[PinnedRevision | str] = []
    for facts, spec in zip(read, specs, strict=True):
        if isinstance(spec, str) or source_of is None:
            pinned.append(str(spec))
            continue
        if spec != last:  # copies of one article are read one after another: only theirs are kept
            known.clear()
            last = spec
        as_of = options.as_of or retrieved_day(facts.doc.provenance.retrieved)  # when the copy says it was taken
        if as_of is None and (original := original_of(facts.doc, facts.dates)) is not None:
            as_of = original.as_of  # else when its text dates itself
        try:
            pinned.append(pin_copy(facts.doc, source_of(spec), as_of, options, spec, known))
        except InputError as error:
            pinned.append(error.message)
    return pinned
