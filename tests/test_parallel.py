"""`workers: N` gives the same tables as `workers: 1`, row for row after sorting by keys."""
import pandas as pd

from pipeline.runner import run
from pipeline.tables import read_table

from conftest import make_config


def test_two_workers_write_the_same_tables_as_one(tmp_path):
    stages = ["normalize", "sentences", "tokens", "entities", "relations"]
    run(make_config(tmp_path / "one", stages=stages, workers=1, batch_size=2), progress=False)
    run(make_config(tmp_path / "two", stages=stages, workers=2, batch_size=1), progress=False)
    for table in ("documents", "sentences", "tokens", "entities", "relations"):
        one = read_table(tmp_path / "one" / "run", table)  # in key order, see pipeline/tables.py
        two = read_table(tmp_path / "two" / "run", table)
        assert len(one) > 0
        pd.testing.assert_frame_equal(one, two)


def test_batches_keep_input_order_for_one_worker_and_put_large_files_first_for_several(tmp_path):
    from pipeline.batches import plan_batches

    paths = []
    for i, size in enumerate([5, 500, 50, 5000, 1, 50000, 20, 2000, 300]):
        path = tmp_path / f"{i}.txt"
        path.write_text("字" * size, encoding="utf-8")
        paths.append(path)
    one = plan_batches(paths, workers=1, batch_size=4)
    assert [p for batch in one for p in batch] == paths and max(map(len, one)) == 4
    two = plan_batches(paths, workers=2, batch_size=16)
    flat = [p for batch in two for p in batch]
    assert sorted(flat) == sorted(paths)
    assert [p.stat().st_size for p in flat] == sorted((p.stat().st_size for p in paths), reverse=True)
    assert len(two) >= 2 * 4  # small batches, so that two workers finish together
