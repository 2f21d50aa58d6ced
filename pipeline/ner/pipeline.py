"""Building the entities pipeline: the rule layer, a statistical model loaded by path, or both."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.errors import SetupError
from pipeline.ner.hanlp_component import is_hanlp_model
from pipeline.ner.rules import add_rule_components, doc_text


def model_meta(path: str | Path | None) -> dict:
    """name, version and scores from a spaCy model folder's meta.json, or a HanLP model's class
    and version (empty when there is neither)."""
    if path and is_hanlp_model(path):
        config = json.loads((Path(path) / "config.json").read_text(encoding="utf-8"))
        return {"name": config["classpath"], "hanlp_version": config.get("hanlp_version")}
    meta_path = Path(path) / "meta.json" if path else None
    if not meta_path or not meta_path.exists():
        return {}
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return {key: meta.get(key) for key in ("name", "version", "spacy_version", "performance") if key in meta}


class CharTokenizer:
    """One token per character, whitespace included, so `doc.text` is the input exactly. spaCy's
    Chinese `char` segmenter gives the same tokens but aligns whitespace in a Python loop that costs
    more than all the rules together."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))


@spacy.registry.tokenizers("gov.char_tokenizer.v1")
def create_char_tokenizer():
    return lambda nlp: CharTokenizer(nlp.vocab)


@Language.component("gov_char_bigrams")
def char_bigrams_component(doc: Doc) -> Doc:
    """Sets each character token's NORM to the character and the one after it, so a model can embed
    character bigrams (the strongest cue to Chinese word and name boundaries) as its own feature."""
    text = doc_text(doc)
    for token in doc:
        token.norm_ = text[token.idx:token.idx + len(token) + 1]
    return doc


def blank_char_pipeline() -> Language:
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "gov.char_tokenizer.v1"}}})


def check_entity_model(method: str, model: str | Path | None) -> None:
    if method != "rules" and (not model or not ((Path(model) / "meta.json").exists() or is_hanlp_model(model))):
        raise SetupError(f"entities.method is {method!r} but {model!r} is not a spaCy or HanLP model folder; "
                         "train one with `python -m pipeline train ner configs/train-ner.yaml` or use method rules")


def build_entity_pipeline(method: str, model: str | Path | None) -> Language:
    """`rules`: a blank Chinese pipeline (one token per character) with the rule components;
    `model`/`both`: the model at `model` (a spaCy model folder, or a HanLP tagger wrapped as the
    `hanlp_ner` component), with the rules merged per the resolver's policy."""
    check_entity_model(method, model)
    if method != "rules" and is_hanlp_model(model):
        nlp = blank_char_pipeline()
        add_rule_components(nlp, policy=method)  # first, so the ruler's patterns skip the tagger
        nlp.add_pipe("hanlp_ner", config={"path": str(model)}, first=True)
        return nlp
    nlp = blank_char_pipeline() if method == "rules" else spacy.load(model)
    add_rule_components(nlp, policy=method)
    return nlp
