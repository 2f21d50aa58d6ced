"""Words: re-splitting the words a segmenter made up into words it knows."""
from __future__ import annotations

import re
from typing import Callable

# Only words of Chinese characters are judged: pkuseg reads digits, letters and these numerals as
# classes (its FeatureExtractor.num), so its word list says nothing about `2022年` or `二十大`.
_SPLITTABLE = re.compile(r"[\u3400-\u9fff]+")
_NUMERALS = set("几二三四五六七八九十千万亿兆零")


def _splittable(word: str) -> bool:
    return bool(_SPLITTABLE.fullmatch(word)) and not _NUMERALS.intersection(word)


def fewest_words(text: str, is_known: Callable[[str], bool]) -> list[str] | None:
    """`text` covered by the fewest known words, or None when known words cannot cover it. Among
    equal covers the one with the longer last words wins, as in backward maximum matching."""
    best: list[list[str] | None] = [[]] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(end):
            before = best[start]
            if before is not None and is_known(text[start:end]) and (best[end] is None or len(before) + 1 < len(best[end])):
                best[end] = before + [text[start:end]]
    return best[-1]


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
        cover = fewest_words("".join(before + words[i:end] + after), is_known)
        if cover is None:
            out.extend(words[i:end])
            i = end
            continue
        del out[len(out) - len(before):]
        out.extend(cover)
        i = end + len(after)
    return out
