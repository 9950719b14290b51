"""A scan's output directory: findings as JSON Lines and Parquet, errors, a summary, and the checkpoint
that lets an interrupted run resume.

After every batch the JSON Lines files are flushed to disk and then the checkpoint is replaced, in that
order: whatever the checkpoint records is on disk. A resumed run cuts the files back to the sizes it
records (dropping lines a killed run wrote after it) and goes on from its page ordinal, so the final
files are those an uninterrupted run writes. The Parquet table is written as the batches come, under a
temporary name it leaves when the run is done (a resumed run writes it again from the JSON Lines it
keeps); the summary is written at the end.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AuditorError, InputError
from .batch import PageResult

if TYPE_CHECKING:
    from .parquet import ParquetSink

FINDINGS = "findings.jsonl"
ERRORS = "errors.jsonl"
CHECKPOINT = "checkpoint.json"
PARQUET = "findings.parquet"
SUMMARY = "summary.json"
_VERSION = 1


@dataclass
class Totals:
    pages_read: int = 0  # every page, audited or not: the ordinal a resumed run starts at
    pages_audited: int = 0
    pages_failed: int = 0
    text_bytes: int = 0  # of the pages audited, as UTF-8
    claims: int = 0
    cited_claims: int = 0  # a citation of which names a source
    empty_cited_claims: int = 0  # cited only to empty footnotes
    uncited_claims: int = 0
    references: int = 0
    empty_references: int = 0
    findings: int = 0
    findings_by_rule: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0  # spent auditing, over every session of the run

    def add(self, result: PageResult) -> None:
        summary = result.summary
        if summary is None:
            self.pages_failed += 1
            return
        self.pages_audited += 1
        self.text_bytes += result.text_bytes
        self.claims += summary.claims
        self.cited_claims += summary.cited_claims
        self.empty_cited_claims += summary.empty_cited_claims
        self.uncited_claims += summary.uncited_claims
        self.references += summary.references
        self.empty_references += summary.empty_references
        self.findings += len(result.lines)
        by_rule = Counter(self.findings_by_rule)
        by_rule.update(summary.findings_by_rule)
        self.findings_by_rule = dict(sorted(by_rule.items()))


class RunMismatch(AuditorError):
    """The output directory holds a run of other input or other options."""


def parquet_available() -> bool:
    """Whether pyarrow (the ``parquet`` extra) is installed, found without importing it."""
    return find_spec("pyarrow") is not None


class ScanOutput:
    """The files of one run in ``directory``; resumes the run recorded there when ``key`` matches. With
    ``parquet``, the findings are written as a Parquet table too."""

    def __init__(self, directory: Path, key: dict[str, Any], restart: bool = False, parquet: bool = True) -> None:
        self.directory = directory
        self.key = key
        self.totals = Totals()
        self.input_errors: list[dict[str, str]] = []
        self.complete = False
        self.resumed = False
        directory.mkdir(parents=True, exist_ok=True)
        checkpoint = directory / CHECKPOINT
        state = None if restart or not checkpoint.exists() else _load(checkpoint)
        if state is not None and state.get("key") != key:
            raise RunMismatch(
                f"{directory} holds a scan of other input or with other options"
                f" ({state.get('totals', {}).get('pages_read', 0)} pages read);"
                " use --restart to discard it, or another output directory"
            )
        sizes = {FINDINGS: 0, ERRORS: 0}
        if state is not None:
            self.resumed = True
            self.totals = Totals(**state["totals"])
            self.input_errors = state["input_errors"]
            self.complete = state["complete"]
            sizes = state["sizes"]
            for name, size in sizes.items():
                if not (directory / name).exists() or (directory / name).stat().st_size < size:
                    raise RunMismatch(f"{directory / name} is shorter than its checkpoint records; use --restart")
        else:
            for stale in (PARQUET, PARQUET + ".tmp", SUMMARY, CHECKPOINT):
                (directory / stale).unlink(missing_ok=True)
        self._files = {name: _open_at(directory / name, size) for name, size in sizes.items()}
        self._parquet: ParquetSink | None = None
        if parquet and not self.complete:
            from .parquet import ParquetSink

            self._parquet = ParquetSink(directory / PARQUET, directory / FINDINGS if self.resumed else None)

    @property
    def start(self) -> int:
        return self.totals.pages_read

    def record(self, results: list[PageResult], end: int, seconds: float) -> None:
        """Write a batch's results, then checkpoint the run at page ordinal ``end``."""
        for result in results:
            self.totals.add(result)
            self._files[FINDINGS].write("".join(line + "\n" for line in result.lines).encode())
            if self._parquet is not None:
                self._parquet.add(result.lines)
            if result.error is not None:
                self._write_error({"title": result.title, "ordinal": str(result.ordinal), "message": result.error})
        self.totals.pages_read = max(self.totals.pages_read, end)
        self.totals.seconds += seconds
        self._checkpoint()

    def input_error(self, error: InputError) -> bool:
        """Record a dump that could not be read, or broke off; False when this run already recorded it
        (a resumed run reads the same dumps again)."""
        shown = {"path": error.path, "message": error.message}
        if shown in self.input_errors:
            return False
        self.input_errors.append(shown)
        self._write_error(shown)
        self._checkpoint()
        return True

    def finish(self) -> None:
        """Mark the run complete: the Parquet table finished, and the summary."""
        self.complete = True
        for handle in self._files.values():
            handle.flush()
        if self._parquet is not None:
            self._parquet.finish()
            self._parquet = None
        _replace(self.directory / SUMMARY, json.dumps(self.summary(), indent=2) + "\n")
        self._checkpoint()

    def summary(self) -> dict[str, Any]:
        totals = asdict(self.totals)
        seconds = self.totals.seconds
        rate = {
            "pages_per_second": round(self.totals.pages_audited / seconds, 2) if seconds else None,
            "mib_per_second": round(self.totals.text_bytes / 2**20 / seconds, 3) if seconds else None,
        }
        totals["seconds"] = round(seconds, 3)
        return {"complete": self.complete, **totals, "throughput": rate, "input_errors": self.input_errors}

    def close(self) -> None:
        if self._parquet is not None:  # the run stopped before its end
            self._parquet.abandon()
        for handle in self._files.values():
            handle.close()

    def _write_error(self, shown: dict[str, str]) -> None:
        self._files[ERRORS].write((json.dumps(shown, ensure_ascii=False) + "\n").encode())

    def _checkpoint(self) -> None:
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
        state = {
            "version": _VERSION,
            "key": self.key,
            "totals": asdict(self.totals),
            "input_errors": self.input_errors,
            "sizes": {name: handle.tell() for name, handle in self._files.items()},
            "complete": self.complete,
        }
        _replace(self.directory / CHECKPOINT, json.dumps(state, indent=1))


def _load(checkpoint: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(checkpoint.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RunMismatch(f"{checkpoint}: cannot read the checkpoint ({error}); use --restart") from None
    if not isinstance(state, dict) or state.get("version") != _VERSION:
        raise RunMismatch(f"{checkpoint}: not a checkpoint this version writes; use --restart")
    return state


def _open_at(path: Path, size: int) -> Any:
    """``path`` for appending, cut back to ``size`` bytes (what the checkpoint vouches for)."""
    handle = path.open("r+b" if path.exists() else "w+b")
    handle.truncate(size)
    handle.seek(size)
    return handle


def _replace(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all: a kill mid-write leaves the old file."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(path)
