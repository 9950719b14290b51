"""The address policy: requests made for a document never reach inside the network.

Every connection is intercepted: the test records each address a socket tries, and the suite's guard
refuses any that is not loopback; names resolve through a table here, never through DNS. A "public"
test site is served on 127.0.0.2, which these tests alone treat as public.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from auditor.archive import addresses
from auditor.archive.addresses import AddressPolicy, AddressRefused, numeric_host
from auditor.archive.gather import ArchiveOptions, gather
from auditor.archive.http import HttpClient, HttpSettings
from auditor.archive.live import check_live
from auditor.archive.settings import ArchiveSettings
from auditor.archive.wayback import Wayback
from auditor.extract.facts import Facts
from auditor.extract.sources import Status
from auditor.readers import read_html
from conftest import reply, serving, wikitext
from rules_helper import run_rule

PUBLIC = "127.0.0.2"  # stands for a public address here
CITED = datetime(2014, 5, 4, 23, 59, 59, tzinfo=UTC)


class Server(ThreadingHTTPServer):
    """Records each request; answers ``routes[path]`` as (status, headers, body)."""

    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), _Handler)
        self.asked: list[str] = []
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    @property
    def port(self) -> int:
        return self.server_address[1]


class _Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        self.server.asked.append(self.path)
        reply(self, *self.server.routes.get(self.path.split("?")[0], (200, {"Content-Type": "text/plain"}, b"ok")))

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def secret() -> Iterator[Server]:
    """A server inside the network, on loopback, that no document may reach."""
    with serving(Server()) as server:
        server.routes["/secret"] = (200, {"Content-Type": "text/plain"}, b"the cloud credentials")
        yield server


@pytest.fixture
def public() -> Iterator[Server]:
    with serving(Server(PUBLIC)) as server:
        yield server


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """Names resolved from a table, every connection attempt recorded, 127.0.0.2 taken for public."""
    names: dict[str, list[str]] = {"127.0.0.1.nip.io": ["127.0.0.1"], "public.example": [PUBLIC]}
    attempts: list[str] = []
    real_getaddrinfo, guarded_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        host = host.decode() if isinstance(host, bytes) else host
        if host in names:
            answer = names[host].pop(0) if len(names[host]) > 1 else names[host][0]
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer, port))]
        if numeric_host(host) is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, port, *args, **kwargs)

    def connect(sock, address):  # type: ignore[no-untyped-def]
        attempts.append(address[0] if isinstance(address, tuple) else address)
        return guarded_connect(sock, address)

    real_why = addresses.why_not_public
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(
        addresses, "why_not_public", lambda a: None if a == ipaddress.ip_address(PUBLIC) else real_why(a)
    )
    return {"names": names, "attempts": attempts}


FORMS = {
    "http://{secret}/secret": "refused: loopback address 127.0.0.1",
    "http://169.254.169.254/latest/meta-data/": "refused: link-local address 169.254.169.254",
    "http://10.0.0.1/": "refused: private address 10.0.0.1",
    "http://172.16.0.1/": "refused: private address 172.16.0.1",
    "http://192.168.1.1/": "refused: private address 192.168.1.1",
    "http://100.64.0.1/": "refused: non-public address 100.64.0.1",
    "http://0x7f.0.0.1:{port}/secret": "refused: loopback address 127.0.0.1 (0x7f.0.0.1)",
    "http://0177.0.0.1:{port}/secret": "refused: loopback address 127.0.0.1 (0177.0.0.1)",
    "http://127.1:{port}/secret": "refused: loopback address 127.0.0.1 (127.1)",
    "http://2130706433:{port}/secret": "refused: loopback address 127.0.0.1 (2130706433)",
    "http://127.0.0.1.nip.io:{port}/secret": "refused: loopback address 127.0.0.1 (127.0.0.1.nip.io)",
    "http://0.0.0.0:{port}/": "refused: unspecified address 0.0.0.0",
    "http://224.0.0.1/": "refused: multicast address 224.0.0.1",
    "http://240.0.0.1/": "refused: private address 240.0.0.1",
    "http://[::1]:{port}/secret": "refused: loopback address ::1",
    "http://[::ffff:127.0.0.1]:{port}/secret": "refused: loopback address 127.0.0.1 (::ffff:127.0.0.1)",
    "http://[::ffff:a9fe:a9fe]/": "refused: link-local address 169.254.169.254 (::ffff:a9fe:a9fe)",
    "http://[64:ff9b::a9fe:a9fe]/": "refused: link-local address 169.254.169.254 (64:ff9b::a9fe:a9fe)",
    "http://[fe80::1]/": "refused: link-local address fe80::1",
    "http://[fc00::1]/": "refused: private address fc00::1",
    "http://[ff02::1]/": "refused: multicast address ff02::1",
    "http://[::]/": "refused: unspecified address ::",
    "ftp://public.example/file": "refused: ftp scheme (only http and https are requested)",
    "file:///etc/passwd": "refused: file scheme (only http and https are requested)",
    "http://::1/": "refused: not a valid URL",
}


def _forms(port: int) -> dict[str, str]:
    return {url.format(secret=f"127.0.0.1:{port}", port=port): why for url, why in FORMS.items()}


def test_every_address_form_is_refused_before_anything_is_sent(network, secret, tmp_path):
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    for url, why in _forms(secret.port).items():
        check = check_live(client, url, url)
        assert (check.ok, check.refused, check.detail) == (False, "address" in why, why), url
    assert network["attempts"] == [] and secret.asked == []


def test_a_cited_loopback_page_is_never_fetched_and_the_finding_says_it_was_refused(network, secret, tmp_path):
    doc = Facts(wikitext(f"Secret.<ref>{{{{cite web |url=http://127.0.0.1:{secret.port}/secret |title=S}}}}</ref>\n"))
    archive = Server()
    archive.routes["/cdx/search/cdx"] = (200, {"Content-Type": "application/json"}, b"[]")
    with serving(archive):
        settings = ArchiveSettings(cdx_url=f"http://127.0.0.1:{archive.port}/cdx/search/cdx", requests_per_minute=6e4)
        options = ArchiveOptions(settings, check_live=True, recover=False)
        facts = gather([doc], HttpClient(HttpSettings(cache_dir=tmp_path)), options, date.today(), read_html)
    assert secret.asked == []  # the configured archive was asked; the cited page on loopback was not
    (live,) = facts.facts[0].live.values()
    assert live.detail == "refused: loopback address 127.0.0.1"
    (finding,) = run_rule("unreachable-source", doc.with_archive(facts.facts[0]))
    assert "was not requested now (refused: loopback address 127.0.0.1; --allow-private-addresses allows it)" in (
        finding.message
    )


def test_a_redirect_into_a_private_range_is_refused(network, public, secret, tmp_path):
    public.routes["/moved"] = (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")
    public.routes["/inside"] = (302, {"Location": f"http://127.0.0.1:{secret.port}/secret"}, b"")
    public.routes["/fine"] = (301, {"Location": "/ok"}, b"")
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    base = f"http://public.example:{public.port}"
    moved, inside, fine = (check_live(client, p, f"{base}/{p}") for p in ("moved", "inside", "fine"))
    assert (moved.refused, moved.detail) == (True, "refused: link-local address 169.254.169.254")
    assert (inside.refused, inside.detail) == (True, "refused: loopback address 127.0.0.1")
    assert (fine.ok, fine.detail) == (True, "HTTP 200")  # a redirect within the public site is followed
    assert set(network["attempts"]) == {PUBLIC} and secret.asked == []


def test_a_name_that_resolves_elsewhere_the_second_time_is_caught_on_the_socket(network, secret, tmp_path):
    network["names"]["rebind.example"] = [PUBLIC, "127.0.0.1"]  # public when checked, loopback when connecting
    client = HttpClient(HttpSettings(cache_dir=tmp_path))
    check = check_live(client, "k", f"http://rebind.example:{secret.port}/secret")
    assert (check.refused, check.detail) == (True, "refused: rebind.example connected to a loopback address 127.0.0.1")
    assert secret.asked == []  # the socket was closed before a byte of the request was sent


def test_the_configured_archive_is_trusted_but_a_redirect_it_sends_elsewhere_is_not(network, tmp_path):
    archive = Server()
    archive.routes["/cdx/search/cdx"] = (302, {"Location": "http://169.254.169.254/cdx"}, b"")
    with serving(archive):
        client = HttpClient(HttpSettings(cache_dir=tmp_path))
        cdx = f"http://127.0.0.1:{archive.port}/cdx/search/cdx"
        wayback = Wayback(client, ArchiveSettings(cdx_url=cdx, requests_per_minute=6e4))
        found = wayback.lookup("news.example/a", "http://news.example/a", CITED, CITED)
    assert found.status is Status.UNVERIFIED
    assert found.reason.endswith("refused: link-local address 169.254.169.254")
    assert network["attempts"] == ["127.0.0.1"]  # the archive, and nothing after


def _timemap(next_page: str) -> bytes:
    return (
        '<http://news.example/a>; rel="original",\n'
        f'<{next_page}>; rel="timemap"; type="application/link-format",\n'
        '<http://archive.example/web/20140420080000/http://news.example/a>; rel="memento";'
        ' datetime="Sun, 20 Apr 2014 08:00:00 GMT"\n'
    ).encode()


def test_a_timemap_page_on_a_link_local_address_is_not_followed(network, tmp_path):
    archive = Server()
    archive.routes["/timemap/http://news.example/a"] = (
        200,
        {"Content-Type": "application/link-format"},
        _timemap("http://169.254.169.254/timemap/2"),
    )
    with serving(archive):
        client = HttpClient(HttpSettings(cache_dir=tmp_path))
        settings = ArchiveSettings(timemap_url=f"http://127.0.0.1:{archive.port}/timemap/", requests_per_minute=6e4)
        found = Wayback(client, settings).lookup("news.example/a", "http://news.example/a", CITED, CITED)
    assert found.status is Status.UNVERIFIED and "refused: link-local address 169.254.169.254" in found.reason
    assert network["attempts"] == ["127.0.0.1"]


@pytest.mark.parametrize("allow", [False, True])
def test_allow_private_addresses_lets_a_loopback_archive_s_links_through(network, tmp_path, allow):
    second = Server()  # the archive's second TimeMap page, on another loopback origin
    second.routes["/page2"] = (
        200,
        {"Content-Type": "application/link-format"},
        b'<http://archive.example/web/20140501000000/http://news.example/a>; rel="memento";'
        b' datetime="Thu, 01 May 2014 00:00:00 GMT"\n',
    )
    archive = Server()
    with serving(second), serving(archive):
        archive.routes["/timemap/http://news.example/a"] = (
            200,
            {"Content-Type": "application/link-format"},
            _timemap(f"http://127.0.0.1:{second.port}/page2"),
        )
        client = HttpClient(HttpSettings(cache_dir=tmp_path))
        settings = ArchiveSettings(
            timemap_url=f"http://127.0.0.1:{archive.port}/timemap/",
            requests_per_minute=6e4,
            allow_private_addresses=allow,
        )
        found = Wayback(client, settings).lookup("news.example/a", "http://news.example/a", CITED, CITED)
    if allow:
        assert found.status is Status.ARCHIVED and found.capture.timestamp == "20140501000000"
        assert second.asked == ["/page2"]
    else:
        assert found.status is Status.UNVERIFIED and "refused: loopback address 127.0.0.1" in found.reason
        assert second.asked == []


def test_allow_private_addresses_is_a_flag_and_a_configuration_key(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    (tmp_path / "pyproject.toml").write_text("[tool.auditor.archive]\nallow-private-addresses = 'yes'\n")
    (tmp_path / "a.md").write_text("Text.\n")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / "pyproject.toml"), str(tmp_path / "a.md")])
    assert result.exit_code == 2 and "allow-private-addresses must be true or false" in result.output
    (tmp_path / "pyproject.toml").write_text("[tool.auditor.archive]\nallow-private-addresses = true\n")
    from auditor.config.settings import load_settings

    assert load_settings(tmp_path / "pyproject.toml").archive.allow_private_addresses is True


def test_numeric_hosts_are_read_as_the_c_resolver_reads_them():
    assert str(numeric_host("0x7f.1")) == "127.0.0.1"
    assert str(numeric_host("0300.0250.1.1")) == "192.168.1.1"
    assert str(numeric_host("10.0x10000")) == "10.1.0.0"
    assert numeric_host("08.0.0.1") is None and numeric_host("news.example") is None
    assert numeric_host("1.2.3.4.5") is None and numeric_host("256.1.1.1") is None


def test_a_public_address_passes_and_the_scheme_is_checked_even_when_private_addresses_are_allowed(network):
    AddressPolicy().check_url("http://public.example/")
    with pytest.raises(AddressRefused, match="gopher scheme"):
        AddressPolicy(allow_private=True).check_url("gopher://10.0.0.1/")


def test_a_memento_on_a_link_local_address_is_not_fetched_to_recover_footnotes(network, tmp_path):
    from auditor.archive.recover import recover_lost
    from auditor.extract.sources import OriginalCopy

    archive = Server()
    archive.routes["/timemap/https://en.wikipedia.org/wiki/Siege"] = (
        200,
        {"Content-Type": "application/link-format"},
        b'<https://en.wikipedia.org/wiki/Siege>; rel="original",\n'
        b'<http://169.254.169.254/web/20160101000000/https://en.wikipedia.org/wiki/Siege>; rel="memento";'
        b' datetime="Fri, 01 Jan 2016 00:00:00 GMT"\n',
    )
    with serving(archive):
        client = HttpClient(HttpSettings(cache_dir=tmp_path))
        settings = ArchiveSettings(timemap_url=f"http://127.0.0.1:{archive.port}/timemap/", requests_per_minute=6e4)
        original = OriginalCopy("https://en.wikipedia.org/wiki/Siege", date(2016, 1, 21), "infobox")
        doc = wikitext("Claim.<ref></ref>\n")
        found, recovered = recover_lost(doc, original, Wayback(client, settings), date.today(), read_html)
    assert recovered == () and found.capture is not None
    assert found.reason.endswith("refused: link-local address 169.254.169.254")
    assert network["attempts"] == ["127.0.0.1"]
