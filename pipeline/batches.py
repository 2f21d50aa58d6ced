"""A batch of documents through the stages: read, processed, written to part files; whichever
executor runs it (this process, a process pool, a Dask worker)."""
from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import RunConfig
from pipeline.errors import StageError
from pipeline.inputs import InputError, read_document
from pipeline.stages import STAGES, Stage
from pipeline.tables import ERROR_LOG, PartWriter, to_arrow


@dataclass
class BatchResult:
    documents: list[dict] = field(default_factory=list)  # doc_id, path, format, sha256, n_chars
    rows: dict[str, int] = field(default_factory=dict)  # rows written per table
    skipped: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


class BatchProcessor:
    """Reads a batch of files, passes it through the stages and writes the rows to part files of
    its own; built once per worker process (its stages load their models once), so the process
    that started the run has nothing to write."""

    def __init__(self, config: RunConfig, stage_names: list[str], parts: PartWriter | None, run_folder: Path,
                 failure_log: Path, id_root: Path | None = None):
        self.config = config
        self.id_root = id_root  # `doc_ids: relative`: doc_ids are paths below it
        # the tracebacks of skipped documents stay with the run, under `fail` beside the output it did not write
        self.error_log = run_folder / ERROR_LOG if config.on_error == "skip" else failure_log
        self.stages: list[Stage] = [STAGES[name](config) for name in stage_names]
        self.tables = [table for stage in self.stages for table in stage.writes]
        self.parts = parts

    def __call__(self, paths: list[Path], parts: PartWriter | None = None) -> BatchResult:
        """The batch's rows go to `parts`, else to the processor's own part writer."""
        parts = parts or self.parts
        result = BatchResult()
        started = time.perf_counter()
        docs = []
        for path in paths:
            try:
                docs.append(read_document(path, self.config.encoding, self.id_root))
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
            parts.write(table, rows)
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
        with self.error_log.open("a", encoding="utf-8") as handle:
            handle.write(f"{doc.path}: the {stage.name} stage failed\n{traceback.format_exc()}\n")
        if self.config.on_error == "fail":
            raise StageError(doc.path, stage.name, message, str(self.error_log)) from None
        result.skipped.append({"path": doc.path, "doc_id": doc.doc_id, "stage": stage.name, "error": message})
        return []


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
