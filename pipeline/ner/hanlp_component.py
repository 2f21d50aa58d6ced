"""A HanLP NER tagger (as trained by pipeline.train.hanlp_ner) as a registered spaCy component."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch


def is_hanlp_model(path: str | Path) -> bool:
    config = Path(path) / "config.json"
    return config.exists() and '"classpath": "hanlp.' in config.read_text(encoding="utf-8")


@Language.factory("hanlp_ner", default_config={"path": None, "batch_size": 64})
def make_hanlp_ner(nlp: Language, name: str, path: str, batch_size: int) -> "HanlpNer":
    return HanlpNer(path, batch_size)


class HanlpNer:
    """Sets `doc.ents` from a HanLP tagger over the doc's character tokens."""

    def __init__(self, path: str, batch_size: int):
        import hanlp

        self.tagger = hanlp.load(str(path), devices=-1)
        self.batch_size = batch_size

    def _predict(self, sentences: list[list[str]]) -> list:
        if not sentences:
            return []
        try:
            return self.tagger(sentences)
        except IndexError:
            # HanLP 2.1's RNN tagger loses samples when reordering some batches of mixed lengths;
            # one sentence at a time is slower but exact.
            return [self.tagger([sentence])[0] for sentence in sentences]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size or self.batch_size):
            tokens = [[t.text for t in doc] for doc in batch]
            predicted = iter(self._predict([t for t in tokens if t]))
            for doc, doc_tokens in zip(batch, tokens):
                found = next(predicted) if doc_tokens else []
                doc.ents = filter_spans([Span(doc, start, end, label=label) for _, label, start, end in found])
                yield doc
