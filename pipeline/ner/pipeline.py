"""Building the entities pipeline: the rule layer, a statistical model loaded by path, or both."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.errors import SetupError, first_line
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


# Files of code: spaCy never imports one from a model folder it loads by path, so a folder that
# ships one was made for code this pipeline would not run.
CODE_SUFFIXES = frozenset({".py", ".pyc", ".pyd", ".so", ".dll"})
_TRAIN_HINT = "train one with `python -m pipeline train ner configs/train-ner.yaml` or use method rules"


def check_entity_model(method: str, model: str | Path | None, trust_model_code: bool = False) -> None:
    """Raise SetupError, in one line, unless `model` can be used by `method` without running code
    from its folder (a HanLP model only with `trust_model_code`); a spaCy model is loaded in full,
    so a missing or corrupt file is found here, before any work."""
    if method == "rules":
        return
    if not model or not Path(model).is_dir():
        raise SetupError(f"entities.method is {method!r} but {model!r} is not a model folder; {_TRAIN_HINT}")
    if is_hanlp_model(model):
        check_hanlp_model(Path(model), trust_model_code)
    else:
        check_spacy_model(Path(model))


def check_hanlp_model(path: Path, trust_model_code: bool) -> None:
    if not trust_model_code:
        raise SetupError(f"entities.model {str(path)!r} is a HanLP model, which HanLP loads by unpickling and by "
                         "importing the class its config.json names, so it can run code from the folder; "
                         "set entities.trust_model_code: true if you trust it")
    try:
        json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SetupError(f"entities.model {str(path)!r}: config.json cannot be read: {first_line(error)}") from None
    if not (path / "model.pt").is_file():
        raise SetupError(f"entities.model {str(path)!r}: the HanLP model has no model.pt")


def check_spacy_model(path: Path) -> None:
    for name in ("meta.json", "config.cfg"):
        if not (path / name).is_file():
            raise SetupError(f"entities.model {str(path)!r} is not a spaCy or HanLP model folder (no {name}); {_TRAIN_HINT}")
    code = sorted(str(file.relative_to(path)) for file in path.rglob("*") if file.suffix in CODE_SUFFIXES)
    if code:
        raise SetupError(f"entities.model {str(path)!r} holds code ({code[0]}); a spaCy model folder needs none, "
                         "so it is not loaded")
    try:
        config = spacy.util.load_config(path / "config.cfg", interpolate=False)
    except Exception as error:  # confection raises several kinds for a damaged file
        raise SetupError(f"entities.model {str(path)!r}: config.cfg cannot be read: {first_line(error)}") from None
    asks = [key for key, value in _settings(config) if key.endswith(".code") or str(value).endswith(".py")]
    if asks:
        raise SetupError(f"entities.model {str(path)!r}: its config.cfg asks for code ({asks[0]}), "
                         "which is not run; use a model that needs only spaCy's and this pipeline's components")
    try:
        spacy.load(path)
    except Exception as error:  # a missing or truncated file fails in whichever reader opens it
        raise SetupError(f"entities.model {str(path)!r} cannot be loaded: {first_line(error)}") from None


def _settings(section: dict, prefix: str = ""):
    """(dotted key, value) of every setting of a config, nested sections included."""
    for key, value in section.items():
        if isinstance(value, dict):
            yield from _settings(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def build_entity_pipeline(method: str, model: str | Path | None, trust_model_code: bool = False) -> Language:
    """`rules`: a blank Chinese pipeline (one token per character) with the rule components;
    `model`/`both`: the model at `model` (a spaCy model folder, or a HanLP tagger wrapped as the
    `hanlp_ner` component, when `trust_model_code`), with the rules merged per the resolver's policy."""
    check_entity_model(method, model, trust_model_code)
    if method != "rules" and is_hanlp_model(model):
        nlp = blank_char_pipeline()
        add_rule_components(nlp, policy=method)  # first, so the ruler's patterns skip the tagger
        nlp.add_pipe("hanlp_ner", config={"path": str(model)}, first=True)
        return nlp
    nlp = blank_char_pipeline() if method == "rules" else spacy.load(model)
    add_rule_components(nlp, policy=method)
    return nlp
