"""Scoring a run against gold annotations, as shared/annotation/GUIDELINES.md § Scoring defines it.

- entities, strict: (doc_id, start, end, label) equal; lenient: same label and overlapping spans,
  each gold entity matched at most once; P/R/F1 per label and micro-averaged;
- quantities ("value"): spans overlap, units equal, values equal (relative tolerance 1e-6), each
  gold quantity matched at most once;
- relations ("metric"): a value match whose metric span overlaps the gold metric span by at least
  half of the shorter of the two;
- qualifier accuracy: over value matches, the share with the gold qualifier;
- indicator (when the run's relations carry one): over value matches whose gold or predicted
  indicator is not null, P/R/F1 of (quantity, indicator) pairs;
- ORG norm accuracy: over strict ORG matches, the share whose `norm` equals the gold's;
- metadata (when the run has a documents table): per field, the share of documents whose value
  equals the gold's (null equals null).

Several gold sets are scored one by one against the same run, each over its own documents; a
per-document table shows where an extractor breaks.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.tables import has_table, read_table

LABELS = ("ORG", "REG")
META_FIELDS = ("title", "issuer", "year")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def scores(self) -> dict:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Errors:
    """False positives and false negatives, each as (doc_id, start, end, description)."""

    false_positives: list[tuple] = field(default_factory=list)
    false_negatives: list[tuple] = field(default_factory=list)


def load_gold(path: Path) -> dict[str, dict]:
    docs = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            doc = json.loads(line)
            if "doc_id" not in doc:
                raise ValueError(f"{path}:{number}: a gold line needs a doc_id")
            docs[doc["doc_id"]] = doc
    return docs


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_entities(gold: list[dict], predicted: list[dict], label: str, lenient: bool) -> tuple[Counts, list, list]:
    """Counts and the unmatched (gold, predicted) entities of one label in one document."""
    gold = [g for g in gold if g["label"] == label]
    predicted = [p for p in predicted if p["label"] == label]
    if not lenient:
        gold_keys = {(g["start"], g["end"]) for g in gold}
        pred_keys = {(p["start"], p["end"]) for p in predicted}
        missed = [g for g in gold if (g["start"], g["end"]) not in pred_keys]
        wrong = [p for p in predicted if (p["start"], p["end"]) not in gold_keys]
        tp = len(gold_keys & pred_keys)
        return Counts(tp, len(pred_keys) - tp, len(gold_keys) - tp), missed, wrong
    unmatched_gold = list(gold)
    wrong = []
    for p in sorted(predicted, key=lambda e: e["start"]):
        hit = next((g for g in unmatched_gold if overlap(g["start"], g["end"], p["start"], p["end"])), None)
        if hit is None:
            wrong.append(p)
        else:
            unmatched_gold.remove(hit)
    tp = len(gold) - len(unmatched_gold)
    return Counts(tp, len(predicted) - tp, len(unmatched_gold)), unmatched_gold, wrong


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def metric_matches(gold: dict, predicted: dict) -> bool:
    g_start, g_end = gold.get("metric_start"), gold.get("metric_end")
    p_start, p_end = predicted.get("metric_start"), predicted.get("metric_end")
    if None in (g_start, g_end, p_start, p_end) or pd.isna(p_start) or pd.isna(p_end):
        return False
    shorter = min(g_end - g_start, p_end - p_start)
    return shorter > 0 and overlap(g_start, g_end, int(p_start), int(p_end)) >= shorter / 2


def match_quantities(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """Value matches: overlapping spans with equal unit and value, each gold used once."""
    pairs = []
    unmatched = list(gold)
    for p in sorted(predicted, key=lambda q: q["start"]):
        hit = next((g for g in unmatched
                    if overlap(g["start"], g["end"], p["start"], p["end"])
                    and g["unit"] == p["unit"] and _same_value(g["value"], p["value"])), None)
        if hit is not None:
            unmatched.remove(hit)
            pairs.append((hit, p))
    return pairs


def _rows_by_doc(frame: pd.DataFrame) -> dict[str, list[dict]]:
    frame = frame.astype(object).where(frame.notna(), None)
    return {doc_id: group.to_dict("records") for doc_id, group in frame.groupby("doc_id")}


def _norm_matches(gold: list[dict], predicted: list[dict]) -> tuple[int, int, list[tuple]]:
    """Strict ORG matches whose gold has a norm: (how many, how many with the gold norm, the others)."""
    by_span = {(p["start"], p["end"]): p for p in predicted if p["label"] == "ORG"}
    pairs = [(g, by_span[(g["start"], g["end"])]) for g in gold
             if g["label"] == "ORG" and g.get("norm") is not None and (g["start"], g["end"]) in by_span]
    wrong = [(g, p) for g, p in pairs if p.get("norm") != g["norm"]]
    return len(pairs), len(pairs) - len(wrong), wrong


def _score_metadata(gold_docs: dict[str, dict], documents: pd.DataFrame, errors: Errors) -> dict:
    predicted = {doc_id: rows[0] for doc_id, rows in _rows_by_doc(documents[["doc_id", *META_FIELDS]]).items()}
    result = {}
    for name in META_FIELDS:
        scored = right = 0
        for doc_id, doc in gold_docs.items():
            if "meta" not in doc:
                continue
            gold_value = doc["meta"].get(name)
            value = predicted.get(doc_id, {}).get(name)
            value = int(value) if name == "year" and value is not None else value
            scored += 1
            if value == gold_value:
                right += 1
            else:
                errors.false_negatives.append((doc_id, 0, 0, f"META {name}: gold {gold_value!r} got {value!r}"))
        result[name] = right / scored if scored else None
    return result


def score(gold_docs: dict[str, dict], entities: pd.DataFrame | None, relations: pd.DataFrame | None,
          documents: pd.DataFrame | None = None) -> tuple[dict, Errors]:
    """Scores over the gold documents; a gold document the run lacks counts as all missed."""
    errors = Errors()
    result: dict = {"documents": len(gold_docs)}
    if documents is not None:
        result["metadata"] = _score_metadata(gold_docs, documents, errors)
    if entities is not None:
        by_doc = _rows_by_doc(entities)
        if "norm" in entities.columns:
            norm_pairs = norm_right = 0
            for doc_id, doc in gold_docs.items():
                pairs, right, wrong = _norm_matches(doc.get("entities", []), by_doc.get(doc_id, []))
                norm_pairs, norm_right = norm_pairs + pairs, norm_right + right
                errors.false_negatives += [(doc_id, g["start"], g["end"], f"NORM {g['text']}: gold {g['norm']} got {p.get('norm')}")
                                           for g, p in wrong]
            result["org_norm_accuracy"] = norm_right / norm_pairs if norm_pairs else None
        table = {}
        for mode in ("strict", "lenient"):
            per_label = {label: Counts() for label in LABELS}
            for doc_id, doc in gold_docs.items():
                for label in LABELS:
                    counts, missed, wrong = match_entities(doc.get("entities", []), by_doc.get(doc_id, []), label, mode == "lenient")
                    per_label[label].add(counts)
                    if mode == "strict":
                        errors.false_negatives += [(doc_id, g["start"], g["end"], f"{label} {g['text']}") for g in missed]
                        errors.false_positives += [(doc_id, p["start"], p["end"], f"{label} {p['text']} ({p.get('source')})") for p in wrong]
            micro = Counts()
            for counts in per_label.values():
                micro.add(counts)
            table[mode] = {**{label: c.scores() for label, c in per_label.items()}, "micro": micro.scores()}
        result["entities"] = table
    if relations is not None:
        by_doc = _rows_by_doc(relations)
        value, metric, indicator = Counts(), Counts(), Counts()
        has_indicator = "indicator" in relations.columns
        qualifier_right = n_pairs = 0
        for doc_id, doc in gold_docs.items():
            gold_q, pred_q = doc.get("quantities", []), by_doc.get(doc_id, [])
            pairs = match_quantities(gold_q, pred_q)
            matched_gold = {id(g) for g, _ in pairs}
            matched_pred = {id(p) for _, p in pairs}
            value.add(Counts(len(pairs), len(pred_q) - len(pairs), len(gold_q) - len(pairs)))
            good_metrics = sum(metric_matches(g, p) for g, p in pairs)
            metric.add(Counts(good_metrics, len(pred_q) - good_metrics, len(gold_q) - good_metrics))
            qualifier_right += sum(g["qualifier"] == p["qualifier"] for g, p in pairs)
            n_pairs += len(pairs)
            if has_indicator:
                for g, p in pairs:
                    gold_id, predicted_id = g.get("indicator"), p.get("indicator")
                    if gold_id is None and predicted_id is None:
                        continue
                    right = gold_id == predicted_id
                    indicator.add(Counts(int(right), int(predicted_id is not None and not right),
                                         int(gold_id is not None and not right)))
                    if not right:
                        errors.false_negatives.append((doc_id, g["start"], g["end"],
                                                       f"INDICATOR {g['text']}: gold {gold_id} got {predicted_id}"))
            errors.false_negatives += [(doc_id, g["start"], g["end"], f"QTY {g['text']} = {g['value']} {g['unit']} [{g['metric']}]")
                                       for g in gold_q if id(g) not in matched_gold]
            errors.false_positives += [(doc_id, p["start"], p["end"], f"QTY {p['text']} = {p['value']} {p['unit']} [{p['metric']}]")
                                       for p in pred_q if id(p) not in matched_pred]
            errors.false_negatives += [(doc_id, g["start"], g["end"], f"METRIC {g['text']}: gold [{g['metric']}] got [{p['metric']}]")
                                       for g, p in pairs if not metric_matches(g, p)]
            errors.false_negatives += [(doc_id, g["start"], g["end"], f"QUALIFIER {g['text']}: gold {g['qualifier']} got {p['qualifier']}")
                                       for g, p in pairs if g["qualifier"] != p["qualifier"]]
        result["quantities"] = {
            "value": value.scores(),
            "metric": metric.scores(),
            "qualifier_accuracy": qualifier_right / n_pairs if n_pairs else 0.0,
        }
        if has_indicator:
            result["quantities"]["indicator"] = indicator.scores()
    return result, errors


def by_document(gold_docs: dict[str, dict], tables: dict[str, pd.DataFrame | None]) -> list[dict]:
    """One row per gold document: its strict entity F1 per label, value and metric F1 and
    metadata, so a reader sees which reports an extractor fails on."""
    by_doc = {name: None if frame is None else dict(tuple(frame.groupby("doc_id"))) for name, frame in tables.items()}

    def of_doc(name: str, doc_id: str) -> pd.DataFrame | None:
        return None if by_doc[name] is None else by_doc[name].get(doc_id, tables[name].iloc[0:0])

    rows = []
    for doc_id, doc in gold_docs.items():
        result, _ = score({doc_id: doc}, of_doc("entities", doc_id), of_doc("relations", doc_id), of_doc("documents", doc_id))
        row: dict = {"doc_id": doc_id}
        for label in LABELS:
            if "entities" in result:
                counts = result["entities"]["strict"][label]
                row[label] = counts["f1"] if counts["tp"] + counts["fp"] + counts["fn"] else None
        for name in ("value", "metric"):
            if "quantities" in result:
                counts = result["quantities"][name]
                row[name] = counts["f1"] if counts["tp"] + counts["fp"] + counts["fn"] else None
        for name, right in result.get("metadata", {}).items():
            row[name] = right
        rows.append(row)
    return rows


def run_tables(run_dir: Path) -> dict[str, pd.DataFrame | None]:
    """The tables evaluate scores, None where the run has not written one."""
    tables = {name: read_table(run_dir, name) if has_table(run_dir, name) else None
              for name in ("documents", "entities", "relations")}
    if tables["entities"] is None and tables["relations"] is None:
        raise FileNotFoundError(f"{run_dir} has neither an entities nor a relations table to score")
    return tables


def evaluate_run(gold_path: Path, run_dir: Path, tables: dict | None = None,
                 documents: bool = False) -> tuple[dict, Errors]:
    """Scores of one gold set; with `documents`, also its per-document table (`by_document`)."""
    gold_docs = load_gold(gold_path)
    tables = tables or run_tables(run_dir)
    result, errors = score(gold_docs, tables["entities"], tables["relations"], tables["documents"])
    result.update(gold=str(gold_path), run=str(run_dir))
    if tables["documents"] is not None:
        result["not_in_run"] = sorted(set(gold_docs) - set(tables["documents"].doc_id))
    if documents:
        result["by_document"] = by_document(gold_docs, tables)
    return result, errors


def format_scores(result: dict) -> str:
    lines = []
    if "entities" in result:
        lines.append(f"{'entities':<12}{'mode':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
        for label in (*LABELS, "micro"):
            for mode in ("strict", "lenient"):
                s = result["entities"][mode][label]
                lines.append(f"{label:<12}{mode:<9}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    if "quantities" in result:
        q = result["quantities"]
        lines.append(f"{'quantities':<21}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
        for name in ("value", "metric"):
            s = q[name]
            lines.append(f"{name:<21}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
        if "indicator" in q:
            s = q["indicator"]
            lines.append(f"{'indicator':<21}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
        lines.append(f"{'qualifier accuracy':<21}{q['qualifier_accuracy']:>7.3f}")
    if result.get("org_norm_accuracy") is not None:
        lines.append(f"{'ORG norm accuracy':<21}{result['org_norm_accuracy']:>7.3f}")
    for name, right in result.get("metadata", {}).items():
        if right is not None:
            lines.append(f"{'metadata ' + name:<21}{right:>7.3f}")
    return "\n".join(lines)


def format_by_document(rows: list[dict]) -> str:
    """The per-document table; `-` where a document has nothing of that kind in gold or run."""
    if not rows:
        return ""
    columns = [c for c in rows[0] if c != "doc_id"]
    width = max(len(r["doc_id"]) for r in rows) + 2
    lines = [f"{'document':<{width}}" + "".join(f"{c:>8}" for c in columns)]
    for row in rows:
        cells = "".join(f"{'-' if row[c] is None else format(float(row[c]), '.3f'):>8}" for c in columns)
        lines.append(f"{row['doc_id']:<{width}}{cells}")
    return "\n".join(lines)


def format_errors(errors: Errors, run_dir: Path) -> str:
    """Every false positive and false negative with the sentence it sits in."""
    sentences = read_table(run_dir, "sentences") if has_table(run_dir, "sentences") else None
    by_doc = {doc_id: group for doc_id, group in sentences.groupby("doc_id")} if sentences is not None else {}

    def sentence_of(doc_id: str, start: int) -> str:
        group = by_doc.get(doc_id)
        if group is None:
            return ""
        hit = group[(group.start <= start) & (group.end > start)]
        return hit.iloc[0].text if len(hit) else ""

    lines = []
    for heading, items in (("false positives", errors.false_positives), ("false negatives", errors.false_negatives)):
        lines.append(f"\n{heading} ({len(items)})")
        for doc_id, start, end, description in sorted(items):
            lines.append(f"  {doc_id} {start}:{end} {description}\n      {sentence_of(doc_id, start)}")
    return "\n".join(lines)
