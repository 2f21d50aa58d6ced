"""The dask executor on a LocalCluster of 2 workers: the tables of a local run, bad inputs under
`fail` and `skip`, and a worker killed mid-run (its batches run again; nothing half-written is
committed)."""
from __future__ import annotations

import os
import signal
import threading
import time

import pandas as pd
import pytest

from pipeline.inputs import InputError
from pipeline.runner import run
from pipeline.tables import read_table

from conftest import SEEDS, make_config

distributed = pytest.importorskip("distributed")

STAGES = ["normalize", "sentences", "entities", "relations"]
TABLES = ("documents", "sentences", "entities", "relations", "indicators")


@pytest.fixture(scope="module")
def cluster():
    # a client of the test's own, as a notebook holds one: the run's client must not get in its way
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            yield cluster


def _dask(tmp_path, cluster, **settings):
    return make_config(tmp_path, stages=STAGES, executor="dask", dask={"address": cluster.scheduler_address},
                       **settings)


def _assert_same_tables(left, right):
    for table in TABLES:
        pd.testing.assert_frame_equal(read_table(left, table), read_table(right, table), obj=table)


def test_dask_writes_the_tables_of_a_local_run(tmp_path, cluster):
    local = make_config(tmp_path / "local", stages=STAGES)
    run(local, progress=False)
    on_dask = _dask(tmp_path / "dask", cluster, batch_size=1)
    info = run(on_dask, progress=False)
    assert len(info["inputs"]) == 5
    _assert_same_tables(local.output, on_dask.output)


def test_dask_bad_input_fails_in_one_line_or_is_skipped(tmp_path, cluster):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sorted(SEEDS.glob("*.txt"))[0].read_bytes())
    (folder / "b_empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="b_empty.txt: file is empty"):
        run(_dask(tmp_path / "fail", cluster, inputs=[str(folder)], batch_size=1), progress=False)
    assert not (tmp_path / "fail" / "run").exists()
    assert [p.name for p in (tmp_path / "fail").iterdir()] == []
    info = run(_dask(tmp_path / "skip", cluster, inputs=[str(folder)], on_error="skip", batch_size=1), progress=False)
    assert [s["path"] for s in info["skipped"]] == [str(folder / "b_empty.txt")]
    assert list(read_table(tmp_path / "skip" / "run", "documents").doc_id) == ["a"]


def test_a_worker_killed_mid_run_changes_nothing(tmp_path, cluster):
    folder = tmp_path / "in"
    folder.mkdir()
    for copy in range(8):
        for seed in SEEDS.glob("*.txt"):
            (folder / f"{copy}_{seed.name}").write_bytes(seed.read_bytes())
    config = _dask(tmp_path / "dask", cluster, inputs=[str(folder)], batch_size=1)
    pids = [nanny.process.process.pid for nanny in cluster.workers.values()]

    def kill_one_worker_once_parts_appear():
        deadline = time.time() + 60
        while time.time() < deadline and not list((tmp_path / "dask").glob(".run.tmp-*/*/part-b*")):
            time.sleep(0.05)
        os.kill(pids[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one_worker_once_parts_appear)
    killer.start()
    info = run(config, progress=False)
    killer.join()
    assert len(info["inputs"]) == 40
    local = make_config(tmp_path / "local", inputs=[str(folder)], stages=STAGES)
    run(local, progress=False)
    _assert_same_tables(local.output, config.output)
    deadline = time.time() + 60  # the nanny restarts the killed worker for the next tests
    while len(cluster.scheduler_info["workers"]) < 2 and time.time() < deadline:
        time.sleep(0.1)
