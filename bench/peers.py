"""Peer tools on the same text, each next to the stage it compares with."""
from __future__ import annotations

import time
from typing import Callable


def _rate(function: Callable[[str], object], texts: list[str]) -> dict:
    started = time.perf_counter()
    for text in texts:
        function(text)
    seconds = time.perf_counter() - started
    n_chars = sum(map(len, texts))
    return {"seconds": round(seconds, 3), "chars_per_second": round(n_chars / seconds)}


def measure_peers(texts: list[str]) -> dict[str, dict]:
    """jieba (segmenter, POS), HanLP's rule splitter, JioNLP money extraction, cn2an transform."""
    import warnings

    import cn2an
    import jieba
    import jieba.posseg
    import jionlp
    from hanlp.utils.rules import split_sentence

    results: dict[str, dict] = {}
    results["hanlp.split_sentence (vs sentences)"] = _rate(lambda t: list(split_sentence(t)), texts)
    jieba.setLogLevel(60)
    jieba.initialize()
    results["jieba.cut (vs tokens)"] = _rate(lambda t: list(jieba.cut(t)), texts)
    results["jieba.posseg (vs tokens)"] = _rate(lambda t: list(jieba.posseg.cut(t)), texts)
    with warnings.catch_warnings():  # cn2an warns on every non-number it meets (十四五, 万亿)
        warnings.simplefilter("ignore")
        results["cn2an.transform (vs relations)"] = _rate(lambda t: cn2an.transform(t, "cn2an"), texts)
    results["jionlp.extract_money (vs relations)"] = _rate(jionlp.ner.extract_money, texts)
    return results
