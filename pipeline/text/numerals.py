"""Numbers as written in Chinese reports: Arabic (`1,234`, `11.6`), Chinese (`两千`, `十二点五`,
`一九八一`) and mixed with multipliers (`11.6万`, `1270多万`). cn2an parses Chinese numerals; what
it rejects (bare `万亿`, non-numbers like `十四五`) is decided here."""
from __future__ import annotations

import re
from functools import lru_cache

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE_DIGITS = "零〇一二两三四五六七八九十"
# 千 of 千瓦, 千克, 千米 is the unit's (`五十万千瓦`).
CHINESE = rf"(?:[{CHINESE_DIGITS}百万亿]|千(?![瓦克米]))+(?:点[{CHINESE_DIGITS}]+)?"
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_BARE_MULTIPLIER = re.compile(r"(万亿|亿|万|千|百)+")


class NotANumber(ValueError):
    pass


@lru_cache(maxsize=4096)  # reports repeat their numerals, and cn2an is slow
def parse_number(text: str) -> float:
    """The value of an Arabic, Chinese or mixed numeral; NotANumber when it is none."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if _BARE_MULTIPLIER.fullmatch(text):  # `万亿元`: one of the multiplier; cn2an rejects it
        value = 1.0
        for unit in re.findall("万亿|亿|万|千|百", text):
            value *= MULTIPLIERS[unit]
        return value
    if not re.search(f"[{CHINESE_DIGITS}\\d]", text):
        raise NotANumber(text)
    import cn2an  # imported on use: its import takes a sixth of a second

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError) as error:
        raise NotANumber(text) from error
