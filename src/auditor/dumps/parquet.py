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
_ROWS_PER_GROUP = 65536


def jsonl_to_parquet(source: Path, target: Path) -> int:
    """Write ``source``'s records to ``target`` (replaced whole when done); the number of rows."""
    temporary = target.with_name(target.name + ".tmp")
    rows = 0
    with pq.ParquetWriter(temporary, SCHEMA, compression="zstd") as writer, source.open(encoding="utf-8") as lines:
        batch: list[dict[str, object]] = []
        for line in lines:
            record = json.loads(line)
            record["evidence"] = json.dumps(record["evidence"], ensure_ascii=False, sort_keys=True)
            batch.append(record)
            if len(batch) == _ROWS_PER_GROUP:
                rows += _write(writer, batch)
        rows += _write(writer, batch)
    temporary.replace(target)
    return rows


def _write(writer: pq.ParquetWriter, batch: list[dict[str, object]]) -> int:
    if not batch:
        return 0
    writer.write_table(pa.Table.from_pylist(batch, schema=SCHEMA))
    count = len(batch)
    batch.clear()
    return count
