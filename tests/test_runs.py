"""The analysis API (`pipeline.open_run`, `pipeline.run`) on the seeds' run."""
from __future__ import annotations

import pandas as pd
import pytest

import pipeline
from pipeline.config import ConfigError
from pipeline.tables import KEYS, SCHEMAS, table_path

from conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def run(seed_run):
    return pipeline.open_run(seed_run)


def test_tables_in_key_order_with_nullable_integers(run):
    # the default config leaves out the tokens stage
    assert run.tables == [name for name in SCHEMAS if name != "tokens"]
    with pytest.raises(FileNotFoundError):
        run.tokens
    for name in run.tables:
        frame = getattr(run, name)
        assert list(frame.columns) == SCHEMAS[name].names
        keys = frame[KEYS[name]]
        assert keys.equals(keys.sort_values(KEYS[name]).reset_index(drop=True)), name
        assert not keys.duplicated().any(), name
    assert str(run.documents.year.dtype) == "Int32" and str(run.documents.n_chars.dtype) == "Int64"
    assert str(run.relations.subject_ent_id.dtype) == "Int32" and run.relations.subject_ent_id.isna().any()
    assert run.relations.value.dtype == "float64"


def test_a_folder_that_is_not_a_run_is_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a run folder"):
        pipeline.open_run(tmp_path)


def test_figures_carry_their_document_and_filter(run):
    figures = run.figures()
    assert len(figures) == len(run.relations)
    issuers = run.documents.set_index("doc_id").issuer
    assert (figures.issuer == figures.doc_id.map(issuers)).all()
    assert (figures.doc_year == figures.doc_id.map(run.documents.set_index("doc_id").year)).all()

    indicator = run.indicators.indicator.value_counts().index[0]
    one = run.figures(indicator=indicator)
    assert len(one) == (run.relations.indicator == indicator).sum() > 0
    assert set(one.indicator) == {indicator}
    two = run.figures(indicator=[indicator, "legal_aid_cases"], unit="件")
    assert set(two.indicator) <= {indicator, "legal_aid_cases"} and set(two.unit) == {"件"}
    issuer, year = run.documents.issuer.iloc[0], int(run.documents.year.iloc[0])
    mine = run.figures(issuer=issuer, year=year)
    assert len(mine) == (figures.issuer.eq(issuer) & figures.doc_year.eq(year)).sum() > 0
    assert run.figures(year=1900).empty


def test_panel_values_come_from_the_rows_it_names(run):
    panel = run.panel()
    assert len(panel) == len(run.indicators[["issuer", "year"]].drop_duplicates())
    relations = run.relations.set_index(["doc_id", "rel_id"])
    checked = 0
    for column in [c for c in panel.columns if c.endswith("_source")]:
        for value, source in panel[[column.removesuffix("_source"), column]].dropna().itertuples(index=False):
            doc_id, rel_id = source.rsplit(":", 1)
            assert relations.loc[(doc_id, int(rel_id)), "value"] == value
            checked += 1
    assert checked > 0


def test_context_of_any_row_is_its_raw_text_and_sentence(run):
    sentences = run.sentences.set_index(["doc_id", "sent_id"])
    for table in ("entities", "relations"):
        for row in getattr(run, table).itertuples():
            context = run.context(row)
            assert context.text == row.text
            assert context.sentence == sentences.loc[(row.doc_id, row.sent_id), "text"]
    row = run.indicators.iloc[0]
    context = run.context(row, chars=10)
    raw = run.documents.set_index("doc_id").raw_text[row.doc_id]
    assert context.before + context.text + context.after == raw[row.start - 10:row.end + 10]
    assert f"【{context.text}】" in str(context)


def test_sql_sees_every_table(run):
    counts = run.sql(" union all ".join(f"select '{name}' as name, count(*) as n from {name}" for name in run.tables))
    assert dict(zip(counts.name, counts.n)) == {name: len(getattr(run, name)) for name in run.tables}
    per_issuer = run.sql("""select d.issuer, count(*) as n from relations r join documents d using (doc_id)
                            where r.unit = ? group by d.issuer""", ["件"])
    expected = run.figures(unit="件").groupby("issuer").size()
    assert dict(zip(per_issuer.issuer, per_issuer.n)) == expected.to_dict()


def test_run_from_python_with_part_folders(tmp_path):
    output = tmp_path / "run"
    result = pipeline.run(ROOT / "configs" / "default.yaml", inputs=[str(SEEDS / "*.txt")], output=str(output),
                          stages=["sentences"])
    assert isinstance(result, pipeline.Run) and result.dir == output
    assert result.tables == ["documents", "sentences"]
    # a config as data, one document a batch and part files of 50 rows: tables become folders, which SQL reads too
    result = pipeline.run({"output": str(output), "inputs": [str(SEEDS / "*.txt")], "rows_per_part": 50, "batch_size": 1})
    assert table_path(output, "sentences").is_dir()
    assert result.sql("select count(*) as n from sentences").n[0] == len(result.sentences) > 50
    with pytest.raises(ConfigError, match="sentences.max_char"):
        pipeline.run({"sentences": {"max_char": 10}})


def test_run_does_not_hide_the_runner_module():
    import pipeline.runner

    assert callable(pipeline.run) and pipeline.run is not pipeline.runner.run
    assert pipeline.runner.__name__ == "pipeline.runner"
    with pytest.raises(AttributeError):
        pipeline.no_such_name
