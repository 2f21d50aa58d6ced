"""`inspect DIR`: a one-screen account of what a run holds."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.tables import SCHEMAS, has_table, read_table

MAX_DOCUMENTS_LISTED = 20


def describe_run(run_dir: Path, top: int = 10) -> str:
    if not (run_dir / "run.json").exists():
        raise FileNotFoundError(f"{run_dir} is not a run folder (no run.json)")
    info = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    lines = [f"run {run_dir}: stages {', '.join(info['stages'])}; started {info['started']}"]
    documents = read_table(run_dir, "documents")
    lines.append(f"\n{len(documents)} documents, {documents.n_chars.sum():,} characters")
    shown = documents.head(MAX_DOCUMENTS_LISTED).astype(object)
    for row in shown.where(shown.notna(), None).itertuples():
        year = int(row.year) if row.year is not None else "-"
        lines.append(f"  {row.doc_id:<24} {row.n_chars:>8,} chars  {year!s:<5} {row.issuer or '-'}  {row.title or '-'}")
    if len(documents) > MAX_DOCUMENTS_LISTED:
        lines.append(f"  … and {len(documents) - MAX_DOCUMENTS_LISTED} more")
    if info.get("skipped"):
        lines.append(f"{len(info['skipped'])} skipped: " + ", ".join(s["path"] for s in info["skipped"]))
    lines.append("\nrows per table")
    for table in SCHEMAS:
        if has_table(run_dir, table):
            lines.append(f"  {table:<12}{len(read_table(run_dir, table)):>10,}")
    if has_table(run_dir, "entities"):
        entities = read_table(run_dir, "entities")
        for label, heading in (("ORG", "organisations"), ("REG", "regulations")):
            counts = entities.loc[entities["label"] == label, "norm"].value_counts().head(top)
            lines.append(f"\ntop {heading}")
            lines.extend(f"  {count:>5}  {norm}" for norm, count in counts.items())
    if has_table(run_dir, "relations"):
        relations = read_table(run_dir, "relations")
        counts = relations.groupby(["metric", "unit"]).size().sort_values(ascending=False).head(top)
        lines.append("\ntop metrics")
        lines.extend(f"  {count:>5}  {metric} ({unit or '-'})" for (metric, unit), count in counts.items())
    if has_table(run_dir, "indicators"):
        counts = read_table(run_dir, "indicators").indicator.value_counts().head(top)
        lines.append("\ntop indicators")
        lines.extend(f"  {count:>5}  {indicator}" for indicator, count in counts.items())
    return "\n".join(lines)
