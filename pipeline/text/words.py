"""Words: general dictionaries, and re-splitting the words a segmenter made up into words it knows."""
from __future__ import annotations

import importlib.util
import itertools
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

# Only words of Chinese characters are judged: pkuseg reads digits and these numerals as one class
# (its FeatureExtractor.num), so its word list says nothing about `2022年` or `二十大`.
_SPLITTABLE = re.compile(r"[\u3400-\u9fff]+")
_NUMERALS = set("几二三四五六七八九十千万亿兆零")


def _splittable(word: str) -> bool:
    return bool(_SPLITTABLE.fullmatch(word)) and not _NUMERALS.intersection(word)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The headwords of general dictionaries that packages we depend on ship: jionlp's dictionary of
    modern Chinese words and its idioms, and jieba's word list (which has newer words such as 营商
    and 精准). Entries of more than one clause (`一不做，二不休`) are left out."""
    # Read from the packages' own files without importing them, which would load far more.
    jionlp = _package_folder("jionlp") / "dictionary"
    texts = []
    for name in ("chinese_word_dictionary", "chinese_idiom"):
        with zipfile.ZipFile(jionlp / f"{name}.zip") as archive:
            texts.append(archive.read(f"{name}.txt").decode("utf-8"))
    texts.append((_package_folder("jieba") / "dict.txt").read_text(encoding="utf-8"))
    # one entry per line, the word first (then a tab or a space and what the list says of it)
    heads = (line.split(None, 1)[0] for text in texts for line in text.splitlines() if line.strip())
    return frozenset(word for word in heads if _SPLITTABLE.fullmatch(word))


def _package_folder(package: str) -> Path:
    return Path(importlib.util.find_spec(package).submodule_search_locations[0])


def fewest_words(text: str, is_known: Callable[[str], bool], boundaries: frozenset[int] = frozenset()
                 ) -> list[str] | None:
    """`text` covered by the fewest known words, or None when known words cannot cover it. Among
    equal covers the one keeping most of `boundaries` (the segmenter's own) wins, then the one with
    the longer last words, as in backward maximum matching."""
    # best[end]: the cost (words, cuts not among `boundaries`) of the best cover of text[:end], and the cover
    best: list[tuple[tuple[int, int], list[str]] | None] = [((0, 0), [])] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(end):
            if best[start] is None or not is_known(text[start:end]):
                continue
            (count, dropped), words = best[start]
            cost = (count + 1, dropped + (end < len(text) and end not in boundaries))
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, words + [text[start:end]])
    return None if best[-1] is None else best[-1][1]


def resegment_unknown(words: list[str], is_known: Callable[[str], bool]) -> list[str]:
    """Each run of words of two or more Chinese characters that `is_known` rejects, with the word on
    either side, re-split into the fewest known words when known words cover it. A segmenter trained
    on little text makes words up at the seams of words it knows (`劝村 民先` for `劝 村民 先`,
    `法制备 忘录` for `法制 备忘录`); the neighbours are included because the seam is often theirs."""

    def made_up(word: str) -> bool:
        return len(word) > 1 and _splittable(word) and not is_known(word)

    out: list[str] = []
    i = 0
    while i < len(words):
        if not made_up(words[i]):
            out.append(words[i])
            i += 1
            continue
        end = i + 1
        while end < len(words) and made_up(words[end]):
            end += 1
        before = [word for word in out[-1:] if _splittable(word)]
        after = [word for word in words[end:end + 1] if _splittable(word)]
        region = before + words[i:end] + after
        cover = fewest_words("".join(region), is_known, frozenset(itertools.accumulate(map(len, region))))
        if cover is None:
            out.extend(words[i:end])
            i = end
            continue
        del out[len(out) - len(before):]
        out.extend(cover)
        i = end + len(after)
    return out
