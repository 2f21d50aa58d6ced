"""Entities stage: ORG and REG mentions per sentence, from rules, a model or both."""
from __future__ import annotations

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
        texts = (doc.text[s.start:s.end] for doc in docs for s in doc.sentences)
        parsed = iter(self.nlp.pipe(map(self._make_doc, texts), batch_size=256))
        for doc in docs:
            doc.entities, rows = [], []
            for sent_id, sentence in enumerate(doc.sentences):
                for span in next(parsed).ents:
                    start, end = sentence.start + span.start_char, sentence.start + span.end_char
                    entity = Entity(span.label_, start, end, span.id_ or "model")
                    raw_start, raw_end = doc.norm.raw_span(start, end)
                    rows.append({
                        "doc_id": doc.doc_id, "sent_id": sent_id, "ent_id": len(rows),
                        "label": entity.label, "start": raw_start, "end": raw_end,
                        "text": doc.raw[raw_start:raw_end],
                        "norm": doc.text[start:end].translate(_TITLE_MARKS),
                        "source": entity.source, "score": entity.score,
                    })
                    doc.entities.append(entity)
            doc.rows["entities"] = rows
