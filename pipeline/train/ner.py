"""`train ner`: a spaCy NER for ORG/REG, trained offline from the sources the config switches on,
written with a model card."""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

from pipeline.config import GoldSource, TrainNerConfig
from pipeline.ner.corpora import Example
from pipeline.ner.examples import corpus_examples, export_examples, gold_examples, silver_examples
from pipeline.ner.pipeline import build_entity_pipeline

MODEL_NAME = "ner_zh_gov"


def available_gold(sources: list[GoldSource]) -> list[GoldSource]:
    """The gold sources whose annotations and documents are both present; each other one is skipped
    with a message (a fresh clone has neither ../shared nor the git-ignored data/)."""
    present = []
    for source in sources:
        missing = [path for path in (source.annotations, source.documents) if not Path(path).exists()]
        if missing:
            print(f"skipped gold source {source.annotations}: {' and '.join(missing)} absent", flush=True)
        else:
            present.append(source)
    return present


def collect_examples(config: TrainNerConfig) -> dict[str, list[Example]]:
    """Training examples per source, as the config switches them on."""
    sources: dict[str, list[Example]] = {}
    sources["gold"] = [example for source in available_gold(config.gold)
                       for example in gold_examples(source.annotations, source.documents, config.exclude_documents)]
    for export in config.exports:
        sources.setdefault("exports", []).extend(export_examples(export.path, export.format))
    if config.silver:
        rules = build_entity_pipeline("rules", None)
        sources["silver"] = silver_examples(config.silver.path, rules, config.silver.max_sentences)
    for kind in ("cluener", "msra"):
        corpus = getattr(config, kind)
        if corpus:
            sources[kind] = corpus_examples(kind, corpus.path, corpus.max_sentences)
    return sources


def to_docbin(nlp, examples: list[Example]) -> DocBin:
    docbin = DocBin(store_user_data=False)
    for text, spans in examples:
        doc = nlp.make_doc(text)
        ents = [doc.char_span(s, e, label=label) for s, e, label in spans]
        doc.ents = filter_spans([span for span in ents if span is not None])
        docbin.add(doc)
    return docbin


def split_train_dev(sources: dict[str, list[Example]], dev_fraction: float, seed: int,
                    gold_repeat: int) -> tuple[list[Example], list[Example]]:
    """A seeded random dev split of every source; gold (and exports) repeated in training."""
    rng = random.Random(seed)
    train, dev = [], []
    for name, examples in sources.items():
        examples = list(examples)
        rng.shuffle(examples)
        cut = int(len(examples) * dev_fraction)
        dev += examples[:cut]
        train += examples[cut:] * (gold_repeat if name in ("gold", "exports") else 1)
    rng.shuffle(train)
    return train, dev


def train_ner(config: TrainNerConfig, command: str) -> dict:
    from spacy.cli.train import train as spacy_train

    started = time.perf_counter()
    gold = available_gold(config.gold)
    sources = collect_examples(config.model_copy(update={"gold": gold}))
    train, dev = split_train_dev(sources, config.dev_fraction, config.seed, config.gold_repeat)
    nlp = spacy.blank("zh")
    output = Path(config.output)
    with tempfile.TemporaryDirectory() as tmp:
        train_path, dev_path = Path(tmp) / "train.spacy", Path(tmp) / "dev.spacy"
        to_docbin(nlp, train).to_disk(train_path)
        to_docbin(nlp, dev).to_disk(dev_path)
        overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path), "system.seed": config.seed,
                     **config.overrides}
        spacy_train(Path(config.spacy_config), Path(tmp) / "out", overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(Path(tmp) / "out" / "model-best", output)
    seconds = time.perf_counter() - started
    spacy_meta_path = output / "meta.json"
    spacy_meta = json.loads(spacy_meta_path.read_text(encoding="utf-8"))
    spacy_meta.update(name=MODEL_NAME, version="0.1.0",
                      description="ORG/REG recogniser for Chinese law-based government reports")
    spacy_meta_path.write_text(json.dumps(spacy_meta, ensure_ascii=False, indent=2), encoding="utf-8")
    card = {
        "output": str(output),
        "command": command,
        "config": config.model_dump(),
        "gold_used": [source.annotations for source in gold],
        "sentences": {name: len(examples) for name, examples in sources.items()},
        "train_sentences": len(train),
        "dev_sentences": len(dev),
        "dev_scores": {key: spacy_meta.get("performance", {}).get(key) for key in ("ents_p", "ents_r", "ents_f", "ents_per_type")},
        "training_seconds": round(seconds, 1),
        "size_mb": round(sum(f.stat().st_size for f in output.rglob("*") if f.is_file()) / 2**20, 1),
        "spacy_version": spacy.__version__,
    }
    (output / "training.json").write_text(json.dumps(card, ensure_ascii=False, indent=2), encoding="utf-8")
    write_model_card(output)
    return card


def write_model_card(model_dir: Path) -> None:
    """README.md of the model folder from training.json (and cv.json / transfer.json when present)."""
    card = json.loads((model_dir / "training.json").read_text(encoding="utf-8"))
    extra = {name: json.loads((model_dir / f"{name}.json").read_text(encoding="utf-8"))
             for name in ("cv", "comparison") if (model_dir / f"{name}.json").exists()}
    config = card["config"]
    per_type = card["dev_scores"].get("ents_per_type") or {}
    gold_used = card.get("gold_used", [g["annotations"] for g in config["gold"]])
    skipped = [g["annotations"] for g in config["gold"] if g["annotations"] not in gold_used]
    lines = [
        f"# {MODEL_NAME}: statistical ORG/REG recogniser for Chinese government reports",
        "",
        "A spaCy pipeline (`tok2vec` CNN over characters and character bigrams + transition-based `ner`)",
        "trained offline by this project; the entities stage loads it by path (`entities.method: model` or `both`).",
        "Elsewhere, `import pipeline.ner.pipeline` (it registers `gov_char_bigrams`) before `spacy.load`.",
        "",
        "## Data",
        "",
        "| source | sentences |",
        "| --- | --- |",
        *[f"| {name} | {count:,} |" for name, count in card["sentences"].items()],
        "",
        f"- gold: {', '.join(gold_used) or 'none'} (annotated by our guidelines), each sentence repeated "
        f"{config['gold_repeat']}x; left out: {config['exclude_documents'] or 'none'}"
        + (f"; configured but absent, skipped: {', '.join(skipped)}" if skipped else ""),
        "- silver: sentences of the State Council's Government Work Reports (public official documents)",
        "  labelled by the project's rule layer",
        "- cluener/msra: ORG spans (CLUENER `government`/`organization`/`company`, MSRA `ORG`; research use)",
        f"- a seeded random {config['dev_fraction']:.0%} of every source is the dev set "
        f"({card['dev_sentences']:,} sentences; {card['train_sentences']:,} in training)",
        "",
        "## Command",
        "",
        "```",
        card["command"],
        "```",
        "",
        f"spaCy config `{config['spacy_config']}`; {card['training_seconds']} s on this machine (2 cores, no GPU); "
        f"{card['size_mb']} MB; spaCy {card['spacy_version']}.",
        "",
        "## Scores",
        "",
        "Dev set (mixed sources, so mostly agreement with the silver labels):",
        "",
        f"- all: P {card['dev_scores']['ents_p']:.3f} R {card['dev_scores']['ents_r']:.3f} F1 {card['dev_scores']['ents_f']:.3f}",
        *[f"- {label}: P {s['p']:.3f} R {s['r']:.3f} F1 {s['f']:.3f}" for label, s in per_type.items()],
    ]
    if "cv" in extra:
        cv = extra["cv"]
        lines += ["", f"Leave-one-document-out cross-validation over the gold of {len(cv['folds'])} documents "
                  f"({', '.join(cv.get('gold_sources', ['seeds/gold.jsonl']))}; each fold's model never",
                  "sees its test document's gold; strict F1, ORG and REG together):", "",
                  "| fold | " + " | ".join(cv["methods"]) + " |", "| --- |" + " --- |" * len(cv["methods"])]
        for fold in cv["folds"]:
            lines.append(f"| {fold['doc_id']} | " + " | ".join(f"{fold[m]:.3f}" for m in cv["methods"]) + " |")
        lines.append("| **mean** | " + " | ".join(f"**{cv['mean'][m]:.3f}**" for m in cv["methods"]) + " |")
        lines += ["", f"Command: `{cv['command']}`", "",
                  "Only the model's column is held out: the rules were written with the annotated reports in",
                  "view. `both` keeps every rule entity and takes from the model only what the merge policy of",
                  "the entities stage allows (README, § entities); `python bench/both_vs_rules.py` shows what",
                  "that adds on the Government Work Reports, which nobody annotated."]
    if "comparison" in extra:
        comparison = extra["comparison"]
        lines += ["", "Against HanLP's BiLSTM tagger (`RNNNamedEntityRecognizer`, softmax output, random character embeddings) trained",
                  f"on the same examples and scored on the same dev set ({comparison['dev_sentences']:,} sentences),",
                  "model alone (no rules); transfer is ORG strict F1 on corpora with other standards:", "",
                  "| model | dev P | dev R | dev F1 | CLUENER dev | MSRA test | chars/s | training s |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for name, m in comparison["models"].items():
            dev, transfer = m["dev"], m["transfer_org_strict_f1"]
            lines.append(f"| {name} | {dev['precision']:.3f} | {dev['recall']:.3f} | {dev['f1']:.3f} | "
                         f"{transfer['cluener_dev']:.3f} | {transfer['msra_test']:.3f} | {dev['chars_per_second']:,} | "
                         f"{m['training_seconds']} |")
        lines += ["", f"Command: `{comparison['command']}`"]
        lines += ["", "HanLP's tagger is trained without its CRF layer, which HanLP 2.1.5 builds with `batch_first`",
                  "unset, so that it learns nothing (evidence in `bench/README.md`)."]
    (model_dir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
