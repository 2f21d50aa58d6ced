"""How tables are written: part files for large tables and several workers, schemas for empty ones."""
import pandas as pd
import pyarrow.parquet as pq

from pipeline.runner import run
from pipeline.tables import KEYS, SCHEMAS

from conftest import make_config


def test_tables_larger_than_a_part_are_folders_of_parts_readable_with_pandas(tmp_path):
    stages = ["normalize", "sentences"]
    run(make_config(tmp_path / "whole", stages=stages), progress=False)
    run(make_config(tmp_path / "parts", stages=stages, workers=2, rows_per_part=100), progress=False)
    folder = tmp_path / "parts" / "run" / "sentences.parquet"
    assert folder.is_dir() and len(list(folder.glob("part-*.parquet"))) > 2
    whole = pd.read_parquet(tmp_path / "whole" / "run" / "sentences.parquet")
    parts = pd.read_parquet(folder).sort_values(KEYS["sentences"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(whole, parts)
    # a table smaller than a part, written by two workers, still reads as one table
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

