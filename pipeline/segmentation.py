"""Word segmentation: loading a segmenter as a spaCy tokenizer, and word-level scoring."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.errors import SetupError
from pipeline.evaluate import Counts


def check_segmenter(segmenter: str, model: str | Path | None, user_dict: str | None = None) -> None:
    if segmenter == "pkuseg":
        if not model or not (Path(model) / "features.msgpack").exists():
            raise SetupError(f"tokens.model {model!r} is not a pkuseg model folder; "
                             "train one with `python -m pipeline train seg configs/train-seg.yaml`")
        check_user_dict(user_dict)
    if segmenter == "jieba":
        try:
            import jieba  # noqa: F401
        except ImportError:
            raise SetupError("tokens.segmenter jieba needs the jieba package (pip install -e .[bench])") from None


def check_user_dict(user_dict: str | None, key: str = "tokens.user_dict") -> None:
    if user_dict not in (None, "default") and not Path(user_dict).is_file():
        raise SetupError(f"{key} {user_dict!r} is neither null, \"default\" nor a word-list file")


def build_tokenizer_pipeline(segmenter: str, model: str | Path | None = None, user_dict: str | None = None) -> Language:
    """A blank Chinese spaCy pipeline whose tokenizer is `char`, `jieba` or `pkuseg` (our model by
    path, with `user_dict` as `tokens.user_dict` says)."""
    check_segmenter(segmenter, model, user_dict)
    if segmenter == "pkuseg":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=str(model), pkuseg_user_dict=user_dict or "default")
        if user_dict is None:
            # spaCy reads a null dictionary as "the model's own"; pkuseg's switch for its merging is this
            nlp.tokenizer.pkuseg_seg.postprocesser.do_process = False
        return nlp
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})


def word_spans(words: list[str]) -> set[tuple[int, int]]:
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def score_words(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Word-level precision, recall and F1: a word is right when both its boundaries are."""
    counts = Counts()
    for gold_words, predicted_words in zip(gold, predicted, strict=True):
        gold_spans, predicted_spans = word_spans(gold_words), word_spans(predicted_words)
        tp = len(gold_spans & predicted_spans)
        counts.add(Counts(tp, len(predicted_spans) - tp, len(gold_spans) - tp))
    scores = counts.scores()
    return {**{key: round(scores[key], 4) for key in ("precision", "recall", "f1")}, "words": counts.tp + counts.fn}
