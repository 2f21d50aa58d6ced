"""Leave-one-document-out cross-validation of the NER for rules, model and both, over every gold
source of the training config (a source whose annotations or documents are absent is skipped):
one fold per annotated document, whose model is trained (with the training config given) without
that document's gold, and which is scored on that document's gold alone. Prints per fold the strict
F1 of ORG and REG together and of each label, their means over the folds and the pooled (micro over
all folds) scores; writes bench/cv_ner.json. Only when the fold models were trained with the shipped
model's training config (same steps, same data) does it also write cv.json into the model folder
and refresh its model card.

usage: python bench/cv_ner.py [--train-config configs/train-ner.yaml] [--model-dir models/ner-zh-gov]
                              [--max-steps N] [--folds-dir outputs/cv-ner] [--jobs N] [--reuse]

Fold models are kept in --folds-dir; --reuse scores the models found there instead of training
(after a change to the rules or the merge policy, without retraining).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import SHARED  # noqa: E402
from pipeline.config import GoldSource, TrainNerConfig, load_yaml_config, validate_config  # noqa: E402
from pipeline.evaluate import LABELS, Counts, load_gold, score  # noqa: E402
from pipeline.runner import run  # noqa: E402
from pipeline.tables import read_table  # noqa: E402
from pipeline.train.ner import available_gold, train_ner, write_model_card  # noqa: E402

METHODS = ("rules", "model", "both")
SCOPES = ("micro", *LABELS)
# What may differ between a fold's training config and the full model's.
PER_FOLD_KEYS = ("output", "exclude_documents")


def gold_documents(sources: list[GoldSource]) -> dict[str, tuple[Path, dict]]:
    """doc_id -> (its text file, its gold) for every document of the (present) gold sources."""
    documents: dict[str, tuple[Path, dict]] = {}
    for source in sources:
        for doc_id, gold in load_gold(Path(source.annotations)).items():
            if doc_id in documents:
                raise SystemExit(f"{doc_id} is annotated in two gold sources; a fold is one document")
            documents[doc_id] = (Path(source.documents) / f"{doc_id}.txt", gold)
    return documents


def entities_table(method: str, inputs: str, model: str | Path, output: Path) -> pd.DataFrame:
    """The entities table of a run of the entities stage (and what it needs) with `method`."""
    config = validate_config({"inputs": [inputs], "output": str(output), "stages": ["entities"],
                              "entities": {"method": method, "model": str(model) if method != "rules" else None}})
    run(config, progress=False)
    return read_table(output, "entities")


def fold_scores(doc_path: Path, doc_id: str, gold: dict, model_dir: Path, tmp: Path) -> dict[str, dict]:
    """method -> scope (micro, ORG, REG) -> strict P/R/F1 with tp/fp/fn on the fold's document."""
    scores = {}
    for method in METHODS:
        result, _ = score({doc_id: gold}, entities_table(method, str(doc_path), model_dir, tmp / f"run-{method}"), None)
        scores[method] = {scope: result["entities"]["strict"][scope] for scope in SCOPES}
    return scores


def f1(counts: dict) -> float | None:
    """F1 from tp/fp/fn; None when the document has no such entity and none was predicted."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None


def pooled(folds: list[dict]) -> dict[str, dict[str, dict]]:
    """method -> scope -> strict P/R/F1 over the counts of all folds together (F1 None: nothing to find)."""
    result = {}
    for method in METHODS:
        result[method] = {}
        for scope in SCOPES:
            counts = Counts(*(sum(fold["strict"][method][scope][key] for fold in folds) for key in ("tp", "fp", "fn")))
            result[method][scope] = {**counts.scores(), "f1": f1(counts.scores())}
    return result


def mean_f1(folds: list[dict], method: str, scope: str) -> float | None:
    """Mean per-fold F1 over the folds where it is defined."""
    values = [v for fold in folds if (v := f1(fold["strict"][method][scope])) is not None]
    return statistics.mean(values) if values else None


def train_fold(task: tuple[TrainNerConfig, str]) -> None:
    train_ner(*task)


def model_training(model_dir: Path) -> dict:
    """training.json of a model folder, with the max_steps its spaCy config ran with."""
    from spacy.util import load_config

    card = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    card["max_steps"] = load_config(model_dir / "config.cfg")["training"]["max_steps"]
    return card


def training_setup(card: dict) -> dict:
    """What a fold model shares with the full model when trained the same way: the training config
    but its per-fold keys, the gold sources found, and the steps run (an override or not)."""
    config = {key: value for key, value in card["config"].items() if key not in PER_FOLD_KEYS}
    config["overrides"] = {key: value for key, value in config["overrides"].items() if key != "training.max_steps"}
    gold_used = card.get("gold_used", [source["annotations"] for source in card["config"]["gold"]])
    return {**config, "gold_used": gold_used, "max_steps": card["max_steps"]}


def print_table(folds: list[dict], mean: dict, pooled_scores: dict) -> None:
    def cells(values) -> str:
        return " ".join(f"{v:>6.3f}" if v is not None else f"{'-':>6}" for v in values)

    width = max(len("pooled"), *(len(fold["doc_id"]) for fold in folds))
    head = " ".join(f"{m:>6}" for m in METHODS)
    print(f"\nstrict F1 per fold ({' '.join(METHODS)}), ORG+REG micro | ORG | REG")
    print(f"{'fold':<{width}} {head} | {head} | {head}")
    for fold in folds:
        print(f"{fold['doc_id']:<{width}} "
              + " | ".join(cells(f1(fold["strict"][m][scope]) for m in METHODS) for scope in SCOPES))
    print(f"{'mean':<{width}} " + " | ".join(cells(mean[scope][m] for m in METHODS) for scope in SCOPES))
    print(f"{'pooled':<{width}} "
          + " | ".join(cells(pooled_scores[m][scope]["f1"] for m in METHODS) for scope in SCOPES), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train-config", default=str(ROOT / "configs" / "train-ner.yaml"))
    parser.add_argument("--model-dir", default=str(ROOT / "models" / "ner-zh-gov"))
    parser.add_argument("--max-steps", type=int, default=None, help="training steps per fold (default: the config's)")
    parser.add_argument("--folds-dir", default=str(ROOT / "outputs" / "cv-ner"))
    parser.add_argument("--jobs", type=int, default=1, help="fold models trained at once (one per core)")
    parser.add_argument("--reuse", action="store_true", help="score the fold models already in --folds-dir")
    args = parser.parse_args()
    if not (SHARED / "corpora").exists():
        print(f"skipped: {SHARED / 'corpora'} is absent (../shared is not part of a fresh clone)")
        return 0
    base = load_yaml_config(args.train_config, TrainNerConfig)
    sources = available_gold(base.gold)
    documents = gold_documents(sources)
    if not documents:
        print("skipped: no gold source of the training config is present")
        return 0
    folds_dir = Path(args.folds_dir)
    train_command = " ".join(["python bench/cv_ner.py", *(a for a in sys.argv[1:] if a != "--reuse")])
    if not args.reuse:
        overrides = dict(base.overrides)
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        tasks = [(base.model_copy(update={"exclude_documents": [doc_id], "output": str(folds_dir / doc_id),
                                          "overrides": overrides}), f"{train_command} (fold {doc_id})")
                 for doc_id in documents]
        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            pool.map(train_fold, tasks, chunksize=1)
    missing = [doc_id for doc_id in documents if not (folds_dir / doc_id / "training.json").exists()]
    if missing:
        raise SystemExit(f"no fold model in {folds_dir} for {', '.join(missing)}: train them first (without --reuse)")
    trainings = {doc_id: model_training(folds_dir / doc_id) for doc_id in documents}
    steps = sorted({t["max_steps"] for t in trainings.values()})
    if args.max_steps and steps != [args.max_steps]:
        print(f"note: --max-steps {args.max_steps}, but the fold models in {folds_dir} were trained with {steps}")
    folds = []
    for doc_id, (doc_path, gold) in documents.items():
        with tempfile.TemporaryDirectory() as tmp:
            scores = fold_scores(doc_path, doc_id, gold, folds_dir / doc_id, Path(tmp))
        # fold[method] is the ORG+REG strict F1, as the model card reads it.
        folds.append({"doc_id": doc_id, **{m: scores[m]["micro"]["f1"] for m in METHODS},
                      "training_seconds": trainings[doc_id]["training_seconds"], "strict": scores})
        print(doc_id, " ".join(f"{m} {scores[m]['micro']['f1']:.3f}" for m in METHODS), flush=True)
    mean = {scope: {m: mean_f1(folds, m, scope) for m in METHODS} for scope in SCOPES}
    pooled_scores = pooled(folds)
    print_table(folds, mean, pooled_scores)
    command = train_command + (f" (trains the fold models), then {train_command} --reuse (scores them)"
                               if args.reuse else "")
    result = {"methods": list(METHODS), "folds": folds, "mean": mean["micro"], "mean_by_label": mean,
              "pooled": pooled_scores, "max_steps": steps[0] if len(steps) == 1 else steps,
              "gold_sources": [source.annotations for source in sources],
              "command": command, "train_config": args.train_config, "folds_dir": args.folds_dir}
    model_dir = Path(args.model_dir)
    if (model_dir / "training.json").exists():
        shipped = training_setup(model_training(model_dir))
        differing = sorted({key for t in trainings.values() for key, value in training_setup(t).items()
                            if shipped.get(key) != value})
        if differing:
            print(f"model card of {model_dir} not refreshed: the fold models differ from the shipped model in "
                  f"{', '.join(differing)} (folds: {steps} steps, shipped: {shipped['max_steps']})")
        else:
            (model_dir / "cv.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
            write_model_card(model_dir)
            print(f"model card of {model_dir} refreshed")
    (ROOT / "bench" / "cv_ner.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"written: {ROOT / 'bench' / 'cv_ner.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
