"""Runs the configured stages over the inputs and writes the tables and run.json."""
from __future__ import annotations

import platform
import time
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from pathlib import Path

from tqdm import tqdm

from pipeline import __version__
from pipeline.batches import plan_batches
from pipeline.config import RunConfig
from pipeline.executors import EXECUTORS
from pipeline.inputs import discover, id_root
from pipeline.stages import STAGES, resolve
from pipeline.tables import RunWriter
from pipeline.update import carry_previous_rows, plan_update

RECORDED_PACKAGES = ("spacy", "spacy-pkuseg", "hanlp", "opencc", "cn2an", "cpca", "pyarrow", "pandas",
                     "trafilatura", "pdfplumber", "python-docx")


class RunError(Exception):
    """A run that cannot produce output; str() is the message for the user."""


def _versions() -> dict[str, str]:
    versions = {"pipeline": __version__, "python": platform.python_version()}
    for package in RECORDED_PACKAGES:
        try:
            versions[package] = package_metadata.version(package)
        except package_metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def run(config: RunConfig, progress: bool = True, update: bool = False) -> dict:
    """Run the pipeline; returns what run.json records. With `update`, only the inputs the run in
    the output does not hold are processed, and the new run holds its rows too. Raises
    InputError/RunError/UpdateError on failure."""
    started_at = datetime.now(timezone.utc)
    clock = time.perf_counter()
    stage_names = resolve(config.stages)
    for name in stage_names:
        STAGES[name].check(config)
    paths = discover(config.inputs, config.output, config.doc_ids)
    tables = [table for name in stage_names for table in STAGES[name].writes]

    writer = RunWriter(Path(config.output), tables)
    seconds = {"read": 0.0, **{name: 0.0 for name in stage_names}}
    root = id_root(paths, config.doc_ids)
    executor = EXECUTORS[config.executor](config, stage_names, writer, root)
    try:
        plan = plan_update(config, paths, root) if update else None
        batches = plan_batches(plan.to_process if plan else paths, config.workers, config.batch_size)
        inputs, skipped = plan.kept_inputs() if plan else [], []
        rows = carry_previous_rows(plan, Path(config.output), writer, tables) if plan else dict.fromkeys(tables, 0)
        with tqdm(total=sum(map(len, batches)), unit="doc", disable=None if progress else True, desc="run") as bar:
            for result in executor.map(batches):
                inputs.extend(result.documents)
                skipped.extend(result.skipped)
                for table, count in result.rows.items():
                    rows[table] += count
                for name, spent in result.seconds.items():
                    seconds[name] += spent
                bar.update(len(result.documents) + len(result.skipped))
        executor.finish()
        if not inputs:
            raise RunError(f"no document was processed ({len(skipped)} skipped)")
        update_info = {"update": {"previous_run": plan.previous["started"], "added": [str(p) for p in plan.new],
                                  "changed": [str(p) for p in plan.changed], "vanished": plan.vanished}} if plan else {}
        seconds["total"] = time.perf_counter() - clock
        info = {
            "config": config.model_dump(mode="json"),
            "stages": stage_names,
            "versions": _versions(),
            "models": {name: STAGES[name].describe(config) for name in stage_names},
            "started": started_at.isoformat(timespec="seconds"),
            "inputs": inputs,
            "skipped": skipped,
            "rows": rows,
            "seconds": {name: round(value, 3) for name, value in seconds.items()},
            **update_info,
        }
        writer.commit(info, rows)
        return info
    except BaseException:
        executor.close()  # no worker writes any more into what the abort removes
        writer.abort()
        raise
    finally:
        executor.close()
