"""The findings of a scan as one Parquet table, written as the run goes (memory stays flat).

pyarrow is an extra (``auditor[parquet]``): this module is imported only when it is installed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

# One row per finding; ``evidence`` (its shape differs by rule) is kept as a JSON string.
SCHEMA = pa.schema(
    [
        ("page_id", pa.int64()),
        ("title", pa.string()),
        ("namespace", pa.int32()),
        ("revision_id", pa.int64()),
        ("revision_timestamp", pa.string()),
        ("rule", pa.string()),
        ("code", pa.string()),
        ("severity", pa.string()),
        ("line", pa.int32()),
        ("column", pa.int32()),
        ("end_line", pa.int32()),
        ("end_column", pa.int32()),
        ("offset", pa.int64()),
        ("end_offset", pa.int64()),
        ("message", pa.string()),
        ("excerpt", pa.string()),
        ("fingerprint", pa.string()),
        ("evidence", pa.string()),
    ]
)
_ROWS_PER_GROUP = 32768
_ROWS_PER_BATCH = 2048  # rows held as Python dicts at once: they take ten times their Arrow size


class ParquetSink:
    """Findings (JSON Lines, as findings.jsonl holds them) written to ``target`` as they come. The table is
    written under a temporary name and takes ``target``'s when the run is done: a killed run leaves no
    table that looks whole. ``earlier`` is the JSON Lines a resumed run already holds: the table starts
    with them, as a run that is resumed writes the table again from its start."""

    def __init__(self, target: Path, earlier: Path | None = None) -> None:
        self.target = target
        self.temporary = target.with_name(target.name + ".tmp")
        self.writer = pq.ParquetWriter(self.temporary, SCHEMA, compression="zstd")
        self.group = _Group(self.writer)
        self.records: list[dict[str, object]] = []
        if earlier is not None:
            with earlier.open(encoding="utf-8") as lines:
                self.add(lines)

    def add(self, lines: Iterable[str]) -> None:
        for line in lines:
            record = json.loads(line)
            record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, sort_keys=True)
            self.records.append(record)
            if len(self.records) == _ROWS_PER_BATCH:
                self.group.add(self.records)

    def finish(self) -> int:
        """Write what is held, close the table and give it its name; the number of rows."""
        self.group.add(self.records)
        rows = self.group.flush()
        self.writer.close()
        self.temporary.replace(self.target)
        return rows

    def abandon(self) -> None:
        """Close the table unfinished (the run stopped): a resumed run writes it again."""
        self.writer.close()


class _Group:
    """Record batches gathered into one row group, written when it is full."""

    def __init__(self, writer: pq.ParquetWriter) -> None:
        self.writer = writer
        self.batches: list[pa.RecordBatch] = []
        self.rows = 0
        self.written = 0

    def add(self, records: list[dict[str, object]]) -> None:
        if records:
            self.batches.append(pa.RecordBatch.from_pylist(records, schema=SCHEMA))
            self.rows += len(records)
            records.clear()
        if self.rows >= _ROWS_PER_GROUP:
            self.flush()

    def flush(self) -> int:
        """Write what is gathered; the rows written in all."""
        if self.batches:
            self.writer.write_table(pa.Table.from_batches(self.batches), row_group_size=_ROWS_PER_GROUP)
            self.written += self.rows
            self.batches, self.rows = [], 0
        return self.written
