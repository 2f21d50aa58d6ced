"""Incremental runs (`run --update`): what the previous run in the output holds, which inputs are
new, changed or gone, and the previous rows carried into the new run."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.config import RunConfig
from pipeline.inputs import doc_id_of
from pipeline.tables import RunWriter, has_table, table_files

# Keys that say how a run is executed, not what it computes: they may differ in an update.
EXECUTION_KEYS = frozenset({"inputs", "output", "workers", "batch_size", "rows_per_part", "executor", "dask"})


class UpdateError(Exception):
    """An update that cannot be made; str() is the message for the user."""


@dataclass
class Update:
    previous: dict                        # the previous run.json
    new: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)   # a doc_id the previous run has, other bytes
    vanished: list[str] = field(default_factory=list)   # paths of the previous run's inputs now gone
    replaced: list[str] = field(default_factory=list)   # the doc_ids of the changed ones

    @property
    def to_process(self) -> list[Path]:
        return [*self.new, *self.changed]

    def kept_inputs(self) -> list[dict]:
        return [doc for doc in self.previous["inputs"] if doc["doc_id"] not in self.replaced]


def plan_update(config: RunConfig, paths: list[Path], root: Path | None) -> Update:
    """Refuses a folder that is no run, or one made with another config; else sorts the inputs
    (`root`: the folder doc_ids are relative to, as `inputs.id_root` gives it)."""
    output = Path(config.output)
    try:
        previous = json.loads((output / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UpdateError(f"{output}: no run to update (no readable run.json); run without --update") from None
    differs = _differences(previous["config"], config.model_dump(mode="json"))
    if differs:
        raise UpdateError(f"{output}: the config differs from the one of the run there ({', '.join(differs)}); "
                          f"a full run is needed")
    by_sha = {doc["sha256"] for doc in previous["inputs"]}
    by_id = {doc["doc_id"]: doc for doc in previous["inputs"]}
    update = Update(previous)
    for path in paths:
        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            sha = None  # the worker reports it as a bad input
        if sha in by_sha:
            continue
        doc_id = doc_id_of(path, root)
        if doc_id in by_id:
            update.changed.append(path)
            update.replaced.append(doc_id)
        else:
            update.new.append(path)
    present = {str(path) for path in paths}
    update.vanished = [doc["path"] for doc in previous["inputs"] if doc["path"] not in present]
    return update


def _differences(old: dict, new: dict, prefix: str = "") -> list[str]:
    keys = []
    for key in sorted(set(old) | set(new)):
        if not prefix and key in EXECUTION_KEYS:
            continue
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            keys += _differences(old[key], new[key], f"{prefix}{key}.")
        elif old.get(key) != new.get(key):
            keys.append(prefix + key)
    return keys


def carry_previous_rows(update: Update, output: Path, writer: RunWriter, tables: list[str]) -> dict[str, int]:
    """The previous run's rows, without those of the changed documents, as parts of the new run;
    rows per table."""
    replaced = update.replaced
    parts = writer.parts("previous", 1 << 62)
    counts = {}
    for name in tables:
        if not has_table(output, name):
            raise UpdateError(f"{output}: the run there has no {name} table (an older version made it); "
                              f"a full run is needed")
        counts[name] = 0
        for file in table_files(output, name):  # a file at a time: memory stays that of one part
            table = pq.read_table(file)
            if replaced:
                table = table.filter(pc.invert(pc.is_in(table["doc_id"], value_set=pc.cast(replaced, table["doc_id"].type))))
            parts.write(name, table)
            counts[name] += table.num_rows
    parts.close()
    return counts
