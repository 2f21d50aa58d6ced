"""Sentence stage: sentences and their section headings, furniture left out."""
from __future__ import annotations

from pipeline.stages import Stage, register
from pipeline.text.sentences import split_sentences


@register
class SentencesStage(Stage):
    name = "sentences"
    requires = ("normalize",)
    writes = ("sentences",)

    def process(self, docs) -> None:
        for doc in docs:
            doc.sentences = split_sentences(doc.text, doc.furniture, self.config.sentences.max_chars)
            rows = []
            for sent_id, sentence in enumerate(doc.sentences):
                start, end = doc.norm.raw_span(sentence.start, sentence.end)
                rows.append({
                    "doc_id": doc.doc_id,
                    "sent_id": sent_id,
                    "start": start,
                    "end": end,
                    "text": doc.text[sentence.start:sentence.end],
                    "section": sentence.section,
                })
            doc.rows["sentences"] = rows
