"""The one HTTP client: a shared cached session, explicit timeouts, retries that honour Retry-After.

Responses are cached on disk with requests-cache (SQLite, in the user cache
directory unless ``--cache-dir`` says otherwise). Only 200 answers are cached,
so an error is never remembered as an answer; a caller chooses how long an
answer stays fresh. ``--offline`` answers from the cache alone.

A server that keeps refusing with 429 is not asked again in this run: the
Internet Archive blocks an address that ignores its 429s for a minute, for an
hour and longer at each repeat. A host that keeps answering with server errors
(5xx) is not asked again in this run either.

Every request goes through ``transport.GuardedAdapter``: the address policy
(``addresses.py``), a total deadline, and caps on an answer's size. An answer
that breaks off, is too large or too slow costs the request that got it, never
the run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote_plus, urlsplit

import requests
import requests_cache
from requests.structures import CaseInsensitiveDict

from .. import __version__
from .addresses import AddressPolicy, AddressRefused
from .ratelimit import LimitedAdapter, RateLimiter
from .transport import ACCEPT_ENCODING, DeadlineExceeded, GuardedAdapter, Limits

USER_AGENT = f"auditor/{__version__} (citation-integrity linter; https://pypi.org/project/auditor/)"
_RETRIED = frozenset({429, 500, 502, 503, 504})
_TIMEOUTS_TO_GIVE_UP = 2  # a host that lets two requests time out is not waited on a third time
_OFFLINE_MISS = 504  # requests-cache's answer, with only_if_cached, for a request it has not seen
T = TypeVar("T")
_READ_TABLE = "auditor_read"  # beside the cache's answers: what callers read of them (``HttpClient.keep``)
_CREATE_READ = f"CREATE TABLE IF NOT EXISTS {_READ_TABLE} (key TEXT PRIMARY KEY, value TEXT, expires INTEGER)"
_DERIVED_TABLE = "auditor_derived"  # and what they made of that with more inputs (``HttpClient.keep_derived``)
_BATCH = 500  # rows asked for in one query: well under SQLite's limit on a statement's parameters


class UnexpectedReply(ValueError):
    """A JSON answer of a shape its reader cannot use: the message says what is missing."""


class NetworkError(Exception):
    """A request that failed after the retries it deserved: what, and where."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{urlsplit(url).netloc or url}: {message}")
        self.url = url
        self.message = message


@dataclass(frozen=True, slots=True)
class HttpSettings:
    cache_dir: Path | None = None  # None: the user cache directory
    offline: bool = False
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retries: int = 4  # after the first try, on 429 and 5xx
    backoff: float = 1.0  # seconds, doubled at each retry that has no Retry-After
    longest_wait: float = 60.0  # a Retry-After beyond this ends the retries
    refusals_to_stop: int = 4  # 429s in a row, across requests, after which nothing more is asked
    server_errors_to_stop: int = 10  # 5xx in a row from one host (two requests' tries) before it is left alone
    deadline: float = 120.0  # seconds for a whole request, however steadily its bytes come
    max_answer_bytes: int = 64 * 2**20  # of an answer's body, as sent and once decompressed


@dataclass
class HttpClient:
    settings: HttpSettings = field(default_factory=HttpSettings)
    sleep: Callable[[float], None] = time.sleep
    counts: Counter[str] = field(default_factory=Counter)  # "cached", "fetched", "failed"

    def __post_init__(self) -> None:
        if self.settings.cache_dir is None:
            name, in_user_cache = "auditor/http", True
        else:
            self.settings.cache_dir.mkdir(parents=True, exist_ok=True)
            name, in_user_cache = str(self.settings.cache_dir / "http"), False
        self.session = requests_cache.CachedSession(
            name,
            backend="sqlite",
            use_cache_dir=in_user_cache,
            allowable_codes=(200,),
            expire_after=timedelta(days=1),
            only_if_cached=self.settings.offline,
            key_fn=_cache_key,
        )
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept-Encoding"] = ACCEPT_ENCODING
        self.policy = AddressPolicy()  # the archive's settings may lift it (--allow-private-addresses)
        self.limits = Limits(self.settings.deadline, self.settings.max_answer_bytes)
        for scheme in ("http://", "https://"):
            self.session.mount(scheme, GuardedAdapter(self.policy, self.limits))
        if not any(name.lower().endswith("_proxy") for name in os.environ):
            # NOTE: requests scans the environment for proxies on every request: half the time of an answer
            # from the cache. With no proxy set there is nothing to find; with one, requests looks as usual.
            self.session.trust_env = False
        self.refusals = 0  # 429s in a row
        self.halted: str | None = None  # why nothing more is asked, once the server has said stop
        self.unreachable: dict[str, str] = {}  # host -> why: not tried again in this run
        self._timeouts: Counter[str] = Counter()
        self._server_errors: Counter[str] = Counter()  # host -> 5xx in a row

    @property
    def cache_root(self) -> Path:
        """The directory the HTTP cache lives in: what is derived from its answers is kept beside it."""
        return Path(self.session.cache.db_path).parent

    def limit(self, prefix: str, limiter: RateLimiter) -> None:
        """Send every request under ``prefix`` through ``limiter`` (answers from the cache pass freely)."""
        self.session.mount(prefix, LimitedAdapter(limiter, self.policy, self.limits))

    def trust(self, *endpoints: str | None) -> None:
        """Trust endpoints the user configured, with everything on their origins, as the address policy says."""
        self.policy.trust(*endpoints)

    def get(
        self,
        url: str,
        params: dict[str, str] | None,
        fresh_for: timedelta | int,
        accept: tuple[int, ...] = (),
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """GET ``url``: a 200 answer, or one whose status is in ``accept``; anything else raises NetworkError.
        A redirect is followed unless its status is accepted. Of ``headers``, only ``Accept-Datetime`` may
        change the answer: it is part of the cache key, the others are not."""
        return self._get(url, params or {}, fresh_for, accept, headers or {})

    def keep_for(self, response: requests.Response, fresh_for: timedelta) -> None:
        """Keep an answer in the cache ``fresh_for`` from now: one that may soon change ("no capture yet"), or
        an accepted answer other than 200 (a redirect), which the cache does not keep by itself."""
        if not getattr(response, "from_cache", False):
            key = getattr(response, "cache_key", None) or _cache_key(response.request)  # None: not cached yet
            self.session.cache.save_response(response, key, expires=datetime.now(UTC) + fresh_for)

    def forget(self, response: requests.Response) -> None:
        """Drop an answer from the cache: it was unreadable, and must not be served again."""
        if key := getattr(response, "cache_key", None):
            self.session.cache.delete(key)
            with suppress(sqlite3.OperationalError), self._connection(commit=True) as connection:
                connection.execute(f"DELETE FROM {_READ_TABLE} WHERE key = ?", (key,))

    def recall(self, url: str, params: dict[str, str], read: Callable[[str], T | None]) -> T | None:
        """What a caller kept of the fresh cached answer to GET ``url`` with ``params`` (``keep``), as ``read``
        makes it (None: unreadable, ask as usual), found without the answer: one small row, where the answer
        costs unpickling a response and decoding its body."""
        if self._given_up(url):
            return None  # the request says why, as it would for an answer kept whole
        key = _key("GET", sent_url(url, params), None)
        try:
            kept = self._fresh(_READ_TABLE, key)
        except sqlite3.OperationalError:  # no table yet: nothing kept
            return None
        if kept is None or (found := read(kept)) is None:
            return None
        self.counts["cached"] += 1
        return found

    def keep(self, response: requests.Response, read: str) -> None:
        """Keep ``read``, what the caller read of a cached answer, for exactly as long as the cache keeps the
        answer; ``recall`` returns it. An answer the cache does not hold (an error, a 404) keeps nothing."""
        key = getattr(response, "cache_key", None) or _cache_key(response.request)
        with self._connection(commit=True) as connection:
            row = connection.execute(
                f"SELECT expires FROM {self.session.cache.responses.table_name} WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                return
            connection.execute(_CREATE_READ)
            connection.execute(f"INSERT OR REPLACE INTO {_READ_TABLE} VALUES (?, ?, ?)", (key, read, row[0]))

    def recall_derived(self, url: str, names: Iterable[str], read: Callable[[str, str], T | None]) -> dict[str, T]:
        """What callers kept under each of ``names`` (``keep_derived``) while what was kept of the answer it was
        made from is fresh, by name, as ``read(name, kept)`` makes it (None: ask as usual): one row each, found
        without the answer's key, a batch of them in one query (a query costs as much again as its row)."""
        if self._given_up(url):
            return {}
        by_key = {_key("DERIVED", name, None): name for name in names}
        keys, found, now = list(by_key), {}, time.time()
        try:
            with self._connection() as connection:
                for start in range(0, len(keys), _BATCH):
                    batch = keys[start : start + _BATCH]
                    # Through the row it was made from, as that row is now: gone, or replaced by a newer answer's,
                    # it is not used.
                    query = (
                        f"SELECT d.key, d.value, d.expires FROM {_DERIVED_TABLE} AS d JOIN {_READ_TABLE} AS r"
                        f" ON r.key = d.answer AND r.expires IS d.expires WHERE d.key IN ({','.join('?' * len(batch))})"
                    )
                    for key, value, expires in connection.execute(query, batch):
                        if (expires is None or expires > now) and (made := read(by_key[key], value)) is not None:
                            found[by_key[key]] = made
        except sqlite3.OperationalError:  # no table yet: nothing kept
            return {}
        self.counts["cached"] += len(found)
        return found

    def keep_derived(self, name: str, url: str, params: dict[str, str], derived: str) -> None:
        """Keep ``derived`` under ``name``: what a caller made of what it kept of the answer to GET ``url``
        with ``params`` (``keep``) and of other inputs, which ``name`` holds. It lasts exactly as long as
        that: it is read through the row it was made from, so it expires and is forgotten with the answer.
        Nothing is kept beside an answer of which nothing was kept."""
        answer = _key("GET", sent_url(url, params), None)
        with self._connection(commit=True) as connection:
            connection.execute(_CREATE_READ)
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {_DERIVED_TABLE}"
                " (key TEXT PRIMARY KEY, answer TEXT, expires INTEGER, value TEXT)"
            )
            connection.execute(
                f"INSERT OR REPLACE INTO {_DERIVED_TABLE} SELECT ?, key, expires, ? FROM {_READ_TABLE} WHERE key = ?",
                (_key("DERIVED", name, None), derived, answer),
            )

    def _given_up(self, url: str) -> bool:
        """Whether the run has stopped asking, or stopped asking ``url``'s host: nothing kept is recalled then."""
        return bool(self.halted) or (bool(self.unreachable) and urlsplit(url).netloc in self.unreachable)

    def _connection(self, commit: bool = False) -> AbstractContextManager[sqlite3.Connection]:
        """The cache's own connection to its database, which also holds what callers kept of its answers."""
        return self.session.cache.responses.connection(commit=commit)

    def get_json(self, url: str, params: dict[str, str], fresh_for: timedelta | int, read: Callable[[Any], T]) -> T:
        """GET ``url`` and ``read`` its JSON; ``fresh_for`` is how long a cached answer may be reused
        (``requests_cache.NEVER_EXPIRE`` for an answer that cannot change). An answer that is not JSON,
        or that ``read`` finds of the wrong shape (``UnexpectedReply``), is not kept."""
        response = self._get(url, params, fresh_for, (), {})
        try:
            data = response.json()
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the decoder goes
            self.forget(response)
            raise NetworkError(url, "answered with something that is not JSON") from None
        try:
            return read(data)
        except UnexpectedReply as error:
            self.forget(response)
            raise NetworkError(url, str(error)) from None

    def _get(
        self,
        url: str,
        params: dict[str, str],
        fresh_for: timedelta | int,
        accept: tuple[int, ...],
        headers: dict[str, str],
    ) -> requests.Response:
        timeout = (self.settings.connect_timeout, self.settings.read_timeout)
        host = urlsplit(url).netloc
        for attempt in range(self.settings.retries + 1):
            if self.halted or host in self.unreachable:
                self.counts["failed"] += 1
                raise NetworkError(url, self.halted or self.unreachable[host])
            if attempt == 0 and (cached := self._from_cache(url, params, headers)) is not None:
                self.counts["cached"] += 1
                return cached
            follow = not any(300 <= status < 400 for status in accept)
            try:
                response = self.session.get(
                    url, params=params, headers=headers, timeout=timeout, expire_after=fresh_for, allow_redirects=follow
                )
            except AddressRefused as refused:
                self.counts["failed"] += 1
                raise NetworkError(url, str(refused)) from None
            except requests.Timeout as error:
                self.counts["failed"] += 1
                self._timeouts[host] += 1
                reason = str(error) if isinstance(error, DeadlineExceeded) else None
                reason = reason or f"no answer within {self.settings.read_timeout:g} s"
                if self._timeouts[host] >= _TIMEOUTS_TO_GIVE_UP:
                    self.unreachable[host] = f"{reason}, {self._timeouts[host]} times: not asked again in this run"
                raise NetworkError(url, reason) from None
            except requests.TooManyRedirects:
                self.counts["failed"] += 1
                raise NetworkError(url, "redirects in a loop") from None
            except requests.ConnectionError as error:
                self.counts["failed"] += 1
                reason = f"cannot connect ({reason_of(error)})"
                # NOTE: without this, a run with no network waits out every lookup's DNS timeout in turn.
                self.unreachable[host] = reason
                raise NetworkError(url, reason) from None
            except requests.RequestException as error:  # broke off, too large, undecodable: this request only
                self.counts["failed"] += 1
                raise NetworkError(url, str(error) or type(error).__name__) from None
            except ValueError:  # a redirect to an address that cannot be parsed, such as "http://[::1"
                self.counts["failed"] += 1
                raise NetworkError(url, "redirected to an address that is not a valid URL") from None
            if self.settings.offline and response.status_code == _OFFLINE_MISS:
                self.counts["failed"] += 1
                raise NetworkError(url, "not in the cache, and --offline forbids fetching it")
            if getattr(response, "from_cache", False):
                self.counts["cached"] += 1
                return response
            self.counts["fetched"] += 1
            self._note_refusal(response.status_code)
            self._note_server_error(host, response.status_code)
            if response.status_code == 200 or response.status_code in accept:
                return response
            if response.status_code not in _RETRIED or attempt == self.settings.retries:
                break
            wait = _retry_after(response) or self.settings.backoff * 2**attempt
            if wait > self.settings.longest_wait:
                self.counts["failed"] += 1
                raise NetworkError(url, f"HTTP {response.status_code}, and asks to wait {wait:.0f} s; try again later")
            self.sleep(wait)
        self.counts["failed"] += 1
        tries = f" after {self.settings.retries + 1} tries" if response.status_code in _RETRIED else ""
        raise NetworkError(url, f"HTTP {response.status_code} {response.reason or ''}".rstrip() + tries)

    def _from_cache(self, url: str, params: dict[str, str], headers: dict[str, str]) -> requests.Response | None:
        """A fresh answer from the cache, read directly: the session's own path to it costs three times as long,
        and building a request to find its key (and the cache's response object) most of the rest."""
        key = _key("GET", sent_url(url, params), headers.get("Accept-Datetime"))
        if (value := self._fresh(self.session.cache.responses.table_name, key)) is None:
            return None
        return _response(value, key) or self.session.cache.get_response(key)  # type: ignore[return-value]

    def _fresh(self, table: str, key: str) -> Any:
        """The value of ``key``'s row in ``table`` of the cache's database, unless it has expired."""
        with self._connection() as connection:
            row = connection.execute(f"SELECT value, expires FROM {table} WHERE key = ?", (key,)).fetchone()
        return None if row is None or (row[1] is not None and row[1] <= time.time()) else row[0]

    def _note_server_error(self, host: str, status: int) -> None:
        """A host whose server errors go on, request after request, is down: not asked again in this run."""
        self._server_errors[host] = self._server_errors[host] + 1 if status >= 500 else 0
        if self._server_errors[host] >= self.settings.server_errors_to_stop:
            count = self._server_errors[host]
            self.unreachable[host] = f"stopped asking after {count} server errors in a row (HTTP {status})"

    def _note_refusal(self, status: int) -> None:
        self.refusals = self.refusals + 1 if status == 429 else 0
        if self.refusals >= self.settings.refusals_to_stop:
            self.halted = f"stopped asking after {self.refusals} refusals in a row (HTTP 429 Too Many Requests)"


def _cache_key(request: requests.PreparedRequest, **_: Any) -> str:
    """The cache key of a request: its method and its URL as sent, parameters in the order we give them,
    and the date a Memento TimeGate is asked about.

    NOTE: requests-cache's own key normalises the URL and headers first, a third of the time an answer
    from the cache takes; every request here is built one way, so the URL as sent is already canonical.
    """
    return _key(request.method or "GET", request.url or "", request.headers.get("Accept-Datetime"))


def _key(method: str, url: str, moment: str | None) -> str:
    text = f"{method} {url}" + (f" @{moment}" if moment else "")
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


# An http(s) URL that requests sends as it is written: a lower-case host, a path of characters it never
# quotes or unquotes (no "%"), no query or fragment of its own.
_PLAIN_URL = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]+)?/[A-Za-z0-9._~!$&'()*+,;=:@/-]*")


# What ``quote_plus`` makes of each ASCII character, as one str.translate table: it runs in C, where
# quote_plus goes character by character in Python.
_QUOTED = {
    code: "+" if code == 0x20 else f"%{code:02X}"
    for code in range(128)
    if not (chr(code).isalnum() or chr(code) in "_.-~")
}


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote_plus leaves as it is: most parameters, whole


def _quote(value: str) -> str:
    if _UNQUOTED.fullmatch(value):
        return value
    return value.translate(_QUOTED) if value.isascii() else quote_plus(value)


def sent_url(url: str, params: dict[str, str]) -> str:
    """The URL requests sends for ``url`` with ``params`` (its ``PreparedRequest.url``), without building a
    request for the common case: a plain URL, and parameters quoted as ``urlencode`` quotes them for requests
    (unreserved characters as they are, the rest quoted, which requests' re-quoting keeps)."""
    if _PLAIN_URL.fullmatch(url) and "/." not in url:  # urllib3 removes dot segments ("/a/../b")
        query = "&".join(
            [f"{_quote(str(name))}={_quote(str(value))}" for name, value in params.items() if value is not None]
        )
        return f"{url}?{query}" if query else url
    prepared = requests.PreparedRequest()
    prepared.prepare_url(url, params)
    return prepared.url or url


def _response(stored: bytes, key: str) -> requests.Response | None:
    """A cached answer as a plain Response, from the row requests-cache wrote (its ``pickle`` serializer:
    the response's fields as a dict); None when the row has another shape, for the cache to read it."""
    try:
        fields = pickle.loads(stored)
        response = requests.Response()
        response.status_code = fields["status_code"]
        response._content = fields["_content"]
        response.headers = CaseInsensitiveDict(fields["headers"])
        response.url = fields["url"]
        response.encoding = fields["encoding"]
        response.reason = fields["reason"]
    except (pickle.UnpicklingError, TypeError, KeyError, EOFError, AttributeError, ValueError):
        return None
    if not isinstance(response._content, bytes):
        return None
    response.from_cache = True  # type: ignore[attr-defined]
    response.cache_key = key  # type: ignore[attr-defined]
    return response


def _retry_after(response: requests.Response) -> float | None:
    """Seconds the server asks us to wait: ``Retry-After`` as seconds or as an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def reason_of(error: requests.ConnectionError) -> str:
    text = str(error)
    for known in ("Connection refused", "Name or service not known", "Temporary failure in name resolution",
                  "Network is unreachable", "No route to host", "Connection reset"):  # fmt: skip
        if known in text:
            return known.lower()
    return type(error).__name__
