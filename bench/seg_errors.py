"""Where the shipped pkuseg model loses words on the held-out PKU split, and what each run-time
setting gives (dictionary: none, pkuseg's bundled one, the PKU training vocabulary; made-up words
re-split or not, and into which known words), through the tokens stage's own tokenizer. Reads the
split from the training config, so it scores the same lines as the model card.

usage: python bench/seg_errors.py [--train-config configs/train-seg.yaml] [--model models/pkuseg-pku]
Skips with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import SHARED  # noqa: E402
from pipeline.config import TrainSegConfig, load_yaml_config  # noqa: E402
from pipeline.segmentation import build_tokenizer_pipeline, score_words, word_spans  # noqa: E402
from pipeline.text.places import place_names  # noqa: E402
from pipeline.train.seg import read_segmented, split  # noqa: E402

VOCABULARY = SHARED / "corpora" / "cws" / "pku_training_words.utf8"


def missed_words(gold: list[list[str]], predicted: list[list[str]], vocabulary: set[str]) -> Counter:
    """Gold words the segmenter did not produce, by length class, vocabulary membership and
    whether the model split them into smaller words or merged them into (or across) longer ones."""
    kinds: Counter = Counter()
    for gold_words, predicted_words in zip(gold, predicted, strict=True):
        text = "".join(gold_words)
        predicted_spans = word_spans(predicted_words)
        for start, end in word_spans(gold_words) - predicted_spans:
            inside = all(start <= s and e <= end for s, e in predicted_spans if s < end and start < e)
            kinds[(
                "one character" if end - start == 1 else "several characters",
                "in the vocabulary" if text[start:end] in vocabulary else "not in the vocabulary",
                "split" if inside else "merged into a longer word",
            )] += 1
    return kinds


def made_up_words(gold: list[list[str]], predicted: list[list[str]], is_known) -> dict:
    """The model's words of two or more characters that are not known words, and how many of
    them the gold has: what re-splitting acts on."""
    right = total = 0
    for gold_words, predicted_words in zip(gold, predicted, strict=True):
        gold_spans = word_spans(gold_words)
        for span, word in zip(sorted(word_spans(predicted_words)), predicted_words):
            if len(word) > 1 and not is_known(word):
                total += 1
                right += span in gold_spans
    return {"made up": total, "right": right}


def known_word_sources(model: str, test: list[list[str]]) -> dict:
    """Re-splitting with fewer kinds of known words: the model's training words alone, then with
    place names, then (shipped) with the general dictionaries."""
    nlp = build_tokenizer_pipeline("pkuseg", model, None, resegment_unknown=True)
    resplit = nlp.tokenizer.pkuseg_seg.postprocesser
    everything = resplit.known
    trained = set(nlp.tokenizer.pkuseg_seg.feature_extractor.unigram)
    results = {}
    for label, known in (("trained words", trained), ("+ place names", trained | place_names()),
                         ("+ dictionaries' headwords (shipped)", everything)):
        resplit.known = known
        results[label] = score_words(test, [[t.text for t in nlp.tokenizer("".join(words))] for words in test])
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train-config", default=str(ROOT / "configs" / "train-seg.yaml"))
    parser.add_argument("--model", default=str(ROOT / "models" / "pkuseg-pku"))
    args = parser.parse_args()
    if not VOCABULARY.exists():
        print(f"skipped: {VOCABULARY} is absent (../shared is not part of a fresh clone)")
        return 0
    config = load_yaml_config(args.train_config, TrainSegConfig)
    _, test = split(read_segmented(config.data), config.train_fraction)
    vocabulary = set(VOCABULARY.read_text(encoding="utf-8").split())
    texts = ["".join(words) for words in test]
    results = {}
    for user_dict in (None, "default", str(VOCABULARY)):
        for resegment in (True, False):
            nlp = build_tokenizer_pipeline("pkuseg", args.model, user_dict, resegment)
            predicted = [[token.text for token in nlp.tokenizer(text)] for text in texts]
            shipped = " (shipped setting)" if (user_dict, resegment) == (config.user_dict, config.resegment_unknown) else ""
            results[f"user_dict {user_dict}, resegment_unknown {resegment}{shipped}"] = score_words(test, predicted)
            if shipped:
                missed = missed_words(test, predicted, vocabulary)
                results["missed words (shipped setting)"] = {" / ".join(key): count for key, count in missed.most_common()}
            if user_dict is None and resegment:
                is_known = nlp.tokenizer.pkuseg_seg.postprocesser.is_known  # what the next run is judged by
            if user_dict is None and not resegment:
                results["made-up words of the model alone"] = made_up_words(test, predicted, is_known)
    results["re-splitting into"] = known_word_sources(args.model, test)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
