"""Why the HanLP trainer runs without a CRF: HanLP's RNN tagger with and without its CRF output
layer, trained and scored on the same gold sentences of the seeds (a model that cannot fit its
own training set is broken, not under-trained).

usage: python bench/hanlp_crf_check.py [--epochs 30]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ner.examples import gold_examples  # noqa: E402
from pipeline.train.hanlp_ner import bio_lines  # noqa: E402


def fit_and_score(sentences: list, data: Path, crf: bool, epochs: int, folder: Path) -> dict:
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    tagger = RNNNamedEntityRecognizer()
    # training file = dev file, no early stopping or annealing: only whether it can fit is asked
    tagger.fit(str(data), str(data), str(folder), embed=100, rnn_hidden=128, epochs=epochs, batch_size=10,
               lr=0.01, patience=epochs, anneal_patience=epochs, tagging_scheme="BIO", crf=crf, seed=0,
               devices=-1, verbose=False)
    texts = [[char for char in text if not char.isspace()] for text, _ in sentences]
    found = correct = 0
    for (text, spans), predicted in zip(sentences, tagger.predict(texts)):
        gold = set(spans)
        found += len(predicted)
        correct += sum((start, end, label) in gold for _, label, start, end in predicted)
    return {"gold": sum(len(spans) for _, spans in sentences), "found": found, "correct": correct}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()
    sentences = [(text, spans) for text, spans in gold_examples(ROOT / "seeds" / "gold.jsonl", ROOT / "seeds")
                 if spans and not any(char.isspace() for char in text)][:150]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "gold.tsv"
        data.write_text(bio_lines(sentences), encoding="utf-8")
        for crf in (True, False):
            results[f"crf={crf}"] = fit_and_score(sentences, data, crf, args.epochs, Path(tmp) / f"crf-{crf}")
    print(json.dumps({"sentences": len(sentences), "epochs": args.epochs, **results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
