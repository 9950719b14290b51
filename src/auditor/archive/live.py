"""Each cited URL requested once, as it is now (``--check-live``): never cached, never by default."""

from __future__ import annotations

import requests

from ..extract.sources import LiveCheck
from .http import HttpClient, reason_of

TIMEOUT = (5.0, 15.0)


def check_live(client: HttpClient, key: str, url: str) -> LiveCheck:
    """Whether ``url`` answers now: HEAD first, GET when the server refuses HEAD; redirects followed."""
    try:
        with client.session.cache_disabled():
            response = client.session.head(url, timeout=TIMEOUT, allow_redirects=True)
            if response.status_code in (403, 405, 501):  # many servers refuse HEAD but serve GET
                response = client.session.get(url, timeout=TIMEOUT, allow_redirects=True, stream=True)
                response.close()
    except requests.Timeout:
        return LiveCheck(key, url, False, f"no answer within {TIMEOUT[1]:g} s")
    except requests.TooManyRedirects:
        return LiveCheck(key, url, False, "redirects in a loop")
    except requests.ConnectionError as error:
        return LiveCheck(key, url, False, f"cannot connect ({reason_of(error)})")
    except requests.RequestException as error:
        return LiveCheck(key, url, False, f"the request failed ({type(error).__name__})")
    if response.status_code >= 400:
        return LiveCheck(key, url, False, f"HTTP {response.status_code} {response.reason or ''}".rstrip())
    return LiveCheck(key, url, True, f"HTTP {response.status_code}")
