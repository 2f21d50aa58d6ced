"""Entities stage: ORG and REG mentions, from rules, a model or both.

With rules only, the rules of `pipeline.text.entity_rules` run on the plain text, without spaCy
(whose import, with the torch that thinc loads when it is installed, takes longer than a small
run), over runs of whole sentences of at most `RULES_RUN_CHARS`, so that the work per call stays
bounded on a document of any length. A statistical model sees one sentence per spaCy Doc, as it was
trained. A mention outside every sentence (page furniture) is dropped."""
from __future__ import annotations

from bisect import bisect_right

from pipeline.document import Entity
from pipeline.stages import Stage, register
from pipeline.text.entity_rules import Mention, may_hold_entity_form, rule_mentions
from pipeline.text.norms import administrative_places, org_norm, reg_norm
from pipeline.text.places import learned_places, named_places

RULES_RUN_CHARS = 100_000


@register
class EntitiesStage(Stage):
    name = "entities"
    requires = ("sentences",)
    writes = ("entities",)

    def __init__(self, config):
        super().__init__(config)
        settings = config.entities
        if settings.method != "rules":
            from pipeline.ner.pipeline import build_entity_pipeline
            from pipeline.ner.rules import RULE_PIPES, make_doc

            self.nlp = build_entity_pipeline(settings.method, settings.model, settings.trust_model_code)
            self.model_pipes = [name for name in self.nlp.pipe_names if name not in RULE_PIPES]
            self.make_rule_doc = make_doc

    @classmethod
    def check(cls, config) -> None:
        if config.entities.method != "rules":
            from pipeline.ner.pipeline import check_entity_model

            check_entity_model(config.entities.method, config.entities.model, config.entities.trust_model_code)

    @classmethod
    def describe(cls, config) -> dict:
        settings = config.entities
        if settings.method == "rules":
            return {"method": settings.method, "model": settings.model}
        from pipeline.ner.pipeline import model_meta

        return {"method": settings.method, "model": settings.model, "model_meta": model_meta(settings.model)}

    def _make_doc(self, unit: tuple[int, str, frozenset]):
        _, text, places = unit
        return self.make_rule_doc(self.nlp, text, places)

    def _units(self, doc) -> list[tuple[int, str, frozenset]]:
        """(offset, text, the document's learnt place names) of what the rules or the model see at once."""
        places = learned_places(doc.text)
        if self.config.entities.method == "rules":
            return [(start, doc.text[start:end], places) for start, end in sentence_runs(doc.sentences, RULES_RUN_CHARS)]
        return [(s.start, doc.text[s.start:s.end], places) for s in doc.sentences]

    def _mentions(self, units: list[tuple[int, str, frozenset]]) -> list[list[Mention]]:
        """The mentions of each unit, in order. Under `both`, a sentence where no model span
        could be kept is parsed without the model (the same entities, in half the time on the
        GWR, where half the text holds no institution or regulation word)."""
        if self.config.entities.method == "rules":
            return [rule_mentions(text, places) for _, text, places in units]
        if self.config.entities.method == "model":
            docs = self.nlp.pipe(map(self._make_doc, units), batch_size=64)
        else:
            needs_model = [may_hold_entity_form(text) for _, text, _ in units]
            with_model = self.nlp.pipe((self._make_doc(u) for u, m in zip(units, needs_model) if m), batch_size=64)
            without_model = self.nlp.pipe((self._make_doc(u) for u, m in zip(units, needs_model) if not m),
                                          batch_size=64, disable=self.model_pipes)
            docs = (next(with_model) if needed else next(without_model) for needed in needs_model)
        return [[Mention(s.start_char, s.end_char, s.label_, s.id_ or "model") for s in doc.ents] for doc in docs]

    def process(self, docs) -> None:
        units = [self._units(doc) for doc in docs]
        found = iter(self._mentions([unit for doc_units in units for unit in doc_units]))
        for doc, doc_units in zip(docs, units):
            mentions = [(offset + m.start, offset + m.end, m) for offset, _, _ in doc_units for m in next(found)]
            starts = [s.start for s in doc.sentences]
            issuer = doc.metadata.issuer if doc.metadata else None
            places = administrative_places(issuer, doc.metadata.named_places if doc.metadata else named_places(doc.text))
            doc.entities, rows = [], []
            for start, end, mention in mentions:
                sent_id = bisect_right(starts, start) - 1
                if sent_id < 0 or end > doc.sentences[sent_id].end:
                    continue
                entity = Entity(mention.label, start, end, mention.source, sent_id)
                raw_start, raw_end = doc.norm.raw_span(entity.start, entity.end)
                rows.append({
                    "doc_id": doc.doc_id, "sent_id": entity.sent_id, "ent_id": len(rows),
                    "label": entity.label, "start": raw_start, "end": raw_end,
                    "text": doc.raw[raw_start:raw_end],
                    "norm": (org_norm(doc.text[entity.start:entity.end], places, issuer, doc.text[max(0, entity.start - 2):entity.start])
                             if entity.label == "ORG" else reg_norm(doc.text[entity.start:entity.end])),
                    "source": entity.source, "score": entity.score,
                })
                doc.entities.append(entity)
            doc.rows["entities"] = rows


def sentence_runs(sentences, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of runs of whole consecutive sentences, each at most `max_chars` long unless
    one sentence alone is longer."""
    runs: list[tuple[int, int]] = []
    for sentence in sentences:
        if runs and sentence.end - runs[-1][0] <= max_chars:
            runs[-1] = (runs[-1][0], sentence.end)
        else:
            runs.append((sentence.start, sentence.end))
    return runs
