"""`workers: N` gives the same tables as `workers: 1`, row for row after sorting by keys."""
import pandas as pd

from pipeline.runner import run
from pipeline.tables import read_table

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
