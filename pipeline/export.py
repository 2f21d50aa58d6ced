"""`export panel DIR`: the indicator panel, one row per (issuer, year) and one column per
indicator, from a run's `indicators` table.

A report may give an indicator more than once (a total and its parts, two scopes, a plan and its
result). The panel keeps one figure per cell: for counts, money and durations the largest (a total
is at least each of its parts: `受理…893件，其中…574件`); for rates the first in the report. Each
value column `<indicator>` has a column `<indicator>_source` (`doc_id:rel_id`) that names the
`relations` row it came from.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.tables import read_table
from pipeline.text.indicators import kind_of, load_indicator_list

FORMATS = ("csv", "parquet")


def _one_figure(group: pd.DataFrame) -> pd.Series:
    """The figure a cell keeps: a rate's first, else the largest (the first of equals)."""
    return group.iloc[0] if kind_of(group.unit.iloc[0]) == "rate" else group.loc[group.value.idxmax()]


def indicator_panel(indicators: pd.DataFrame) -> pd.DataFrame:
    """The panel of an `indicators` table (rows in key order); columns in the indicator list's order."""
    keys = ["issuer", "year"]
    frame = indicators.assign(issuer=indicators.issuer.fillna(""), year=indicators.year.astype("Int64"))
    frame = frame.reset_index(drop=True)
    chosen = pd.DataFrame([_one_figure(group) for _, group in frame.groupby([*keys, "indicator"], sort=False)])
    if chosen.empty:
        return pd.DataFrame(columns=keys)
    chosen["source"] = chosen.doc_id + ":" + chosen.rel_id.astype(str)
    order = {indicator: index for index, indicator in enumerate(load_indicator_list())}
    present = sorted(chosen.indicator.unique(), key=lambda indicator: (order.get(indicator, len(order)), indicator))
    values = chosen.pivot(index=keys, columns="indicator", values="value")[present]
    sources = chosen.pivot(index=keys, columns="indicator", values="source")[present].add_suffix("_source")
    panel = values.join(sources)[[c for indicator in present for c in (indicator, f"{indicator}_source")]]
    panel = panel.reset_index()
    panel["issuer"] = panel.issuer.replace("", None)
    return panel.sort_values(keys, na_position="last").reset_index(drop=True)


def export_panel(run_dir: Path, output: Path | None, fmt: str) -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    panel = indicator_panel(read_table(run_dir, "indicators"))
    path = output or run_dir / f"panel.{fmt}"
    if fmt == "csv":
        panel.to_csv(path, index=False)
    else:
        panel.to_parquet(path, index=False)
    return path
