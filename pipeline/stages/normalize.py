"""Normalisation stage: raw text → normalised text with an offset map, furniture, metadata."""
from __future__ import annotations

from pipeline.stages import Stage, register
from pipeline.text.furniture import find_furniture
from pipeline.text.metadata import extract_metadata
from pipeline.text.normalize import normalize


@register
class NormalizeStage(Stage):
    name = "normalize"
    writes = ("documents",)

    def process(self, docs) -> None:
        for doc in docs:
            doc.norm = normalize(doc.raw, self.config.normalize.traditional_to_simplified)
            doc.furniture = [(span.start, span.end) for span in find_furniture(doc.text)]
            page_title = normalize(doc.page_title, self.config.normalize.traditional_to_simplified).text \
                if doc.page_title else None
            doc.metadata = meta = extract_metadata(doc.text, doc.furniture, page_title, doc.page_published)
            doc.rows["documents"] = [{
                "doc_id": doc.doc_id,
                "path": doc.path,
                "format": doc.format,
                "sha256": doc.sha256,
                "n_chars": len(doc.raw),
                "title": meta.title,
                "issuer": meta.issuer,
                "year": meta.year,
                "published": meta.published,
                "raw_text": doc.raw,
                "text": doc.text,
            }]
