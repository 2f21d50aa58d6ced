"""Word segmentation: loading a segmenter as a spaCy tokenizer, and word-level scoring."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy
import srsly
from spacy.language import Language

from pipeline.errors import SetupError, first_line
from pipeline.text.places import place_names
from pipeline.text.words import dictionary_words, resegment_unknown


# What spacy-pkuseg reads from a model folder: the features as msgpack and the weights as numpy
# arrays, neither of which can hold code; when `features.msgpack` is missing it unpickles a
# `features.pkl` instead, so both files must be there.
PKUSEG_FILES = ("features.msgpack", "weights.npz")


def require_segmenter_files(segmenter: str, model: str | Path | None, user_dict: str | None = None) -> None:
    """Raise SetupError unless the files a segmenter is loaded from are there."""
    if segmenter == "pkuseg":
        missing = [name for name in PKUSEG_FILES if not model or not (Path(model) / name).is_file()]
        if missing:
            raise SetupError(f"tokens.model {model!r} is not a pkuseg model folder (no {missing[0]}); "
                             "train one with `python -m pipeline train seg configs/train-seg.yaml`")
        check_user_dict(user_dict)


def check_segmenter(segmenter: str, model: str | Path | None, user_dict: str | None = None) -> None:
    """Raise SetupError, in one line, unless the segmenter can be loaded: for pkuseg, its files are
    read in full (pickle refused) and must describe one model, so a corrupt one fails here."""
    require_segmenter_files(segmenter, model, user_dict)
    if segmenter != "pkuseg":
        return
    try:
        features = srsly.read_msgpack(Path(model) / "features.msgpack")
        with np.load(Path(model) / "weights.npz", allow_pickle=False) as weights:
            n_tags, n_features = (int(size) for size in weights["sizes"][:2])
            n_weights = weights["w"].shape[0]
        consistent = (len(features["tag_to_idx"]) == n_tags and len(features["feature_to_idx"]) == n_features
                      and {"unigram", "bigram"} <= set(features) and n_weights == n_tags * (n_features + n_tags))
    except Exception as error:  # msgpack, zip and numpy each raise their own kinds for a damaged file
        raise SetupError(f"tokens.model {str(model)!r} cannot be read: {first_line(error)}") from None
    if not consistent:
        raise SetupError(f"tokens.model {str(model)!r}: features.msgpack and weights.npz are not of one model")


def check_user_dict(user_dict: str | None, key: str = "tokens.user_dict") -> None:
    if user_dict not in (None, "default") and not Path(user_dict).is_file():
        raise SetupError(f"{key} {user_dict!r} is neither null, \"default\" nor a word-list file")


def build_tokenizer_pipeline(segmenter: str, model: str | Path | None = None, user_dict: str | None = None,
                             resegment_unknown: bool = True) -> Language:
    """A blank Chinese spaCy pipeline whose tokenizer is `char`, `jieba` or `pkuseg` (our model by
    path, with `user_dict` and `resegment_unknown` as the tokens settings say)."""
    require_segmenter_files(segmenter, model, user_dict)
    if segmenter == "pkuseg":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        # absolute, since pkuseg downloads a model whose name a relative folder could spell (`web`)
        nlp.tokenizer.initialize(pkuseg_model=str(Path(model).resolve()), pkuseg_user_dict=user_dict or "default")
        pkuseg = nlp.tokenizer.pkuseg_seg
        if user_dict is None:
            # spaCy reads a null dictionary as "the model's own"; pkuseg's switch for its merging is this
            pkuseg.postprocesser.do_process = False
        if resegment_unknown:
            pkuseg.postprocesser = _ResegmentUnknown(pkuseg.postprocesser, known_words(pkuseg))
        return nlp
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})


def known_words(pkuseg) -> set[str]:
    """What `tokens.resegment_unknown` counts as a word: the words the model was trained on (its
    `unigram` list), place names, and the headwords of general dictionaries."""
    return set(pkuseg.feature_extractor.unigram) | place_names() | dictionary_words()


class _ResegmentUnknown:
    """pkuseg hands the model's words of each stretch of text to its postprocesser, which merges
    dictionary words (user-dictionary words are cut out before and never reach it). Words the model
    made up are re-split there first, into known words (spelt as pkuseg spells features). The
    postprocesser's attributes stay readable for spaCy's serialisation."""

    def __init__(self, postprocesser, known: set[str]):
        from spacy_pkuseg.feature_extractor import FeatureExtractor

        self.postprocesser = postprocesser
        self.known = known
        self.spell = FeatureExtractor.keyword_rename

    def is_known(self, word: str) -> bool:
        return self.spell(word) in self.known

    def __call__(self, words: list[str]) -> list[str]:
        return self.postprocesser(resegment_unknown(words, self.is_known))

    def __getattr__(self, name):
        return getattr(self.postprocesser, name)


def word_spans(words: list[str]) -> set[tuple[int, int]]:
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def score_words(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Word-level precision, recall and F1: a word is right when both its boundaries are."""
    from pipeline.evaluate import Counts  # scoring needs pandas, a run does not

    counts = Counts()
    for gold_words, predicted_words in zip(gold, predicted, strict=True):
        gold_spans, predicted_spans = word_spans(gold_words), word_spans(predicted_words)
        tp = len(gold_spans & predicted_spans)
        counts.add(Counts(tp, len(predicted_spans) - tp, len(gold_spans) - tp))
    scores = counts.scores()
    return {**{key: round(scores[key], 4) for key in ("precision", "recall", "f1")}, "words": counts.tp + counts.fn}
