"""Scoring a run against gold annotations, as shared/annotation/GUIDELINES.md § Scoring defines it.

- entities, strict: (doc_id, start, end, label) equal; lenient: same label and overlapping spans,
  each gold entity matched at most once; P/R/F1 per label and micro-averaged;
- quantities ("value"): spans overlap, units equal, values equal (relative tolerance 1e-6), each
  gold quantity matched at most once;
- relations ("metric"): a value match whose metric span overlaps the gold metric span by at least
  half of the shorter of the two;
- qualifier accuracy: over value matches, the share with the gold qualifier.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.tables import has_table, read_table

LABELS = ("ORG", "REG")


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


def score(gold_docs: dict[str, dict], entities: pd.DataFrame | None, relations: pd.DataFrame | None) -> tuple[dict, Errors]:
    """Scores over the gold documents; a gold document the run lacks counts as all missed."""
    errors = Errors()
    result: dict = {"documents": len(gold_docs)}
    if entities is not None:
        by_doc = _rows_by_doc(entities)
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
        value, metric = Counts(), Counts()
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
    return result, errors


def evaluate_run(gold_path: Path, run_dir: Path) -> tuple[dict, Errors]:
    gold_docs = load_gold(gold_path)
    entities = read_table(run_dir, "entities") if has_table(run_dir, "entities") else None
    relations = read_table(run_dir, "relations") if has_table(run_dir, "relations") else None
    if entities is None and relations is None:
        raise FileNotFoundError(f"{run_dir} has neither an entities nor a relations table to score")
    result, errors = score(gold_docs, entities, relations)
    result.update(gold=str(gold_path), run=str(run_dir))
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
        lines.append(f"{'qualifier accuracy':<21}{q['qualifier_accuracy']:>7.3f}")
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
