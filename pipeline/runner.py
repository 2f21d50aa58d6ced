"""Runs the configured stages over the inputs and writes the tables and run.json."""
from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata as package_metadata
from multiprocessing.util import Finalize
from pathlib import Path

from tqdm import tqdm

from pipeline import __version__
from pipeline.config import RunConfig
from pipeline.errors import StageError
from pipeline.inputs import InputError, discover, read_document
from pipeline.stages import STAGES, Stage, resolve
from pipeline.tables import ERROR_LOG, PartWriter, RunWriter, to_arrow
from pipeline.update import UpdateError, carry_previous_rows, plan_update

RECORDED_PACKAGES = ("spacy", "spacy-pkuseg", "hanlp", "opencc", "cn2an", "cpca", "pyarrow", "pandas",
                     "trafilatura", "pdfplumber", "python-docx")


class RunError(Exception):
    """A run that cannot produce output; str() is the message for the user."""


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)  # doc_id, path, format, sha256, n_chars
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    skipped: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


class BatchProcessor:
    """Reads a batch of files, passes it through the stages and writes the rows to its own part
    files; one per process, so the process that started the run has nothing to write."""

    def __init__(self, config: RunConfig, stage_names: list[str], parts: PartWriter, failure_log: Path):
        self.config = config
        self.failure_log = failure_log
        self.stages: list[Stage] = [STAGES[name](config) for name in stage_names]
        self.tables = [table for stage in self.stages for table in stage.writes]
        self.parts = parts

    def __call__(self, paths: list[Path]) -> BatchResult:
        result = BatchResult()
        started = time.perf_counter()
        docs = []
        for path in paths:
            try:
                docs.append(read_document(path, self.config.encoding))
            except InputError as error:
                if self.config.on_error == "fail":
                    raise
                result.skipped.append({"path": error.path, "error": error.reason})
        result.seconds["read"] = time.perf_counter() - started
        for stage in self.stages:
            started = time.perf_counter()
            docs = self._process(stage, docs, result)
            result.seconds[stage.name] = time.perf_counter() - started
        result.documents = [{"doc_id": doc.doc_id, "path": doc.path, "format": doc.format, "sha256": doc.sha256,
                             "n_chars": len(doc.raw)} for doc in docs]
        for table in self.tables:
            rows = to_arrow(table, [row for doc in docs for row in doc.rows.get(table, [])])
            self.parts.write(table, rows)
            result.rows[table] = rows.num_rows
        return result


    def _process(self, stage: Stage, docs: list, result: BatchResult) -> list:
        """The batch through one stage; where the stage raises, each document again on its own, so
        that only the one that fails is dropped (`on_error: skip`) or named (`fail`)."""
        try:
            stage.process(docs)
            return docs
        except Exception:
            if len(docs) == 1:
                return self._failed(stage, docs[0], result)
        kept = []
        for doc in docs:
            try:
                stage.process([doc])
                kept.append(doc)
            except Exception:
                self._failed(stage, doc, result)
        return kept

    def _failed(self, stage: Stage, doc, result: BatchResult) -> list:
        error = sys.exc_info()[1]
        message = f"{type(error).__name__}: {' '.join(str(error).split())}"[:500]
        # under `skip` the tracebacks are kept with the run, under `fail` beside the output it did not write
        log = self.parts.folder / ERROR_LOG if self.config.on_error == "skip" else self.failure_log
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{doc.path}: the {stage.name} stage failed\n{traceback.format_exc()}\n")
        if self.config.on_error == "fail":
            raise StageError(doc.path, stage.name, message, str(log)) from None
        result.skipped.append({"path": doc.path, "doc_id": doc.doc_id, "stage": stage.name, "error": message})
        return []


_worker: BatchProcessor | None = None


def _init_worker(config: RunConfig, stage_names: list[str], writer: RunWriter) -> None:
    global _worker
    writer.leave_lock_to_parent()
    parts = writer.parts(f"w{os.getpid()}", config.rows_per_part)
    _worker = BatchProcessor(config, stage_names, parts, writer.failure_log)
    # A worker's part files are finished when it exits after `pool.close()`; the commit checks
    # their row counts, so a part that was not finished fails the run.
    Finalize(parts, parts.close, exitpriority=10)


def _process_in_worker(paths: list[Path]) -> BatchResult:
    return _worker(paths)


def _versions() -> dict[str, str]:
    versions = {"pipeline": __version__, "python": platform.python_version()}
    for package in RECORDED_PACKAGES:
        try:
            versions[package] = package_metadata.version(package)
        except package_metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def plan_batches(paths: list[Path], workers: int, batch_size: int) -> list[list[Path]]:
    """Batches of at most `batch_size` documents, in input order for one worker. With several,
    the largest files go first and batches shrink so that each worker gets eight at least: the
    last batches are small, so the workers finish together."""
    if workers > 1:
        paths = sorted(paths, key=_file_size, reverse=True)
        batch_size = min(batch_size, max(1, -(-len(paths) // (workers * 8))))
    return [paths[i:i + batch_size] for i in range(0, len(paths), batch_size)]


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the file is read
        return 0


def run(config: RunConfig, progress: bool = True, update: bool = False) -> dict:
    """Run the pipeline; returns what run.json records. With `update`, only the inputs the run in
    the output does not hold are processed, and the new run holds its rows too. Raises
    InputError/RunError/UpdateError on failure."""
    started_at = datetime.now(timezone.utc)
    clock = time.perf_counter()
    stage_names = resolve(config.stages)
    for name in stage_names:
        STAGES[name].check(config)
    paths = discover(config.inputs)
    tables = [table for name in stage_names for table in STAGES[name].writes]

    writer = RunWriter(Path(config.output), tables)
    seconds = {"read": 0.0, **{name: 0.0 for name in stage_names}}
    pool = local = None
    try:
        plan = plan_update(config, paths) if update else None
        batches = plan_batches(plan.to_process if plan else paths, config.workers, config.batch_size)
        inputs, skipped = plan.kept_inputs() if plan else [], []
        rows = carry_previous_rows(plan, Path(config.output), writer, tables) if plan else dict.fromkeys(tables, 0)
        if config.workers > 1:
            context = multiprocessing.get_context()  # fork on Linux: workers start with the imports done
            pool = context.Pool(config.workers, initializer=_init_worker, initargs=(config, stage_names, writer))
            results = pool.imap(_process_in_worker, batches)
        else:
            local = BatchProcessor(config, stage_names, writer.parts("w0", config.rows_per_part), writer.failure_log)
            results = map(local, batches)
        with tqdm(total=sum(map(len, batches)), unit="doc", disable=None if progress else True, desc="run") as bar:
            for result in results:
                inputs.extend(result.documents)
                skipped.extend(result.skipped)
                for table, count in result.rows.items():
                    rows[table] += count
                for name, spent in result.seconds.items():
                    seconds[name] += spent
                bar.update(len(result.documents) + len(result.skipped))
        if pool is not None:
            pool.close()
            pool.join()
        else:
            local.parts.close()
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
        if local is not None:
            local.parts.close()
        writer.abort()
        raise
    finally:
        if pool is not None:
            pool.terminate()
