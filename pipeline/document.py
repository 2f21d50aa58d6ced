"""The state of one document as it passes through the stages."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.text.metadata import Metadata
from pipeline.text.normalize import NormalizedText
from pipeline.text.sentences import Sentence


@dataclass
class Entity:
    """An ORG/REG mention; offsets into the normalised text."""

    label: str
    start: int
    end: int
    source: str
    sent_id: int
    score: float | None = None


@dataclass
class Document:
    doc_id: str
    path: str
    raw: str
    sha256: str
    format: str = "txt"  # the reader's: txt, html, pdf, docx
    # What a web page's markup declares (`<title>`, `<meta>` date): the title and publication
    # date when the text names none.
    page_title: str | None = None
    page_published: str | None = None
    norm: NormalizedText | None = None
    furniture: list[tuple[int, int]] = field(default_factory=list)
    metadata: Metadata | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Output rows per table, in the shape of pipeline.tables.SCHEMAS.
    rows: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.norm.text

