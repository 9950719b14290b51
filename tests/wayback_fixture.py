"""A real Wayback server for tests: WARC files written here with warcio, served by pywb on loopback.

pywb answers on the Internet Archive's own paths (``/cdx/search/cdx`` and
``/web/<timestamp>/<url>``), so the archive layer runs against it unchanged.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

import requests
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import timestamp_to_iso_date
from warcio.warcwriter import WARCWriter

LAUNCHER = Path(__file__).resolve().parent / "support" / "pywb_launcher.py"
CONFIG = """\
collections:
  web: {index: ./index.cdxj, archive_paths: ./archive/}
  cdx: {index: ./index.cdxj, archive_paths: ./archive/}
cdx_api_endpoint: /search/cdx
framed_replay: false
redirect_to_exact: true
"""


class Page(NamedTuple):
    url: str
    timestamp: str  # 14 digits
    status: str = "200 OK"
    body: bytes = b"<html><body>page</body></html>"
    location: str | None = None  # for a redirect
    revisit_of: str | None = None  # a revisit record: the timestamp of the capture it repeats


def write_warc(path: Path, pages: Iterable[Page]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            date = {"WARC-Date": timestamp_to_iso_date(page.timestamp)}
            if page.revisit_of:
                digest = "sha1:" + base64.b32encode(hashlib.sha1(page.body).digest()).decode()
                refers_to = timestamp_to_iso_date(page.revisit_of)
                writer.write_record(
                    writer.create_revisit_record(page.url, digest, page.url, refers_to, warc_headers_dict=date)
                )
                continue
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page.body)))]
            if page.location:
                headers.append(("Location", page.location))
            http = StatusAndHeaders(page.status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url, "response", payload=BytesIO(page.body), http_headers=http, warc_headers_dict=date
            )
            writer.write_record(record)


@dataclass
class Pywb:
    base: str
    process: subprocess.Popen[str]

    @property
    def cdx_url(self) -> str:
        return self.base + "/cdx/search/cdx"

    @property
    def replay_url(self) -> str:
        return self.base + "/web/"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_pywb(root: Path, pages: Iterable[Page]) -> Pywb:
    """Write ``pages`` to a WARC under ``root``, index it and start pywb on it."""
    (root / "archive").mkdir(parents=True)
    write_warc(root / "archive" / "captures.warc.gz", pages)
    indexer = Path(sys.executable).with_name("cdx-indexer")
    subprocess.run(
        [str(indexer), "-j", "-s", "-d", "archive", "-o", "index.cdxj", "archive/"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    (root / "config.yaml").write_text(CONFIG)
    env = {**os.environ, "NO_PROXY": "localhost,127.0.0.1"}
    with (root / "pywb.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(LAUNCHER), str(root)], stdout=subprocess.PIPE, stderr=log, text=True, env=env
        )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("PORT"):
        process.kill()
        raise RuntimeError(f"pywb did not start: {(root / 'pywb.log').read_text()[-2000:]}")
    server = Pywb(f"http://127.0.0.1:{line.split()[1]}", process)
    deadline = time.monotonic() + 20
    while True:  # the port is bound before the app answers: wait until it does
        try:
            requests.get(server.cdx_url, params={"url": "example.com"}, timeout=2)
            return server
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                server.stop()
                raise
            time.sleep(0.05)
