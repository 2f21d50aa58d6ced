"""Executors: where the batches of a run are processed. `local`: this process (`workers: 1`) or a
pool of forked processes; `dask`: the workers of a Dask `distributed` cluster (a running
scheduler, or a LocalCluster of `workers` processes). Each worker builds its stages once and
writes its own part files into the run's temporary folder, which every worker must see (on a
cluster: shared storage); the process that started the run commits it."""
from __future__ import annotations

import multiprocessing
import os
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Iterator

from pipeline.batches import BatchProcessor, BatchResult
from pipeline.config import RunConfig
from pipeline.tables import PartWriter, RunWriter


class LocalExecutor:
    def __init__(self, config: RunConfig, stage_names: list[str], writer: RunWriter, id_root: Path | None):
        self.config, self.stage_names, self.writer, self.id_root = config, stage_names, writer, id_root
        self.pool = self.local = None

    def map(self, batches: list[list[Path]]) -> Iterator[BatchResult]:
        if self.config.workers > 1:
            context = multiprocessing.get_context()  # fork on Linux: workers start with the imports done
            self.pool = context.Pool(self.config.workers, initializer=_init_pool_worker,
                                     initargs=(self.config, self.stage_names, self.writer, self.id_root))
            return self.pool.imap(_process_in_pool_worker, batches)
        self.local = BatchProcessor(self.config, self.stage_names, self.writer.parts("w0", self.config.rows_per_part),
                                    self.writer.tmp, self.writer.failure_log, self.id_root)
        return map(self.local, batches)

    def finish(self) -> None:
        """Every part file finished (the pool's workers close theirs as they exit)."""
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
        elif self.local is not None:
            self.local.parts.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None
        if self.local is not None:
            self.local.parts.close()


_pool_worker: BatchProcessor | None = None


def _init_pool_worker(config: RunConfig, stage_names: list[str], writer: RunWriter, id_root: Path | None) -> None:
    global _pool_worker
    writer.leave_lock_to_parent()
    parts = writer.parts(f"w{os.getpid()}", config.rows_per_part)
    _pool_worker = BatchProcessor(config, stage_names, parts, writer.tmp, writer.failure_log, id_root)
    # A worker's part files are finished when it exits after `pool.close()`; the commit checks
    # their row counts, so a part that was not finished fails the run.
    Finalize(parts, parts.close, exitpriority=10)


def _process_in_pool_worker(paths: list[Path]) -> BatchResult:
    return _pool_worker(paths)


class DaskExecutor:
    """Batches as Dask tasks. A task writes the part files of its batch under names of its own
    (`part-b<batch>-…`) and closes them before it returns, so a task that is run again, after its
    worker died, writes the same files over: nothing half-written reaches the commit, which checks
    every table's row count."""

    def __init__(self, config: RunConfig, stage_names: list[str], writer: RunWriter, id_root: Path | None):
        self.config, self.stage_names, self.writer, self.id_root = config, stage_names, writer, id_root
        self.cluster = self.client = None
        self.futures = []

    def map(self, batches: list[list[Path]]) -> Iterator[BatchResult]:
        from distributed import Client, LocalCluster, as_completed

        if self.config.dask.address:
            self.client = Client(self.config.dask.address, set_as_default=False)
        else:
            self.cluster = LocalCluster(n_workers=self.config.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster, set_as_default=False)
        job = (self.config, tuple(self.stage_names), str(self.writer.tmp), str(self.writer.failure_log), self.id_root)
        self.futures = [self.client.submit(_process_in_dask_worker, job, index, [str(p) for p in batch],
                                           key=f"pipeline-batch-{self.writer.tmp.name}-{index}", pure=False)
                        for index, batch in enumerate(batches)]
        # the loop of our client: `as_completed` would take the process's default one (a user's own)
        return (future.result() for future in as_completed(self.futures, loop=self.client.loop))

    def finish(self) -> None:
        """Each task closed its own part files."""

    def close(self) -> None:
        if self.client is not None:
            self.client.cancel(self.futures)
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


# A Dask worker's stages, built on its first batch of a run and kept for the next ones.
_dask_processors: dict[str, BatchProcessor] = {}


def _process_in_dask_worker(job: tuple, index: int, paths: list[str]) -> BatchResult:
    config, stage_names, tmp, failure_log, id_root = job
    if tmp not in _dask_processors:
        _dask_processors.clear()  # another run's stages
        _dask_processors[tmp] = BatchProcessor(config, list(stage_names), None, Path(tmp), Path(failure_log), id_root)
    parts = PartWriter(Path(tmp), f"b{index:06d}", config.rows_per_part)
    try:
        return _dask_processors[tmp]([Path(p) for p in paths], parts)
    finally:
        parts.close()


EXECUTORS = {"local": LocalExecutor, "dask": DaskExecutor}
