"""Building the entities pipeline: the rule layer, a statistical model loaded by path, or both."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import SetupError
from pipeline.ner.rules import add_rule_components


def model_meta(path: str | Path | None) -> dict:
    """name, version and scores from a spaCy model folder's meta.json (empty when there is none)."""
    meta_path = Path(path) / "meta.json" if path else None
    if not meta_path or not meta_path.exists():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {key: meta.get(key) for key in ("name", "version", "spacy_version", "performance") if key in meta}


def check_entity_model(method: str, model: str | Path | None) -> None:
    if method != "rules" and (not model or not (Path(model) / "meta.json").exists()):
        raise SetupError(f"entities.method is {method!r} but {model!r} is not a spaCy model folder; "
                         "train one with `python -m pipeline train ner configs/train-ner.yaml` or use method rules")


def build_entity_pipeline(method: str, model: str | Path | None) -> Language:
    """`rules`: a blank Chinese pipeline (one token per character) with the rule components;
    `model`/`both`: the spaCy model at `model`, with the rules merged per the resolver's policy."""
    check_entity_model(method, model)
    nlp = spacy.blank("zh") if method == "rules" else spacy.load(model)
    add_rule_components(nlp, policy=method)
    return nlp
