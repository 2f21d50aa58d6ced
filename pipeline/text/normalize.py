"""Character normalisation with an offset map back to the raw document.

Every change is a one-character replacement or a deletion, so each normalised character keeps the
raw offset it came from. The chosen forms:

- letters, digits and `%` `+` `-` `.` `/` and the like: half-width (ASCII);
- punctuation in a line that holds Chinese: the Chinese full-width set `，。：；？！（）“”`,
  except `,` (or `，`) grouping thousands, `:` between digits (times), and inside URLs;
- ranges between digits (`2022—2025`, `2～3`): `-`;
- zero-width characters and a `\\r` before `\\n`: deleted; other odd spaces and tabs: a plain space;
- traditional characters: simplified (OpenCC `t2s`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import opencc

_DELETE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]|\r(?=\n)")
_SPACES = "\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t\x0b\x0c"
# Full-width punctuation that stays full-width in Chinese text; every other FF01-FF5E goes half-width.
_KEEP_FULL_WIDTH = set("，：；？！（）")
_CHAR_FORMS = str.maketrans({
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULL_WIDTH},
    **{space: " " for space in _SPACES},
    "\r": "\n",
})
# The characters `_CHAR_FORMS` changes, few in a text: replaced where found, much faster than
# `str.translate` with a dict, which looks up every character.
_CHANGED_CHAR = re.compile("[" + re.escape("".join(map(chr, _CHAR_FORMS))) + "]")
_LINE = re.compile(r"[^\n]+")
# Searched for in each line: a pattern matching a whole line around a Chinese character backtracks
# over every start of a long line that has none, which is quadratic.
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TO_CHINESE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# Ascii punctuation to convert, minus thousands separators, clock times and range dashes' digits.
_ASCII_PUNCTUATION = re.compile(r'(?<!\d),|,(?!\d{3}(?!\d))|(?<!\d):|:(?!\d)|[;?!()"]|(?<=\d)[—–－~～](?=\d)')
# What `_ASCII_PUNCTUATION` may convert, which few lines hold: the pattern, tried at every
# position of a line, is slow to find nothing.
_CONVERTIBLE = re.compile(r'[,:;?!()"—–－~～]')
# `１，０００` is one number: a full-width comma between digits that groups thousands.
_FULL_WIDTH_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
# a scheme starts after no letter: tried inside a long run of letters, it would be quadratic
_URL = re.compile(r"(?<![a-zA-Z])[a-zA-Z]+://[^\s，。；]+|www\.[^\s，。；]+")


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and, for each of its characters, the raw offset it came from."""

    text: str
    raw_offsets: np.ndarray  # int64, one per character of `text`
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the normalised span [start, end)."""
        if end <= start:
            raw = int(self.raw_offsets[start]) if start < len(self.raw_offsets) else self.raw_length
            return raw, raw
        return int(self.raw_offsets[start]), int(self.raw_offsets[end - 1]) + 1

    def norm_offset(self, raw_offset: int) -> int:
        """The normalised offset of a raw offset (of the next kept character, if it was deleted)."""
        return int(np.searchsorted(self.raw_offsets, raw_offset))


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _chinese_punctuation(line: str) -> str:
    """Ascii punctuation of a Chinese line in its Chinese form; same length as `line`."""
    urls = [match.span() for match in _URL.finditer(line)]
    quote_open = True

    def convert(match: re.Match) -> str:
        nonlocal quote_open
        char = match.group()
        if any(start <= match.start() < end for start, end in urls):
            return char
        if char == '"':
            quote_open = not quote_open
            return "“" if not quote_open else "”"
        return _TO_CHINESE.get(char, "-")

    return _ASCII_PUNCTUATION.sub(convert, line)


def _chinese_line_punctuation(line: re.Match) -> str:
    text = line.group()
    return _chinese_punctuation(text) if _CJK.search(text) and _CONVERTIBLE.search(text) else text


def _simplified(text: str) -> str:
    """OpenCC t2s, line by line; a line whose length would change is converted char by char."""
    converter = _t2s()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        out.append(converted)
    return "\n".join(out)


def normalize(raw: str, traditional_to_simplified: bool = True) -> NormalizedText:
    deleted = [match.start() for match in _DELETE.finditer(raw)]
    kept = _DELETE.sub("", raw) if deleted else raw
    offsets = np.delete(np.arange(len(raw), dtype=np.int64), deleted) if deleted else np.arange(len(raw), dtype=np.int64)
    text = _LINE.sub(_chinese_line_punctuation, _CHANGED_CHAR.sub(lambda char: _CHAR_FORMS[ord(char.group())], kept))
    text = _FULL_WIDTH_THOUSANDS.sub(",", text)
    if traditional_to_simplified:
        text = _simplified(text)
    return NormalizedText(text, offsets, len(raw))
