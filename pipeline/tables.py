"""The one place that knows every output table: its pyarrow schema, how it is written and read.

Writing is atomic per run: all tables go into a temporary folder next to the output folder, which is
renamed into place only when the whole run has succeeded.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

if TYPE_CHECKING:
    import pandas as pd

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()),
        ("path", pa.string()),
        ("format", pa.string()),
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
        ("indicator", pa.string()),
        ("indicator_score", pa.float64()),
    ]),
    # One row per figure with an indicator, with its document's issuer and reported year: the
    # long form of the indicator panel (`export panel`).
    "indicators": pa.schema([
        ("doc_id", pa.string()),
        ("rel_id", pa.int32()),
        ("issuer", pa.string()),
        ("year", pa.int32()),
        ("indicator", pa.string()),
        ("value", pa.float64()),
        ("value_max", pa.float64()),
        ("unit", pa.string()),
        ("qualifier", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]),
}

# The columns that identify a row of each table (its order when read with `read_table`).
KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "sentences": ["doc_id", "sent_id"],
    "tokens": ["doc_id", "sent_id", "token_id"],
    "entities": ["doc_id", "ent_id"],
    "relations": ["doc_id", "rel_id"],
    "indicators": ["doc_id", "rel_id"],
}


def to_arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows of a table as Arrow with its schema (done where the rows are made, e.g. in a worker)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


class PartWriter:
    """Appends Arrow tables to part files of at most `rows_per_part` rows each, named with `prefix`
    so that several processes can write parts of the same table side by side. A table's first
    part is opened on its first row."""

    def __init__(self, folder: Path, prefix: str, rows_per_part: int):
        self.folder = Path(folder)
        self.prefix = prefix
        self.rows_per_part = rows_per_part
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._parts: dict[str, int] = {}
        self._part_rows: dict[str, int] = {}

    def write(self, name: str, table: pa.Table) -> None:
        """Append a table made by `to_arrow(name, rows)` to the named output table."""
        if not table.num_rows:
            return
        if name not in self._writers or self._part_rows[name] >= self.rows_per_part:
            self._open_part(name)
        self._writers[name].write_table(table)
        self._part_rows[name] += table.num_rows

    def _open_part(self, name: str) -> None:
        if name in self._writers:
            self._writers[name].close()
        index = self._parts.get(name, -1) + 1
        self._parts[name] = index
        path = self.folder / f"{name}.parquet" / f"part-{self.prefix}-{index:05d}.parquet"
        path.parent.mkdir(exist_ok=True)
        self._writers[name] = pq.ParquetWriter(path, SCHEMAS[name], compression="zstd")
        self._part_rows[name] = 0

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers = {}


class OutputLockedError(OSError):
    """Another run holds the output; str() is the message for the user."""


# The tracebacks of the documents a stage failed on: in the run folder under `on_error: skip`,
# beside the output (`<output>.errors.log`) under `fail`.
ERROR_LOG = "errors.log"


class RunWriter:
    """The temporary folder of a run. Whoever processes a batch writes its rows there through a
    `PartWriter` (in a worker, the worker's own); `commit` checks the parts against the expected
    row counts and renames the folder into place."""

    def __init__(self, output: Path, tables: Iterable[str]):
        self.output = Path(output)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.failure_log = self.output.with_name(f"{self.output.name}.{ERROR_LOG}")
        self._lock = self._take_lock()
        self._recover()
        self.failure_log.unlink(missing_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.tmp-", dir=self.output.parent))
        self.tables = list(tables)

    def _take_lock(self):
        """One run at a time into an output: an exclusive lock the system drops when the process
        ends, however it ends (SIGKILL too), so a lock is never stale. The lock file is removed on
        release; a lock taken on a file removed meanwhile is taken again on the new one."""
        path = self.output.with_name(f".{self.output.name}.lock")
        while True:
            handle = path.open("a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                raise OutputLockedError(f"{self.output}: another run is writing this output; wait for it to "
                                        f"finish or choose another output") from None
            if path.exists() and os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
            handle.close()

    def leave_lock_to_parent(self) -> None:
        """In a forked worker: its copy of the lock is closed, so that a worker outliving a killed
        run does not keep the output locked."""
        self._lock.close()

    def _release_lock(self) -> None:
        if not self._lock.closed:
            Path(self._lock.name).unlink(missing_ok=True)
            self._lock.close()

    def _recover(self) -> None:
        """Under the lock, what a killed run left is ours to clean: its temporary folders, and the
        previous output if it was killed in the middle of the swap of `commit`."""
        leftovers = self.output.parent.glob(f".{self.output.name}.old-*")
        if not self.output.exists() and (previous := next(iter(sorted(leftovers)), None)):
            previous.rename(self.output)
        for stale in [*self.output.parent.glob(f".{self.output.name}.tmp-*"),
                      *self.output.parent.glob(f".{self.output.name}.old-*")]:
            shutil.rmtree(stale, ignore_errors=True)

    def parts(self, prefix: str, rows_per_part: int) -> PartWriter:
        return PartWriter(self.tmp, prefix, rows_per_part)

    def commit(self, run_info: dict, counts: dict[str, int]) -> None:
        """Finish every table and move the run into place. A table written as one part becomes the
        file `<table>.parquet`; one with no rows, an empty file with its schema."""
        for name in self.tables:
            folder = self.tmp / f"{name}.parquet"
            parts = sorted(folder.glob("part-*.parquet")) if folder.exists() else []
            written = sum(pq.read_metadata(part).num_rows for part in parts)
            if written != counts.get(name, 0):
                raise OSError(f"{name}: {written} rows in the part files, {counts.get(name, 0)} expected")
            if not parts:
                pq.write_table(SCHEMAS[name].empty_table(), folder, compression="zstd")
            elif len(parts) == 1:
                single = self.tmp / f"{name}.single"
                parts[0].rename(single)
                folder.rmdir()
                single.rename(folder)
        (self.tmp / "run.json").write_text(json.dumps(run_info, ensure_ascii=False, indent=2), encoding="utf-8")
        if self.output.exists():
            old = self.output.with_name(f".{self.output.name}.old-{os.getpid()}")
            self.output.rename(old)
            self.tmp.rename(self.output)
            shutil.rmtree(old)
        else:
            self.tmp.rename(self.output)
        self._release_lock()

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._release_lock()


def table_path(run_dir: Path, name: str) -> Path:
    """`<table>.parquet`: a file, or for large runs a folder of part files (pandas reads both)."""
    return Path(run_dir) / f"{name}.parquet"


def table_files(run_dir: Path, name: str) -> list[Path]:
    """The Parquet files of a table: the file, or the folder's part files in name order."""
    path = table_path(run_dir, name)
    return sorted(path.glob("*.parquet")) if path.is_dir() else [path]


def has_table(run_dir: Path, name: str) -> bool:
    return table_path(run_dir, name).exists()


def read_table(run_dir: Path, name: str, nullable_integers: bool = False) -> pd.DataFrame:
    """A table in key order, whatever the number of workers that wrote it; with
    `nullable_integers`, integer columns are pandas' `Int32`/`Int64` (else int, or float with nulls)."""
    path = table_path(run_dir, name)
    if not path.exists():
        raise FileNotFoundError(f"{run_dir} has no {name} table")
    table = pq.read_table(path, schema=SCHEMAS[name]).sort_by([(key, "ascending") for key in KEYS[name]])
    import pandas as pd  # imported on use: a command that reads no table (a bad config) answers sooner

    # pandas' nullable integers, so that a column with nulls (a year) stays integer instead of float
    nullable = {pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
    return table.to_pandas(types_mapper=nullable.get if nullable_integers else None)
