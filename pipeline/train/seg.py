"""`train seg`: a spacy-pkuseg model trained offline on gold segmentation, scored on a held-out
split and on other standards next to jieba, written with a model card."""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.config import TrainSegConfig
from pipeline.errors import SetupError
from pipeline.segmentation import build_tokenizer_pipeline, check_user_dict, score_words


def read_segmented(path: str | Path) -> list[list[str]]:
    return [line.split() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def split(lines: list[list[str]], train_fraction: float) -> tuple[list[list[str]], list[list[str]]]:
    cut = int(len(lines) * train_fraction)
    return lines[:cut], lines[cut:]


def _write(lines: list[list[str]], path: Path) -> None:
    path.write_text("".join(" ".join(words) + "\n" for words in lines), encoding="utf-8")


def dictionary_lines(train: list[list[str]], dictionary: list[str], rate: float, seed: int = 0) -> list[list[str]]:
    """Copies of training lines that hold the dictionary's words the lines never show, each put in
    place of a word of its length with probability `rate`. pkuseg's features are the words
    themselves, so a word it never saw in a sentence adds nothing; as one-word lines the dictionary
    taught it to merge. Lines are copied until no such word of two to four characters (most of a
    dictionary) is left; longer ones are placed as their lengths come up."""
    rng = random.Random(seed)
    seen = {word for line in train for word in line}
    unseen: dict[int, list[str]] = {}
    for word in dict.fromkeys(dictionary):
        if word not in seen and len(word) >= 2:
            unseen.setdefault(len(word), []).append(word)
    for words in unseen.values():
        rng.shuffle(words)
    common_lengths = {len(word) for line in train for word in line} & {2, 3, 4}
    lines: list[list[str]] = []
    while any(unseen.get(length) for length in common_lengths):
        for line in train:
            copy = [unseen[len(word)].pop() if len(word) >= 2 and unseen.get(len(word)) and rng.random() < rate
                    else word for word in line]
            if copy != line:
                lines.append(copy)
    return lines


def _pkuseg_cutter(model_dir: Path, config: TrainSegConfig):
    nlp = build_tokenizer_pipeline("pkuseg", model_dir, config.user_dict, config.resegment_unknown)
    return lambda text: [token.text for token in nlp.tokenizer(text)]


def _jieba_cutter():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # load its dictionary before anything is timed
    return lambda text: [word for word in jieba.cut(text) if word]


def evaluate_segmenters(model_dir: Path, tests: dict[str, list[list[str]]], config: TrainSegConfig) -> dict:
    cutters = {"ours": _pkuseg_cutter(model_dir, config)}
    if config.resegment_unknown:
        cutters["ours, not re-split"] = _pkuseg_cutter(model_dir, config.model_copy(update={"resegment_unknown": False}))
    cutters["jieba"] = _jieba_cutter()
    scores: dict = {}
    for test_name, gold in tests.items():
        for name, cut in cutters.items():
            started = time.perf_counter()
            predicted = [cut("".join(words)) for words in gold]
            seconds = time.perf_counter() - started
            result = score_words(gold, predicted)
            result["chars_per_second"] = round(sum(len("".join(w)) for w in gold) / seconds)
            scores.setdefault(name, {})[test_name] = result
    return scores


def train_segmenter(config: TrainSegConfig, command: str) -> dict:
    import spacy_pkuseg

    check_user_dict(config.user_dict, "user_dict")
    if config.dictionary and not Path(config.dictionary).is_file():
        raise SetupError(f"dictionary {config.dictionary!r} is not a word-list file")
    lines = read_segmented(config.data)
    train, test = split(lines, config.train_fraction)
    train = train[:config.train_lines]
    output = Path(config.output)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        train_file, test_file = Path(tmp) / "train.txt", Path(tmp) / "test.txt"
        dictionary = Path(config.dictionary).read_text(encoding="utf-8").split() if config.dictionary else []
        extra = dictionary_lines(train, dictionary, config.dictionary_rate)
        _write(train + extra, train_file)
        _write(test, test_file)
        staging = Path(tmp) / "model"
        random.seed(config.seed)
        spacy_pkuseg.train(str(train_file), str(test_file), str(staging), train_iter=config.iterations)
        seconds = time.perf_counter() - started
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, output)
    tests = {"pku_heldout": test, **{name: read_segmented(path) for name, path in config.transfer_tests.items()}}
    meta = {
        "name": output.name,
        "trainer": "spacy-pkuseg " + _version("spacy-pkuseg"),
        "command": command,
        "config": config.model_dump(),
        "data": {"train_lines": len(train), "test_lines": len(test), "dictionary_words": len(dictionary),
                 "dictionary_lines": len(extra)},
        "training_seconds": round(seconds, 1),
        "size_mb": round(sum(f.stat().st_size for f in output.iterdir()) / 2**20, 1),
        "scores": evaluate_segmenters(output, tests, config),
    }
    (output / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    (output / "README.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def model_card(meta: dict) -> str:
    rows = []
    for segmenter, by_test in meta["scores"].items():
        for test, s in by_test.items():
            rows.append(f"| {segmenter} | {test} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
                        f"{s['words']:,} | {s['chars_per_second']:,} |")
    data = meta["data"]
    config = meta["config"]
    dictionary_line = (f"Word list `{config['dictionary']}` ({data['dictionary_words']:,} words): the words the "
                       f"training lines never show are put into {data['dictionary_lines']:,} copies of training lines, "
                       f"each in place of a word of its length (rate {config['dictionary_rate']})."
                       if config["dictionary"] else "No word list added to training (`dictionary: null`).")
    user_dict = {None: "no dictionary (`user_dict: null`)",
                 "default": "pkuseg's bundled dictionary (`user_dict: default`), whose words it merges after the model"}
    user_dict_line = user_dict.get(config["user_dict"], f"the word list `{config['user_dict']}` as user dictionary")
    resegment_line = ("and the words the model made up re-split with their neighbours into the fewest known words: "
                      "words it was trained on, place names (cpca) and the headwords of general dictionaries (jionlp's "
                      "dictionary and idioms, jieba's word list; `resegment_unknown: true`; the row `ours, not re-split` "
                      "is the model's own words)"
                      if config["resegment_unknown"]
                      else "the model's own words (`resegment_unknown: false`)")
    return f"""# {meta['name']}: a spacy-pkuseg word segmenter trained offline

Trained by this project because pkuseg's pretrained models are downloads that cannot happen here.

## Data and terms

- Gold segmentation: `{config['data']}` (SIGHAN 2005 bakeoff, Peking University test set, People's
  Daily text; free for research, non-commercial). A fixed split by line: the last
  {1 - config['train_fraction']:.0%} of the non-empty lines ({data['test_lines']}) are the held-out test; the first
  {data['train_lines']} lines train.
- {dictionary_line} No test text is used in training.
- Transfer tests (another segmentation standard): {', '.join(f'`{p}`' for p in config['transfer_tests'].values())}.

## Command

```
{meta['command']}
```

{config['iterations']} iterations (seed {config['seed']}), {meta['training_seconds']} s on this machine (2 cores, no GPU); model size
{meta['size_mb']} MB. Scored as the tokens stage runs it: {user_dict_line}, {resegment_line}.

## Word-level scores

A word counts when both its boundaries match the gold. jieba (default dictionary, HMM on) on the same
text is the reference.

| segmenter | test | P | R | F1 | words | chars/s |
| --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Trainer: {meta['trainer']}.
"""
