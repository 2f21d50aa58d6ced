import pandas as pd
import pytest

from pipeline.tables import SCHEMAS, read_table

from conftest import SEEDS, raw_of

EXPECTED = {
    "000_2d93b1e7ef561c47": ("江苏省司法厅", 2022, "2023-03-27"),
    "001_9ab697e020cfd5b9": ("赣州市司法局", 2022, None),
    "002_bd13dfb2e7ae469e": ("重庆两江新区司法局", 2022, None),
    "003_c00ca69fb3eee698": ("信阳市司法局", 2023, "2024-02-29"),
    "004_2276b09fdac000b3": ("舟山市司法局", 2023, "2024-02-26"),
}


def test_seed_metadata(seed_run):
    documents = read_table(seed_run, "documents").set_index("doc_id")
    for doc_id, (issuer, year, published) in EXPECTED.items():
        row = documents.loc[doc_id]
        assert row["issuer"] == issuer
        assert row["year"] == year
        assert (None if pd.isna(row["published"]) else row["published"]) == published
    assert documents.loc["000_2d93b1e7ef561c47", "title"] == "江苏省司法厅2022年度法治政府建设情况报告"
    assert pd.isna(documents.loc["001_9ab697e020cfd5b9", "title"])


def test_raw_text_is_the_file_and_n_chars_its_length(seed_run):
    documents = read_table(seed_run, "documents")
    for row in documents.itertuples():
        raw = raw_of(SEEDS / f"{row.doc_id}.txt")
        assert row.raw_text == raw
        assert row.n_chars == len(raw)


@pytest.mark.parametrize("table", ["documents", "sentences"])
def test_tables_have_the_contract_schema(seed_run, table):
    import pyarrow.parquet as pq

    assert pq.read_schema(seed_run / f"{table}.parquet") == SCHEMAS[table]
    assert len(pd.read_parquet(seed_run / f"{table}.parquet")) > 0
