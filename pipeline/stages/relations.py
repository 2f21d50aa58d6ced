"""Relations stage: every quantity with its value, unit, qualifier, metric, subject, year and
indicator; and the `indicators` table, the figures that have one with their document's issuer and
year."""
from __future__ import annotations

from collections import defaultdict

from pipeline.errors import SetupError
from pipeline.stages import Stage, register
from pipeline.text.indicators import IndicatorListError, load_indicator_list, sentence_indicators
from pipeline.text.metrics import link
from pipeline.text.quantities import find_quantities


@register
class RelationsStage(Stage):
    name = "relations"
    requires = ("entities",)
    writes = ("relations", "indicators")

    def __init__(self, config):
        super().__init__(config)
        self.indicators = config.relations.indicators

    @classmethod
    def check(cls, config) -> None:
        try:
            load_indicator_list(config.relations.indicators)
        except IndicatorListError as error:
            raise SetupError(f"relations.indicators: {error}") from None

    @classmethod
    def describe(cls, config) -> dict:
        return {"indicators": config.relations.indicators or "shipped (pipeline/data/indicators.tsv)"}

    def process(self, docs) -> None:
        for doc in docs:
            rows = []
            year = doc.metadata.year if doc.metadata else None
            ent_ids = {(e.start, e.end): ent_id for ent_id, e in enumerate(doc.entities)}
            by_sentence = defaultdict(list)
            for entity in doc.entities:
                by_sentence[entity.sent_id].append(entity)
            for sent_id, sentence in enumerate(doc.sentences):
                text = doc.text[sentence.start:sentence.end]
                inside = by_sentence[sent_id]
                spans = [(e.start - sentence.start, e.end - sentence.start) for e in inside]
                quantities = find_quantities(text, spans)
                if not quantities:
                    continue  # most sentences state no figure
                # what a figure's report is about: its sentence and the one before (`受理…申请93件。` / `维持81件`)
                context = doc.text[doc.sentences[sent_id - 1].start if sent_id else sentence.start:sentence.end]
                orgs = [span for span, e in zip(spans, inside) if e.label == "ORG"]
                relations = link(text, quantities, orgs, year)
                for relation, indicator in zip(relations, sentence_indicators(text, context, relations, self.indicators)):
                    row = self._row(doc, sent_id, sentence.start, relation, len(rows), ent_ids)
                    row["indicator"], row["indicator_score"] = indicator
                    rows.append(row)
            doc.rows["relations"] = rows
            doc.rows["indicators"] = [
                {"doc_id": doc.doc_id, "rel_id": row["rel_id"], "issuer": doc.metadata.issuer if doc.metadata else None,
                 "year": year if year is not None else row["year"], "indicator": row["indicator"],
                 **{key: row[key] for key in ("value", "value_max", "unit", "qualifier", "start", "end")}}
                for row in rows if row["indicator"]]

    @staticmethod
    def _row(doc, sent_id, offset, relation, rel_id, ent_ids) -> dict:
        quantity = relation.quantity
        start, end = doc.norm.raw_span(offset + quantity.start, offset + quantity.end)
        metric_start = metric_end = metric = None
        if relation.metric:
            metric_start, metric_end = doc.norm.raw_span(offset + relation.metric[0], offset + relation.metric[1])
            metric = doc.text[offset + relation.metric[0]:offset + relation.metric[1]]
        subject = subject_ent_id = None
        if relation.subject:
            subject = doc.text[offset + relation.subject[0]:offset + relation.subject[1]]
            subject_ent_id = ent_ids.get((offset + relation.subject[0], offset + relation.subject[1]))
        return {
            "doc_id": doc.doc_id, "sent_id": sent_id, "rel_id": rel_id,
            "start": start, "end": end, "text": doc.raw[start:end],
            "value": quantity.value, "value_max": quantity.value_max,
            "unit": quantity.unit, "qualifier": quantity.qualifier,
            "metric": metric, "metric_start": metric_start, "metric_end": metric_end,
            "subject": subject, "subject_ent_id": subject_ent_id, "year": relation.year,
        }
