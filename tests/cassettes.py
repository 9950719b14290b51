"""Recorded Internet Archive traffic (VCR cassettes from the EDGI wayback project), decoded."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import NamedTuple

import yaml

from conftest import CORPUS

CASSETTES = CORPUS / "wayback" / "edgi_wayback" / "cassettes"


class Exchange(NamedTuple):
    cassette: str
    uri: str
    status: int
    headers: dict[str, str]  # names in lower case, first value
    body: bytes  # decoded from the recording's gzip


def exchanges(path: Path) -> list[Exchange]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for interaction in data["interactions"]:
        response = interaction["response"]
        headers = {name.lower(): values[0] for name, values in response["headers"].items()}
        body = response["body"]["string"]
        body = body.encode() if isinstance(body, str) else body
        if headers.get("content-encoding") == "gzip" and body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        found.append(Exchange(path.stem, interaction["request"]["uri"], response["status"]["code"], headers, body))
    return found


def all_exchanges() -> list[Exchange]:
    return [e for path in sorted(CASSETTES.glob("*.yaml")) for e in exchanges(path)]
