"""The findings of a scan as one Parquet table, read from its JSON Lines in batches (memory stays flat)."""

from __future__ import annotations

import json
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


def jsonl_to_parquet(source: Path, target: Path) -> int:
    """Write ``source``'s records to ``target`` (replaced whole when done); the number of rows."""
    temporary = target.with_name(target.name + ".tmp")
    rows = 0
    with pq.ParquetWriter(temporary, SCHEMA, compression="zstd") as writer, source.open(encoding="utf-8") as lines:
        group = _Group(writer)
        records: list[dict[str, object]] = []
        for line in lines:
            record = json.loads(line)
            record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, sort_keys=True)
            records.append(record)
            if len(records) == _ROWS_PER_BATCH:
                group.add(records)
        group.add(records)
        rows = group.flush()
    temporary.replace(target)
    return rows


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
