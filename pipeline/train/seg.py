"""`train seg`: a spacy-pkuseg model trained offline on gold segmentation, scored on a held-out
split and on other standards next to jieba, written with a model card."""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.config import TrainSegConfig
from pipeline.segmentation import score_words


def read_segmented(path: str | Path) -> list[list[str]]:
    return [line.split() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def split(lines: list[list[str]], train_fraction: float) -> tuple[list[list[str]], list[list[str]]]:
    cut = int(len(lines) * train_fraction)
    return lines[:cut], lines[cut:]


def _write(lines: list[list[str]], path: Path) -> None:
    path.write_text("".join(" ".join(words) + "\n" for words in lines), encoding="utf-8")


def _pkuseg_cutter(model_dir: Path):
    import spacy_pkuseg

    segmenter = spacy_pkuseg.pkuseg(model_name=str(model_dir), user_dict="default")
    return segmenter.cut


def _jieba_cutter():
    try:
        import jieba
    except ImportError:
        return None
    jieba.setLogLevel(60)
    jieba.initialize()  # load its dictionary before anything is timed
    return lambda text: [word for word in jieba.cut(text) if word]


def evaluate_segmenters(model_dir: Path, tests: dict[str, list[list[str]]]) -> dict:
    cutters = {"ours": _pkuseg_cutter(model_dir), "jieba": _jieba_cutter()}
    scores: dict = {}
    for test_name, gold in tests.items():
        for name, cut in cutters.items():
            if cut is None:
                scores.setdefault(name, {})[test_name] = "jieba is not installed"
                continue
            started = time.perf_counter()
            predicted = [cut("".join(words)) for words in gold]
            seconds = time.perf_counter() - started
            result = score_words(gold, predicted)
            result["chars_per_second"] = round(sum(len("".join(w)) for w in gold) / seconds)
            scores.setdefault(name, {})[test_name] = result
    return scores


def train_segmenter(config: TrainSegConfig, command: str) -> dict:
    import spacy_pkuseg

    lines = read_segmented(config.data)
    train, test = split(lines, config.train_fraction)
    train = train[:config.train_lines]
    output = Path(config.output)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        train_file, test_file = Path(tmp) / "train.txt", Path(tmp) / "test.txt"
        dictionary = read_segmented(config.dictionary) if config.dictionary else []
        _write(train + dictionary, train_file)
        _write(test, test_file)
        staging = Path(tmp) / "model"
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
        "data": {"train_lines": len(train), "test_lines": len(test), "dictionary_words": len(dictionary)},
        "training_seconds": round(seconds, 1),
        "size_mb": round(sum(f.stat().st_size for f in output.iterdir()) / 2**20, 1),
        "scores": evaluate_segmenters(output, tests),
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
            if isinstance(s, dict):
                rows.append(f"| {segmenter} | {test} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
                            f"{s['words']:,} | {s['chars_per_second']:,} |")
            else:
                rows.append(f"| {segmenter} | {test} | {s} | | | | |")
    data = meta["data"]
    config = meta["config"]
    dictionary_line = (f"Added to training as one-word lines: `{config['dictionary']}` ({data['dictionary_words']:,} words)."
                       if config["dictionary"] else "No word list added to training (`dictionary: null`).")
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

{config['iterations']} iterations, {meta['training_seconds']} s on this machine (2 cores, no GPU); model size
{meta['size_mb']} MB. Loaded with pkuseg's bundled default dictionary (`user_dict="default"`).

## Word-level scores

A word counts when both its boundaries match the gold. jieba (default dictionary, HMM on) on the same
text is the reference.

| segmenter | test | P | R | F1 | words | chars/s |
| --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Trainer: {meta['trainer']}.
"""
