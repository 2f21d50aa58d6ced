"""Training examples for the NER: sentences of normalised text with ORG/REG spans, from gold in
our JSONL format, annotation-tool exports, silver labels by the rule layer, and external corpora."""
from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.inputs import read_document
from pipeline.ner.corpora import Example, read_bio, read_cluener
from pipeline.text.furniture import find_furniture
from pipeline.text.normalize import normalize
from pipeline.text.sentences import split_sentences

LABELS = ("ORG", "REG")


def sentences_with_spans(raw: str, raw_spans: list[tuple[int, int, str]]) -> Iterator[Example]:
    """The sentences of a raw document, each with the spans that lie inside it (sentence offsets)."""
    norm = normalize(raw)
    furniture = [(s.start, s.end) for s in find_furniture(norm.text)]
    spans = [(norm.norm_offset(s), norm.norm_offset(e), label) for s, e, label in raw_spans if label in LABELS]
    for sentence in split_sentences(norm.text, furniture):
        inside = [(s - sentence.start, e - sentence.start, label) for s, e, label in spans
                  if sentence.start <= s and e <= sentence.end]
        yield norm.text[sentence.start:sentence.end], inside


def gold_examples(annotations: str | Path, documents: str | Path, exclude: Iterable[str] = ()) -> Iterator[Example]:
    excluded = set(exclude)
    for line in Path(annotations).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record["doc_id"] in excluded:
            continue
        raw = read_document(Path(documents) / f"{record['doc_id']}.txt", "utf-8").raw
        spans = [(e["start"], e["end"], e["label"]) for e in record.get("entities", [])]
        yield from sentences_with_spans(raw, spans)


def _load_records(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8").strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def export_examples(path: str | Path, export_format: str) -> Iterator[Example]:
    """doccano (`label`: [[start, end, label]] or `entities` with start/end_offset) or Label Studio
    (`data.text` and `annotations[].result[].value` with start, end, labels)."""
    for record in _load_records(Path(path)):
        if export_format == "doccano":
            text = record["text"]
            spans = [tuple(item) for item in record.get("label", [])]
            spans += [(e["start_offset"], e["end_offset"], e["label"]) for e in record.get("entities", [])]
        else:
            text = record["data"]["text"]
            spans = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                     for annotation in record.get("annotations", []) for r in annotation.get("result", [])
                     if r.get("type", "labels") == "labels" and r.get("value", {}).get("labels")]
        yield from sentences_with_spans(text, [(int(s), int(e), label) for s, e, label in spans])


def unlabelled_texts(path: str | Path) -> Iterator[str]:
    """Report texts from a JSON lines file with `content`, a folder of .txt, or a glob of .txt."""
    path = Path(path)
    if path.suffix == ".jsonl":
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)["content"]
        return
    files = sorted(path.glob("*.txt")) if path.is_dir() else sorted(Path(p) for p in glob.glob(str(path)))
    for file in files:
        yield read_document(file, "utf-8").raw


def silver_examples(path: str | Path, nlp, limit: int | None) -> list[Example]:
    """Sentences of unlabelled reports with the rule layer's entities as labels."""
    texts = []
    for raw in unlabelled_texts(path):
        norm = normalize(raw)
        furniture = [(s.start, s.end) for s in find_furniture(norm.text)]
        texts += [norm.text[s.start:s.end] for s in split_sentences(norm.text, furniture)]
        if limit and len(texts) >= limit:
            break
    texts = texts[:limit] if limit else texts
    return [(doc.text, [(e.start_char, e.end_char, e.label_) for e in doc.ents]) for doc in nlp.pipe(texts)]


def corpus_examples(kind: str, path: str | Path, limit: int | None) -> list[Example]:
    reader = read_cluener(Path(path)) if kind == "cluener" else read_bio(Path(path))
    examples = []
    for text, spans in reader:
        norm = normalize(text)
        examples.append((norm.text, [(norm.norm_offset(s), norm.norm_offset(e), label) for s, e, label in spans]))
        if limit and len(examples) >= limit:
            break
    return examples
