"""Start-up and shut-down: what a command imports, seen in a fresh interpreter (listing rules and printing
the version import no rule, no parser and no network stack; checking a plain-text file starts no pool and
opens no network or cache code), and a check's workers ending with it on SIGTERM."""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.rules import RULES
from support.probe import measured, probe_script

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_285ae1a0c3e52f84.txt"

# What the command imports: the interpreter's start-up (site, and any .pth file of the environment) is
# not the command's doing, so what was imported before it ran is left out.
_PROBE = probe_script("before = set(sys.modules)", "sorted(set(sys.modules) - before)")

PARSERS = ("mwparserfromhell", "bs4", "soupsieve", "markdown_it", "mdit_py_plugins", "mwxml", "lxml", "stdnum")
NETWORK = ("requests", "requests_cache", "urllib3", "socket", "ssl", "http.client", "sqlite3", "waybackpy")
POOLS = ("multiprocessing", "concurrent.futures", "pyarrow", "dask")


def _imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=False)
    return set(measured(done.stderr))


def _rule_modules() -> set[str]:
    return {rule.module for rule in RULES}


@pytest.mark.parametrize("args", [["rules"], ["--version"], ["explain", "empty-footnote"]])  # docs: read, not run
def test_listing_commands_import_no_rule_parser_or_network_stack(args):
    imported = _imported(*args)
    assert "auditor.cli" in imported  # the probe ran the command
    unwanted = {*PARSERS, *NETWORK, *POOLS, *_rule_modules(), "dateutil", "auditor.readers.wikitext"}
    assert imported & unwanted == set()
    assert not any(name.startswith(("auditor.extract", "auditor.engine", "auditor.archive")) for name in imported)


def test_checking_a_plain_text_file_imports_no_pool_no_network_and_no_markup_parser():
    imported = _imported("check", str(SEED))
    assert _rule_modules() <= imported  # the rules did run
    assert imported & {*PARSERS, *NETWORK, *POOLS} == set()
    # data files are read through the package's loader: importlib.resources brings zipfile, tempfile, shutil
    assert imported & {"importlib.resources", "zipfile", "tempfile"} == set()
    assert imported & {"auditor.baseline", "auditor.readers.history"} == set()  # compared with nothing


def test_a_check_imports_only_the_output_format_it_writes_and_hashes_without_openssl():
    imported = _imported("check", str(SEED), "--format", "json")
    formats = {name for name in imported if name.startswith(("auditor.reporters.run.", "auditor.reporters.document."))}
    assert formats == {"auditor.reporters.run.json_format"}
    assert "auditor.reporters.paragraphs" not in imported  # the text output's grouping
    if importlib.util.find_spec("_sha256") is not None:  # the fingerprints' SHA-256 (Python 3.11)
        assert imported & {"hashlib", "_hashlib"} == set()


def test_a_shipped_file_reads_as_the_file_on_disk():
    from auditor import packaged

    words = Path(packaged.__file__).parent / "extract" / "data" / "titles.txt"
    assert packaged.packaged_text("auditor.extract", "data/titles.txt") == words.read_text(encoding="utf-8")
    with pytest.raises(OSError):
        packaged.packaged_text("auditor.extract", "data/no-such-file.txt")


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus" / "wikitext").is_dir(), reason="corpus not found")
def test_sigterm_stops_a_check_and_its_workers():
    import psutil

    corpus = ROOT.parent / "shared" / "corpus" / "wikitext"
    command = [sys.executable, "-m", "auditor", "check", str(corpus), "-j", "2", "--format", "json"]
    run = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = run.children(recursive=True)
    assert len(workers) == 2
    time.sleep(0.5)  # the workers at work
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err.decode().splitlines()[-1]) == (130, "auditor: interrupted")
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert alive == []
