"""Readers for external NER corpora, as (text, [(start, end, label)]) with end-exclusive offsets.

CLUENER `government`, `organization` and `company` map to ORG, MSRA `ORG` to ORG
(shared/corpora/README.md); neither corpus marks regulations.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

Example = tuple[str, list[tuple[int, int, str]]]
CLUENER_ORG_TYPES = ("government", "organization", "company")


def read_cluener(path: Path, types: tuple[str, ...] = CLUENER_ORG_TYPES) -> Iterator[Example]:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        spans = [(start, end + 1, "ORG")
                 for kind in types for positions in record.get("label", {}).get(kind, {}).values()
                 for start, end in positions]
        yield record["text"], sorted(spans)


def read_bio(path: Path, labels: dict[str, str] | None = None) -> Iterator[Example]:
    """A character-per-line BIO file (MSRA); `labels` maps its types to ours (default ORG → ORG)."""
    labels = labels or {"ORG": "ORG"}
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> Example:
        spans, start, kind = [], None, None
        for i, tag in enumerate([*tags, "O"]):
            if start is not None and not tag.startswith("I-"):
                if kind in labels:
                    spans.append((start, i, labels[kind]))
                start = None
            if tag.startswith("B-"):
                start, kind = i, tag[2:]
        return "".join(chars), spans

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if chars:
                yield flush()
            chars, tags = [], []
            continue
        chars.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    if chars:
        yield flush()
