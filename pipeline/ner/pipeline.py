"""Building the entities pipeline: the rule layer, a statistical model loaded by path, or both."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.ner.rules import add_rule_components


class ModelError(Exception):
    """A configured model that cannot be used; str() says which and why."""


def model_meta(path: str | Path | None) -> dict:
    """name, version and scores from a spaCy model folder's meta.json (empty when there is none)."""
    meta_path = Path(path) / "meta.json" if path else None
    if not meta_path or not meta_path.exists():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {key: meta.get(key) for key in ("name", "version", "spacy_version", "performance") if key in meta}


def build_entity_pipeline(method: str, model: str | Path | None) -> Language:
    """`rules`: a blank Chinese pipeline (one token per character) with the rule components;
    `model`/`both`: the spaCy model at `model`, with the rules merged per the resolver's policy."""
    if method == "rules":
        nlp = spacy.blank("zh")
    else:
        if not model or not Path(model).exists():
            raise ModelError(f"entities.method is {method!r} but the model {model!r} does not exist; "
                             "train one with `python -m pipeline train ner` or set entities.method: rules")
        nlp = spacy.load(model)
    add_rule_components(nlp, policy=method)
    return nlp
