"""A finished run as Python objects: its tables as DataFrames, figures with their documents, the
indicator panel, the text around any row, and SQL over every table.

```python
from pipeline import open_run
run = open_run("outputs/default")
run.figures(indicator="admin_reconsideration_cases")
run.context(run.relations.iloc[0])
run.sql("select norm, count(*) as n from entities where label = 'REG' group by norm order by n desc")
```

Dtypes: tables are read through `pipeline.tables.read_table` in key order with integer columns
as pandas nullable integers (`Int32`: `sent_id`, `ent_id`, `rel_id`, `year`, …; `Int64`: offsets,
`n_chars`), so a null year stays an integer column; floats are `float64` with NaN for null;
strings are pandas' string dtype (`str` in pandas 3; missing as NaN).
"""
from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pipeline.export import indicator_panel
from pipeline.tables import SCHEMAS, has_table, read_table, table_path

if TYPE_CHECKING:
    import duckdb

    from pipeline.config import RunConfig

# Characters of raw text shown on either side of a row by `Run.context`.
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Context:
    """Where a row sits in its document: the raw text it covers, the raw text around it, and the
    (normalised) sentence and section heading it belongs to."""

    doc_id: str
    start: int
    end: int
    text: str
    before: str
    after: str
    sentence: str | None
    section: str | None

    def __str__(self) -> str:
        return f"{self.doc_id}[{self.start}:{self.end}] …{self.before}【{self.text}】{self.after}…"


class Run:
    """The tables of a run folder (`<table>.parquet`: a file or a folder of part files).

    Each table is read once, on first use. A table the run's stages did not write (`tokens`
    without the tokens stage) raises FileNotFoundError; `tables` lists those present."""

    def __init__(self, run_dir: str | Path):
        self.dir = Path(run_dir)
        if not (self.dir / "run.json").exists():
            raise FileNotFoundError(f"{self.dir} is not a run folder (no run.json)")
        self._connection: duckdb.DuckDBPyConnection | None = None

    def __repr__(self) -> str:
        return f"Run({str(self.dir)!r}: {', '.join(self.tables)})"

    @cached_property
    def info(self) -> dict[str, Any]:
        """What `run.json` records: the config as used, versions, inputs, skipped files, row counts, seconds."""
        return json.loads((self.dir / "run.json").read_text(encoding="utf-8"))

    @property
    def tables(self) -> list[str]:
        """The tables this run holds, in the contract's order."""
        return [name for name in SCHEMAS if has_table(self.dir, name)]

    def table(self, name: str) -> pd.DataFrame:
        """Any table by name, in key order (the named properties are these, cached)."""
        if name not in SCHEMAS:
            raise KeyError(f"unknown table {name!r}; known: {', '.join(SCHEMAS)}")
        return read_table(self.dir, name, nullable_integers=True)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """One row per document: `doc_id`, `path`, `sha256`, `n_chars`, `title`, `issuer`, `year`, `published`, `raw_text`, `text`."""
        return self.table("documents")

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence: `doc_id`, `sent_id`, `start`, `end`, `text` (normalised), `section`."""
        return self.table("sentences")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """One row per word (when the tokens stage ran): `doc_id`, `sent_id`, `token_id`, `start`, `end`, `text`, `pos`."""
        return self.table("tokens")

    @cached_property
    def entities(self) -> pd.DataFrame:
        """One row per ORG or REG mention: `doc_id`, `sent_id`, `ent_id`, `label`, `start`, `end`, `text`, `norm`, `source`, `score`."""
        return self.table("entities")

    @cached_property
    def relations(self) -> pd.DataFrame:
        """One row per figure: value, unit, qualifier, metric (with its offsets), subject, year, indicator."""
        return self.table("relations")

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """One row per figure with an indicator, with its document's `issuer` and `year`."""
        return self.table("indicators")

    def figures(
        self,
        indicator: str | Collection[str] | None = None,
        unit: str | Collection[str] | None = None,
        issuer: str | Collection[str] | None = None,
        year: int | Collection[int] | None = None,
    ) -> pd.DataFrame:
        """`relations` with the document's `issuer`, `title` and `doc_year` (the report's year; a
        relation's own `year` is the year the figure is for, often null), in key order.

        Each filter takes one value or several; `year` filters on `doc_year`."""
        documents = self.documents[["doc_id", "issuer", "title", "year"]].rename(columns={"year": "doc_year"})
        figures = self.relations.merge(documents, on="doc_id", how="left", validate="many_to_one")
        for column, wanted in (("indicator", indicator), ("unit", unit), ("issuer", issuer), ("doc_year", year)):
            if wanted is not None:
                figures = figures[_matches(figures[column], wanted)]
        return figures.reset_index(drop=True)

    def panel(self) -> pd.DataFrame:
        """The indicator panel (`export panel`): one row per (issuer, year), one column per indicator
        and a `<indicator>_source` column naming the `relations` row (`doc_id:rel_id`) kept."""
        return indicator_panel(self.indicators)

    def context(self, row: Mapping[str, Any] | Any, chars: int = CONTEXT_CHARS) -> Context:
        """The sentence and the raw text around any row that has `doc_id`, `start` and `end`
        (a sentence, token, entity, relation or indicator row: a Series, a dict or an `itertuples` row)."""
        doc_id, start, end = (_field(row, name) for name in ("doc_id", "start", "end"))
        start, end = int(start), int(end)
        raw = self._raw_texts[doc_id]
        sentence = section = None
        if has_table(self.dir, "sentences"):
            sentences = self.sentences
            holding = sentences[(sentences.doc_id == doc_id) & (sentences.start <= start) & (start < sentences.end)]
            if len(holding):
                sentence, section = holding.iloc[0].text, holding.iloc[0].section
        return Context(doc_id=doc_id, start=start, end=end, text=raw[start:end],
                       before=raw[max(0, start - chars):start], after=raw[end:end + chars],
                       sentence=sentence, section=section)

    @cached_property
    def _raw_texts(self) -> pd.Series:
        return self.documents.set_index("doc_id").raw_text

    def sql(self, query: str, parameters: list[Any] | Mapping[str, Any] | None = None) -> pd.DataFrame:
        """A DuckDB query over every table of the run, each a view of its Parquet file or part
        folder under the table's name (rows in no particular order: say `order by`). Use `?` or
        `$name` placeholders with `parameters` for values."""
        return self.connection.execute(query, parameters).df()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection behind `sql`, for its relational API."""
        if self._connection is None:
            import duckdb

            connection = duckdb.connect()
            for name in self.tables:
                path = table_path(self.dir, name)
                files = path / "*.parquet" if path.is_dir() else path
                quoted = str(files).replace("'", "''")
                connection.execute(f"create view {name} as select * from read_parquet('{quoted}')")
            self._connection = connection
        return self._connection


def open_run(run_dir: str | Path) -> Run:
    """The run written into `run_dir` (e.g. `outputs/default` after `make run`)."""
    return Run(run_dir)


def run(config: str | Path | Mapping[str, Any] | RunConfig, inputs: list[str] | None = None,
        output: str | None = None, stages: list[str] | None = None, progress: bool = False) -> Run:
    """Run the pipeline from Python, as `python -m pipeline run` does, and open the result.

    `config` is a YAML file, a mapping of config keys or a `RunConfig`; `inputs`, `output` and
    `stages` replace the config's. The whole config is validated first (ConfigError names a bad
    key); a bad input raises InputError, as the command reports it."""
    from pipeline.config import RunConfig, load_config, validate_config
    from pipeline.runner import run as run_stages

    overrides = {"inputs": inputs, "output": output, "stages": stages}
    if isinstance(config, (str, Path)):
        validated = load_config(config, overrides)
    else:
        data = config.model_dump() if isinstance(config, RunConfig) else dict(config)
        data.update({key: value for key, value in overrides.items() if value is not None})
        validated = validate_config(data)
    run_stages(validated, progress=progress)
    return open_run(validated.output)


def _matches(column: pd.Series, wanted: Any) -> pd.Series:
    if isinstance(wanted, Collection) and not isinstance(wanted, str):
        return column.isin(list(wanted))
    return column == wanted


def _field(row: Mapping[str, Any] | Any, name: str) -> Any:
    if isinstance(row, (Mapping, pd.Series)):
        return row[name]
    return getattr(row, name)
