"""HanLP as a second NER trainer: its BiLSTM tagger trained on the same examples as the spaCy model
(same sources, same seeded train/dev split), then both models scored the same way: strict F1 on
that dev set, ORG transfer on CLUENER dev and MSRA test, and speed. Writes comparison.json into the
spaCy model's folder and refreshes its card; the HanLP model goes to --output.

usage: python bench/hanlp_ner.py [--epochs N] [--output outputs/ner-zh-gov-hanlp] [--reuse]

--reuse scores the HanLP model already in --output instead of training it (after the spaCy model
is retrained, say).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import SHARED  # noqa: E402
from bench.transfer_ner import CORPORA, score_corpus  # noqa: E402
from pipeline.config import TrainNerConfig, load_yaml_config  # noqa: E402
from pipeline.evaluate import Counts, match_entities  # noqa: E402
from pipeline.ner.pipeline import build_entity_pipeline  # noqa: E402
from pipeline.train.hanlp_ner import train_hanlp_ner  # noqa: E402
from pipeline.train.ner import collect_examples, split_train_dev, write_model_card  # noqa: E402


def dev_scores(nlp, dev) -> dict:
    counts = Counts()
    started = time.perf_counter()
    docs = list(nlp.pipe([text for text, _ in dev]))
    seconds = time.perf_counter() - started
    for doc, (_, gold) in zip(docs, dev):
        predicted = [{"label": e.label_, "start": e.start_char, "end": e.end_char} for e in doc.ents]
        gold_rows = [{"label": label, "start": s, "end": e} for s, e, label in gold]
        for label in ("ORG", "REG"):
            counts.add(match_entities(gold_rows, predicted, label, lenient=False)[0])
    return {**counts.scores(), "chars_per_second": round(sum(len(t) for t, _ in dev) / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train-config", default=str(ROOT / "configs" / "train-ner.yaml"))
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--output", default=str(ROOT / "outputs" / "ner-zh-gov-hanlp"))
    parser.add_argument("--spacy-model", default=str(ROOT / "models" / "ner-zh-gov"))
    parser.add_argument("--reuse", action="store_true", help="score the HanLP model already in --output")
    args = parser.parse_args()
    if not (SHARED / "corpora").exists():
        print(f"skipped: {SHARED / 'corpora'} is absent (../shared is not part of a fresh clone)")
        return 0
    config = load_yaml_config(args.train_config, TrainNerConfig)
    if args.reuse:
        training = json.loads((Path(args.output) / "training.json").read_text(encoding="utf-8"))
    else:
        training = train_hanlp_ner(config, args.output, epochs=args.epochs)
    _, dev = split_train_dev(collect_examples(config), config.dev_fraction, config.seed, config.gold_repeat)
    spacy_model = Path(args.spacy_model)
    spacy_training = json.loads((spacy_model / "training.json").read_text(encoding="utf-8"))
    models = {"spacy": (spacy_model, spacy_training["training_seconds"]),
              "hanlp": (Path(args.output), training["training_seconds"])}
    command = f"python bench/hanlp_ner.py --epochs {training['epochs']}"
    if args.reuse:
        command += " (trains the HanLP model), then python bench/hanlp_ner.py --reuse (scores both)"
    results = {"command": command, "dev_sentences": len(dev), "models": {}}
    for name, (path, seconds) in models.items():
        nlp = build_entity_pipeline("model", path, trust_model_code=True)  # both models are trained here
        results["models"][name] = {
            "training_seconds": seconds,
            "dev": dev_scores(nlp, dev),
            "transfer_org_strict_f1": {corpus: score_corpus(nlp, list(reader()))["strict"]["f1"]
                                       for corpus, reader in CORPORA.items()},
        }
        print(name, json.dumps(results["models"][name]), flush=True)
    (spacy_model / "comparison.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    write_model_card(spacy_model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
