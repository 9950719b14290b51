"""Each cited URL requested once, as it is now (``--check-live``): never cached, never by default.

A cited URL is the document's, not the user's: the address policy applies to it and to every redirect,
whatever host it names, and a refused one is reported as refused, not requested.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from ..extract.sources import LiveCheck
from .addresses import AddressRefused, check_scheme
from .http import HttpClient, reason_of

TIMEOUT = (5.0, 15.0)


def check_live(client: HttpClient, key: str, url: str) -> LiveCheck:
    """Whether ``url`` answers now: HEAD first, GET when the server refuses HEAD; redirects followed."""
    try:
        check_scheme(urlsplit(url).scheme)  # requests would refuse it with less to say
        with client.session.cache_disabled(), client.policy.untrusted():
            response = client.session.head(url, timeout=TIMEOUT, allow_redirects=True)
            if response.status_code in (403, 405, 501):  # many servers refuse HEAD but serve GET
                response = client.session.get(url, timeout=TIMEOUT, allow_redirects=True, stream=True)
                response.close()
    except AddressRefused as refused:
        return LiveCheck(key, url, False, str(refused), refused=refused.private)
    except requests.Timeout:
        return LiveCheck(key, url, False, f"no answer within {TIMEOUT[1]:g} s")
    except requests.exceptions.InvalidSchema:  # a redirect to ftp:, file: ...
        return LiveCheck(key, url, False, "refused: redirected to a scheme other than http and https")
    except requests.TooManyRedirects:
        return LiveCheck(key, url, False, "redirects in a loop")
    except requests.exceptions.InvalidURL:  # an address requests cannot send, such as "http://::1/"
        return LiveCheck(key, url, False, "refused: not a valid URL")
    except requests.ConnectionError as error:
        return LiveCheck(key, url, False, f"cannot connect ({reason_of(error)})")
    except requests.RequestException as error:
        return LiveCheck(key, url, False, f"the request failed ({type(error).__name__})")
    except ValueError:  # the address, or one it redirects to, cannot be parsed ("http://[::1")
        return LiveCheck(key, url, False, "refused: not a valid URL")
    if response.status_code >= 400:
        return LiveCheck(key, url, False, f"HTTP {response.status_code} {response.reason or ''}".rstrip())
    return LiveCheck(key, url, True, f"HTTP {response.status_code}")
