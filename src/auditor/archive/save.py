"""Save Page Now: ask the archive to capture a cited page it lacks (``--save-missing``).

waybackpy's save client supplies the request and reads the new capture's
address from the answer's headers; the request itself goes through our HTTP
client, so it has a timeout, honours Retry-After, stops after repeated 429s
and is never cached, and through a rate limiter of its own (Save Page Now
allows a few captures a minute to a client without an account).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from requests_cache import DO_NOT_CACHE
from waybackpy import WaybackMachineSaveAPI

from ..urls import parse_archive_link
from .http import USER_AGENT, HttpClient, NetworkError
from .ratelimit import RateLimiter
from .settings import ArchiveSettings


class _Save(WaybackMachineSaveAPI):  # type: ignore[misc]
    def __init__(self, url: str, client: HttpClient, save_url: str) -> None:
        super().__init__(url, user_agent=USER_AGENT, max_tries=1)
        self.request_url = save_url + self.url
        self._client = client

    def get_save_request_headers(self) -> None:
        # NOTE: waybackpy's own request has no timeout and reports 429 as an exception after a bare GET.
        self.response = self._client.get(self.request_url, None, DO_NOT_CACHE)
        self.headers = self.response.headers
        self.status_code = self.response.status_code
        self.response_url = self.response.url


class Saver:
    def __init__(self, client: HttpClient, settings: ArchiveSettings) -> None:
        self.client = client
        self.settings = settings
        client.trust(settings.save_url)
        client.limit(settings.save_url, RateLimiter(settings.saves_per_minute, sleep=client.sleep))

    def save(self, url: str) -> tuple[str | None, str | None]:
        """The address of a capture made now, or why none was made."""
        request = _Save(url, self.client, self.settings.save_url)
        try:
            request.get_save_request_headers()
        except NetworkError as error:
            return None, f"the archive did not save it: {error}"
        # NOTE: waybackpy searches str(headers), a dict's repr, for "Content-Location: /web/...", which never
        # matches; the header is read here, and waybackpy's parser kept for its Link and URL forms.
        location = request.headers.get("Content-Location", "") if request.headers else ""
        replay = urlsplit(self.settings.replay_url)
        found = f"{replay.scheme}://{replay.netloc}{location}" if location.startswith("/") else location or None
        found = found or request.archive_url_parser()
        link = parse_archive_link(found, self.settings.replay_url) if found else None
        if link is None:
            return None, "the archive answered without saying where the capture is"
        return self.settings.replay(link.timestamp, link.original), None
