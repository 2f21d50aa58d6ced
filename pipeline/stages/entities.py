"""Entities stage: ORG and REG mentions, from rules, a model or both.

Each document goes through spaCy as one Doc (per-sentence Docs cost more in call overhead than
the rules themselves); a mention outside every sentence (page furniture) is dropped."""
from __future__ import annotations

from bisect import bisect_right

from pipeline.document import Entity
from pipeline.ner.pipeline import build_entity_pipeline, check_entity_model, model_meta
from pipeline.ner.rules import TEXT_KEY
from pipeline.stages import Stage, register

_TITLE_MARKS = str.maketrans("", "", "《》")


@register
class EntitiesStage(Stage):
    name = "entities"
    requires = ("sentences",)
    writes = ("entities",)

    def __init__(self, config):
        super().__init__(config)
        settings = config.entities
        self.nlp = build_entity_pipeline(settings.method, settings.model)

    @classmethod
    def check(cls, config) -> None:
        check_entity_model(config.entities.method, config.entities.model)

    @classmethod
    def describe(cls, config) -> dict:
        settings = config.entities
        return {"method": settings.method, "model": settings.model,
                **({"model_meta": model_meta(settings.model)} if settings.method != "rules" else {})}

    def _make_doc(self, text: str):
        doc = self.nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text  # spares the rule components a join over every token
        return doc

    def process(self, docs) -> None:
        for doc, parsed in zip(docs, self.nlp.pipe(self._make_doc(doc.text) for doc in docs)):
            starts = [s.start for s in doc.sentences]
            doc.entities, rows = [], []
            for span in parsed.ents:
                sent_id = bisect_right(starts, span.start_char) - 1
                if sent_id < 0 or span.end_char > doc.sentences[sent_id].end:
                    continue
                entity = Entity(span.label_, span.start_char, span.end_char, span.id_ or "model")
                raw_start, raw_end = doc.norm.raw_span(entity.start, entity.end)
                rows.append({
                    "doc_id": doc.doc_id, "sent_id": sent_id, "ent_id": len(rows),
                    "label": entity.label, "start": raw_start, "end": raw_end,
                    "text": doc.raw[raw_start:raw_end],
                    "norm": doc.text[entity.start:entity.end].translate(_TITLE_MARKS),
                    "source": entity.source, "score": entity.score,
                })
                doc.entities.append(entity)
            doc.rows["entities"] = rows
