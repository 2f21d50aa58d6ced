"""Tokens stage: words of each sentence from spaCy's Chinese tokenizer (pkuseg, jieba or char).
spaCy is imported only when the stage is configured: with torch, which thinc imports when it is
installed, it takes seconds, longer than a small rules-only run."""
from __future__ import annotations

from pipeline.stages import Stage, register


@register
class TokensStage(Stage):
    name = "tokens"
    requires = ("sentences",)
    writes = ("tokens",)

    def __init__(self, config):
        super().__init__(config)
        from pipeline.segmentation import build_tokenizer_pipeline

        settings = config.tokens
        self.nlp = build_tokenizer_pipeline(settings.segmenter, settings.model, settings.user_dict,
                                            settings.resegment_unknown)

    @classmethod
    def check(cls, config) -> None:
        from pipeline.segmentation import check_segmenter

        check_segmenter(config.tokens.segmenter, config.tokens.model, config.tokens.user_dict)

    @classmethod
    def describe(cls, config) -> dict:
        settings = config.tokens
        return {"segmenter": settings.segmenter, "model": settings.model, "user_dict": settings.user_dict,
                "resegment_unknown": settings.resegment_unknown}

    def process(self, docs) -> None:
        texts = [doc.text[s.start:s.end] for doc in docs for s in doc.sentences]
        parsed = iter(self.nlp.tokenizer.pipe(texts, batch_size=256))
        for doc in docs:
            rows = []
            for sent_id, sentence in enumerate(doc.sentences):
                for token in next(parsed):
                    if token.is_space:
                        continue
                    start = sentence.start + token.idx
                    raw_start, raw_end = doc.norm.raw_span(start, start + len(token.text))
                    rows.append({"doc_id": doc.doc_id, "sent_id": sent_id, "token_id": len(rows),
                                 "start": raw_start, "end": raw_end, "text": token.text, "pos": None})
            doc.rows["tokens"] = rows
