"""`workers: N` gives the same tables as `workers: 1`, row for row after sorting by keys."""
import pandas as pd
import pyarrow.parquet as pq

from pipeline.runner import run
from pipeline.tables import SCHEMAS, read_table

from conftest import make_config

KEYS = {"documents": ["doc_id"], "sentences": ["doc_id", "sent_id"], "entities": ["doc_id", "ent_id"],
        "relations": ["doc_id", "rel_id"]}


def test_two_workers_write_the_same_tables_as_one(tmp_path):
    stages = ["normalize", "sentences", "entities", "relations"]
    run(make_config(tmp_path / "one", stages=stages, workers=1, batch_size=2), progress=False)
    run(make_config(tmp_path / "two", stages=stages, workers=2, batch_size=1), progress=False)
    for table, keys in KEYS.items():
        one = read_table(tmp_path / "one" / "run", table).sort_values(keys).reset_index(drop=True)
        two = read_table(tmp_path / "two" / "run", table).sort_values(keys).reset_index(drop=True)
        assert len(one) > 0
        pd.testing.assert_frame_equal(one, two)


def test_tables_larger_than_a_part_are_folders_of_parts_readable_with_pandas(tmp_path):
    stages = ["normalize", "sentences"]
    run(make_config(tmp_path / "whole", stages=stages), progress=False)
    run(make_config(tmp_path / "parts", stages=stages, workers=2, rows_per_part=100), progress=False)
    folder = tmp_path / "parts" / "run" / "sentences.parquet"
    assert folder.is_dir() and len(list(folder.glob("part-*.parquet"))) > 2
    whole = pd.read_parquet(tmp_path / "whole" / "run" / "sentences.parquet")
    parts = pd.read_parquet(folder).sort_values(KEYS["sentences"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, parts, check_dtype=False)
    # documents: five rows, under the part size, from two workers: two parts at most, one table
    assert len(pd.read_parquet(tmp_path / "parts" / "run" / "documents.parquet")) == 5


def test_a_table_without_rows_is_one_file_with_its_schema(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("本报告没有任何数字和机构。", encoding="utf-8")
    run(make_config(tmp_path, inputs=[str(report)], stages=["normalize", "sentences", "entities", "relations"]),
        progress=False)
    relations = tmp_path / "run" / "relations.parquet"
    assert relations.is_file()
    assert pq.read_schema(relations) == SCHEMAS["relations"]
    assert pq.read_metadata(relations).num_rows == 0


def test_batches_keep_input_order_for_one_worker_and_put_large_files_first_for_several(tmp_path):
    from pipeline.runner import plan_batches

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
