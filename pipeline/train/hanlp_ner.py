"""HanLP as a second NER trainer: its BiLSTM tagger (`RNNNamedEntityRecognizer`) with
randomly initialised character embeddings, so nothing pretrained is downloaded. Trained on the same
examples as the spaCy model; `entities.model` may point at the folder it writes."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from pipeline.config import TrainNerConfig
from pipeline.ner.corpora import Example
from pipeline.train.ner import collect_examples, split_train_dev


def bio_lines(examples: list[Example]) -> str:
    """One `character<TAB>tag` line per character, a blank line after each sentence."""
    lines = []
    for text, spans in examples:
        tags = ["O"] * len(text)
        for start, end, label in spans:
            if all(tag == "O" for tag in tags[start:end]):
                tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
        lines += [f"{char}\t{tag}" for char, tag in zip(text, tags) if not char.isspace()]
        lines.append("")
    return "\n".join(lines) + "\n"


def train_hanlp_ner(config: TrainNerConfig, output: str | Path, epochs: int = 10) -> dict:
    from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer

    started = time.perf_counter()
    sources = collect_examples(config)
    train, dev = split_train_dev(sources, config.dev_fraction, config.seed, config.gold_repeat)
    output = Path(output)
    with tempfile.TemporaryDirectory() as tmp:
        train_path, dev_path = Path(tmp) / "train.tsv", Path(tmp) / "dev.tsv"
        train_path.write_text(bio_lines(train), encoding="utf-8")
        dev_path.write_text(bio_lines(dev), encoding="utf-8")
        tagger = RNNNamedEntityRecognizer()
        # crf=False: HanLP 2.1.5 builds the CRF as CRF(n_out, crf_constraints), which passes None as
        # its batch_first, so the CRF reads (batch, length) as (length, batch) and nothing is learnt
        # (bench/hanlp_crf_check.py); the softmax output layer is unaffected.
        tagger.fit(str(train_path), str(dev_path), str(output), embed=100, rnn_hidden=128, epochs=epochs,
                   tagging_scheme="BIO", crf=False, seed=config.seed, devices=-1, verbose=False)
    info = {"trainer": "hanlp RNNNamedEntityRecognizer (BiLSTM + softmax, random char embeddings)",
            "epochs": epochs, "train_sentences": len(train), "dev_sentences": len(dev),
            "training_seconds": round(time.perf_counter() - started, 1)}
    (output / "training.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return info
