"""The one place that knows every output table: its pyarrow schema, how it is written and read.

Writing is atomic per run: all tables go into a temporary folder next to the output folder, which is
renamed into place only when the whole run has succeeded.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("n_chars", pa.int64()),
        ("title", pa.string()),
        ("issuer", pa.string()),
        ("year", pa.int32()),
        ("published", pa.string()),
        ("raw_text", pa.large_string()),
        ("text", pa.large_string()),
    ]),
    "sentences": pa.schema([
        ("doc_id", pa.string()),
        ("sent_id", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("section", pa.string()),
    ]),
    "tokens": pa.schema([
        ("doc_id", pa.string()),
        ("sent_id", pa.int32()),
        ("token_id", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("pos", pa.string()),
    ]),
    "entities": pa.schema([
        ("doc_id", pa.string()),
        ("sent_id", pa.int32()),
        ("ent_id", pa.int32()),
        ("label", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("norm", pa.string()),
        ("source", pa.string()),
        ("score", pa.float64()),
    ]),
    "relations": pa.schema([
        ("doc_id", pa.string()),
        ("sent_id", pa.int32()),
        ("rel_id", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("value", pa.float64()),
        ("value_max", pa.float64()),
        ("unit", pa.string()),
        ("qualifier", pa.string()),
        ("metric", pa.string()),
        ("metric_start", pa.int64()),
        ("metric_end", pa.int64()),
        ("subject", pa.string()),
        ("subject_ent_id", pa.int32()),
        ("year", pa.int32()),
    ]),
}

def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows of a table as Arrow with its schema (done where the rows are made, e.g. in a worker)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


# A table grows part files of at most this many rows, so memory stays flat on large runs.
ROWS_PER_PART = 200_000


class RunWriter:
    """Streams rows into Parquet tables inside a temporary folder; `commit` renames it into place."""

    def __init__(self, output: Path, tables: Iterable[str]):
        self.output = Path(output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.tmp-", dir=self.output.parent))
        self.tables = list(tables)
        self.counts = {name: 0 for name in self.tables}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._parts = {name: 0 for name in self.tables}
        self._part_rows = {name: 0 for name in self.tables}
        for name in self.tables:
            self._open_part(name)

    def _part_path(self, name: str, index: int) -> Path:
        return self.tmp / f"{name}.parquet" / f"part-{index:05d}.parquet"

    def _open_part(self, name: str) -> None:
        path = self._part_path(name, self._parts[name])
        path.parent.mkdir(exist_ok=True)
        self._writers[name] = pq.ParquetWriter(path, SCHEMAS[name], compression="zstd")
        self._part_rows[name] = 0

    def write(self, name: str, table: pa.Table) -> None:
        """Append a table of `to_arrow(name, rows)` to the named output table."""
        if not table.num_rows:
            return
        if self._part_rows[name] >= ROWS_PER_PART:
            self._writers[name].close()
            self._parts[name] += 1
            self._open_part(name)
        self._writers[name].write_table(table)
        self.counts[name] += table.num_rows
        self._part_rows[name] += table.num_rows

    def _close_writers(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    def commit(self, run_info: dict) -> None:
        """Finish every table (a single part becomes `<table>.parquet`) and move the run into place."""
        self._close_writers()
        for name in self.tables:
            if self._parts[name] == 0:
                parts = self.tmp / f"{name}.parts"
                (self.tmp / f"{name}.parquet").rename(parts)
                (parts / "part-00000.parquet").rename(self.tmp / f"{name}.parquet")
                parts.rmdir()
        (self.tmp / "run.json").write_text(json.dumps(run_info, ensure_ascii=False, indent=2), encoding="utf-8")
        if self.output.exists():
            old = self.output.with_name(f".{self.output.name}.old-{os.getpid()}")
            self.output.rename(old)
            self.tmp.rename(self.output)
            shutil.rmtree(old)
        else:
            self.tmp.rename(self.output)

    def abort(self) -> None:
        self._close_writers()
        shutil.rmtree(self.tmp, ignore_errors=True)


def table_path(run_dir: Path, name: str) -> Path:
    """`<table>.parquet`: a file, or for large runs a folder of part files (pandas reads both)."""
    return Path(run_dir) / f"{name}.parquet"


def has_table(run_dir: Path, name: str) -> bool:
    return table_path(run_dir, name).exists()


def read_table(run_dir: Path, name: str) -> pd.DataFrame:
    path = table_path(run_dir, name)
    if not path.exists():
        raise FileNotFoundError(f"{run_dir} has no {name} table")
    return pq.read_table(path, schema=SCHEMAS[name]).to_pandas()
