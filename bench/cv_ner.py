"""Leave-one-document-out cross-validation of the NER over the seeds' gold, for rules, model and
both: the model of each fold is trained (with the training config given) without its test
document's gold. Writes cv.json into the model folder and refreshes its model card.

usage: python bench/cv_ner.py [--train-config configs/train-ner.yaml] [--model-dir models/ner-zh-gov]
                              [--max-steps N] [--folds-dir outputs/cv-ner] [--jobs N] [--reuse]

Fold models are kept in --folds-dir; --reuse scores the models found there instead of training
(to compare merge policies without retraining).
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
from pipeline.config import TrainNerConfig, load_yaml_config, validate_config  # noqa: E402
from pipeline.evaluate import load_gold, score  # noqa: E402
from pipeline.runner import run  # noqa: E402
from pipeline.tables import read_table  # noqa: E402
from pipeline.train.ner import train_ner, write_model_card  # noqa: E402

METHODS = ("rules", "model", "both")


def entities_table(method: str, inputs: str, model: str | Path, output: Path) -> pd.DataFrame:
    """The entities table of a run of the entities stage (and what it needs) with `method`."""
    config = validate_config({"inputs": [inputs], "output": str(output), "stages": ["entities"],
                              "entities": {"method": method, "model": str(model) if method != "rules" else None}})
    run(config, progress=False)
    return read_table(output, "entities")


def fold_scores(doc_path: Path, gold: dict, model_dir: Path, tmp: Path) -> dict[str, float]:
    scores = {}
    for method in METHODS:
        result, _ = score(gold, entities_table(method, str(doc_path), model_dir, tmp / f"run-{method}"), None)
        scores[method] = result["entities"]["strict"]["micro"]["f1"]
    return scores


def train_fold(config: TrainNerConfig) -> None:
    train_ner(config, "cv fold")


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
    gold_source = base.gold[0]
    gold = load_gold(Path(gold_source.annotations))
    if not args.reuse:
        overrides = dict(base.overrides)
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        configs = [base.model_copy(update={"exclude_documents": [doc_id], "output": str(Path(args.folds_dir) / doc_id),
                                           "overrides": overrides}) for doc_id in gold]
        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            pool.map(train_fold, configs, chunksize=1)
    folds = []
    for doc_id in gold:
        fold_model = Path(args.folds_dir) / doc_id
        with tempfile.TemporaryDirectory() as tmp:
            scores = fold_scores(Path(gold_source.documents) / f"{doc_id}.txt", {doc_id: gold[doc_id]},
                                 fold_model, Path(tmp))
        folds.append({"doc_id": doc_id, **scores})
        print(doc_id, " ".join(f"{m} {scores[m]:.3f}" for m in METHODS), flush=True)
    mean = {m: statistics.mean(f[m] for f in folds) for m in METHODS}
    print("mean", " ".join(f"{m} {mean[m]:.3f}" for m in METHODS))
    command = "python bench/cv_ner.py" + (f" --max-steps {args.max_steps}" if args.max_steps else "")
    if args.reuse:
        command = "python bench/cv_ner.py (trains the fold models), then python bench/cv_ner.py --reuse (scores them)"
    result = {"methods": list(METHODS), "folds": folds, "mean": mean, "command": command,
              "train_config": args.train_config}
    model_dir = Path(args.model_dir)
    if (model_dir / "training.json").exists():
        (model_dir / "cv.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        write_model_card(model_dir)
    (ROOT / "bench" / "cv_ner.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
