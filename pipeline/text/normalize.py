"""Character normalisation with an offset map back to the raw document.

Every change is a one-character replacement or a deletion, so each normalised character keeps the
raw offset it came from. The chosen forms:

- letters, digits and `%` `+` `-` `.` `/` and the like: half-width (ASCII);
- punctuation in a line that holds Chinese: the Chinese full-width set `，。：；？！（）“”`,
  except `,` between digits (thousands) and `:` between digits (times), and inside URLs;
- ranges between digits (`2022—2025`, `2～3`): `-`;
- zero-width characters and a `\\r` before `\\n`: deleted; other odd spaces and tabs: a plain space;
- traditional characters: simplified (OpenCC `t2s`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import opencc

_DELETE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACES = set("\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t\x0b\x0c")
# Full-width punctuation that stays full-width in Chinese text; every other FF01-FF5E goes half-width.
_KEEP_FULL_WIDTH = set("，：；？！（）")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TO_CHINESE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_RANGE_DASHES = set("—–－~～至")
_URL = re.compile(r"[a-zA-Z]+://\S+|www\.\S+")


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and, for each of its characters, the raw offset it came from."""

    text: str
    raw_offsets: tuple[int, ...]
    raw_length: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of the normalised span [start, end)."""
        if end <= start:
            raw = self.raw_offsets[start] if start < len(self.raw_offsets) else self.raw_length
            return raw, raw
        return self.raw_offsets[start], self.raw_offsets[end - 1] + 1


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _char_form(char: str) -> str:
    code = ord(char)
    if char in _SPACES:
        return " "
    if 0xFF01 <= code <= 0xFF5E and char not in _KEEP_FULL_WIDTH:
        return chr(code - 0xFEE0)
    return char


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _chinese_punctuation(line: str) -> str:
    """Ascii punctuation of a Chinese line in its Chinese form; same length as `line`."""
    if not _CJK.search(line):
        return line
    protected = set()
    for match in _URL.finditer(line):
        protected.update(range(match.start(), match.end()))
    chars = list(line)
    quote_open = True
    for i, char in enumerate(chars):
        if i in protected:
            continue
        before = line[i - 1] if i else ""
        after = line[i + 1] if i + 1 < len(line) else ""
        if char == "," and _is_digit(before) and re.match(r"\d{3}(?!\d)", line[i + 1:i + 5]):
            continue
        if char == ":" and _is_digit(before) and _is_digit(after):
            continue
        if char in _TO_CHINESE:
            chars[i] = _TO_CHINESE[char]
        elif char == '"':
            chars[i] = "“" if quote_open else "”"
            quote_open = not quote_open
        elif char in _RANGE_DASHES and char != "至" and _is_digit(before) and _is_digit(after):
            chars[i] = "-"
    return "".join(chars)


def _simplified(text: str) -> str:
    """OpenCC t2s, line by line; a line whose length would change is converted char by char."""
    converter = _t2s()
    lines = text.split("\n")
    out = []
    for line in lines:
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        out.append(converted)
    return "\n".join(out)


def normalize(raw: str, traditional_to_simplified: bool = True) -> NormalizedText:
    kept_chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(raw):
        if char in _DELETE or (char == "\r" and raw[i + 1:i + 2] == "\n"):
            continue
        kept_chars.append("\n" if char == "\r" else _char_form(char))
        offsets.append(i)
    text = "\n".join(_chinese_punctuation(line) for line in "".join(kept_chars).split("\n"))
    if traditional_to_simplified:
        text = _simplified(text)
    return NormalizedText(text, tuple(offsets), len(raw))
