"""`report DIR`: one self-contained HTML page to look at a run: an overview, charts, and each
document's text with its entities and figures highlighted.

The page needs no network: its style and script are inlined, and the data is one JSON block that
the script renders with `textContent` only, so no text from a document can become markup. Python
cuts each document's text into highlighted segments (offsets are code points of the raw text; the
browser's strings count UTF-16 units, so the cutting is done here).
"""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.runs import Run, open_run
from pipeline.tables import SCHEMAS

# Documents whose text the page carries (the first in doc_id order); every document is listed.
MAX_DOCUMENT_TEXTS = 200
# Characters of a document's raw text shown; highlights past it are left out.
MAX_TEXT_CHARS = 100_000
# Bars per chart.
TOP = 15


def write_report(run_dir: Path, output: Path | None = None, max_documents: int = MAX_DOCUMENT_TEXTS) -> Path:
    """Write the report of the run in `run_dir` (default: `run_dir/report.html`); returns its path."""
    run = open_run(run_dir)
    path = Path(output) if output else run.dir / "report.html"
    path.write_text(render_report(report_data(run, max_documents)), encoding="utf-8")
    return path


def render_report(data: dict[str, Any]) -> str:
    """The page: the template with its style, script and data inlined."""
    assets = files("pipeline") / "data" / "report"
    # Inside <script>, only `</script` or `<!--` could end the block: no `<` is left in the JSON.
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    page = (assets / "report.html").read_text(encoding="utf-8")
    return (page.replace("/*STYLE*/", (assets / "report.css").read_text(encoding="utf-8"))
                .replace("/*SCRIPT*/", (assets / "report.js").read_text(encoding="utf-8"))
                .replace("/*DATA*/", blob))


def report_data(run: Run, max_documents: int = MAX_DOCUMENT_TEXTS) -> dict[str, Any]:
    """What the page shows, as JSON-ready data: the run, its charts, the documents and the texts
    of the first `max_documents` cut into highlighted segments."""
    documents = run.documents
    entities = _table(run, "entities")
    relations = _table(run, "relations")
    entity_counts = entities.groupby("doc_id").size()
    figure_counts = relations.groupby("doc_id").size()
    shown = set(documents.doc_id.head(max_documents))
    listed = [{
        "doc_id": row.doc_id, "title": _plain(row.title), "issuer": _plain(row.issuer), "year": _plain(row.year),
        "n_chars": int(row.n_chars), "entities": int(entity_counts.get(row.doc_id, 0)),
        "figures": int(figure_counts.get(row.doc_id, 0)), "shown": row.doc_id in shown,
    } for row in documents.itertuples()]
    shown_entities = dict(tuple(entities[entities.doc_id.isin(shown)].groupby("doc_id")))
    shown_relations = dict(tuple(relations[relations.doc_id.isin(shown)].groupby("doc_id")))
    texts = {row.doc_id: document_view(row.raw_text, shown_entities.get(row.doc_id, entities.iloc[:0]),
                                       shown_relations.get(row.doc_id, relations.iloc[:0]))
             for row in documents.itertuples() if row.doc_id in shown}
    return {
        "run": {
            "dir": str(run.dir), "started": run.info.get("started"), "stages": run.info.get("stages", []),
            "documents": len(documents), "characters": int(documents.n_chars.sum()),
            "issuers": _counts(documents.issuer.dropna()),
            "years": sorted({int(year) for year in documents.year.dropna()}),
            "rows": run.info.get("rows", {}),
            "skipped": len(run.info.get("skipped", [])),
        },
        "charts": [
            {"id": "chart-indicators", "title": "Figures per indicator",
             "bars": _counts(relations.indicator.dropna())},
            {"id": "chart-regulations", "title": f"Top {TOP} regulations (mentions)",
             "bars": _counts(entities.loc[entities.label == "REG", "norm"].dropna(), TOP)},
            {"id": "chart-organisations", "title": f"Top {TOP} organisations (mentions)",
             "bars": _counts(entities.loc[entities.label == "ORG", "norm"].dropna(), TOP)},
        ],
        "documents": listed,
        "texts": texts,
        "limits": {"max_documents": max_documents, "max_text_chars": MAX_TEXT_CHARS},
    }


def document_view(raw: str, entities: pd.DataFrame, relations: pd.DataFrame) -> dict[str, Any]:
    """A document's text cut into segments `[text, classes, tooltip, rel_ids]`, each covered by
    the same entities (`org`, `reg`), figures (`fig`) and figures' metrics (`metric`), and its
    figures as rows `[rel_id, text, value, value_max, unit, qualifier, metric, indicator]`."""
    shown = raw[:MAX_TEXT_CHARS]
    spans: list[tuple[int, int, str, str, int | None]] = []
    for entity in entities.itertuples():
        spans.append((entity.start, entity.end, entity.label.lower(), f"{entity.label}: {entity.norm}", None))
    figures = []
    for figure in relations.itertuples():
        amount = _amount(figure)
        indicator = _plain(figure.indicator)
        tip = f"figure {amount} ({figure.qualifier}); metric: {figure.metric}" + (f"; indicator: {indicator}" if indicator else "")
        spans.append((figure.start, figure.end, "fig", tip, int(figure.rel_id)))
        if not pd.isna(figure.metric_start):
            spans.append((figure.metric_start, figure.metric_end, "metric", f"metric of {figure.text}: {figure.metric}", None))
        figures.append([int(figure.rel_id), figure.text, float(figure.value), _plain(figure.value_max), _plain(figure.unit),
                        figure.qualifier, _plain(figure.metric), indicator])
    spans = [(int(start), min(int(end), len(shown)), *rest) for start, end, *rest in spans if start < len(shown)]
    return {"segments": _segments(shown, spans), "figures": figures, "truncated": len(raw) > len(shown),
            "n_chars": len(raw)}


def _segments(text: str, spans: list[tuple[int, int, str, str, int | None]]) -> list[list[Any]]:
    """Cut `text` at every span boundary; each piece lists the spans covering it (a sweep)."""
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for index, (start, end, *_) in enumerate(spans):
        starting.setdefault(start, []).append(index)
        ending.setdefault(end, []).append(index)
    boundaries = sorted({0, len(text), *starting, *ending})
    active: dict[int, None] = {}  # insertion-ordered: tooltips read in the order spans open
    pieces = []
    for left, right in zip(boundaries, boundaries[1:]):
        for index in ending.get(left, []):
            active.pop(index, None)
        for index in starting.get(left, []):
            active[index] = None
        covering = [spans[index] for index in active]
        classes = " ".join(sorted({span[2] for span in covering}))
        tips = " | ".join(span[3] for span in covering)
        rel_ids = [span[4] for span in covering if span[4] is not None]
        pieces.append([text[left:right], classes, tips, rel_ids])
    return pieces


def _amount(figure: Any) -> str:
    value = f"{figure.value:g}" + (f"–{figure.value_max:g}" if not pd.isna(figure.value_max) else "")
    return f"{value} {figure.unit}" if not pd.isna(figure.unit) and figure.unit else value


def _counts(values: pd.Series, top: int | None = None) -> list[list[Any]]:
    counts = values.value_counts()
    return [[label, int(count)] for label, count in (counts.head(top) if top else counts).items()]


def _table(run: Run, name: str) -> pd.DataFrame:
    """A table of the run, or the table with no rows when the run's stages did not write it."""
    return getattr(run, name) if name in run.tables else SCHEMAS[name].empty_table().to_pandas()


def _plain(value: Any) -> Any:
    """A JSON value: None for a missing one, Python numbers for numpy's."""
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
