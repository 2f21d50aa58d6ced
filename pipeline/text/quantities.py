"""Quantity recognition: a number with its qualifier and unit, its value normalised (GUIDELINES §
Numeric relations), and what is not a quantity (dates, ordinals, names, slogans, codes)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.text.lexicon import any_of, words
from pipeline.text.places import place_at
from pipeline.text.numerals import ARABIC, CHINESE, CHINESE_DIGITS, MULTIPLIERS, NotANumber, parse_number

QUALIFIERS_BEFORE = {"将近": "less_than", "不足": "less_than", "不到": "less_than", "近": "less_than",
                     "不超过": "less_than", "低于": "less_than", "高于": "more_than", "至少": "more_than",
                     "超过": "more_than", "突破": "more_than", "超": "more_than", "逾": "more_than",
                     "大约": "approx", "约": "approx"}
QUALIFIERS_AFTER = {"以上": "more_than", "以下": "less_than", "以内": "less_than", "左右": "approx"}
# Units and classifiers as written after a number, the longest where they nest.
_UNIT = any_of(words("units"))
_MONEY = {"万元": 1e4, "亿元": 1e8, "千元": 1e3}
_NUMBER = rf"(?:{ARABIC}|{CHINESE})"
QUANTITY = re.compile(
    rf"(?P<before>{any_of(QUALIFIERS_BEFORE)})?"
    rf"(?:百分之(?P<percent>{_NUMBER})"
    rf"|(?P<number>{_NUMBER})(?:(?P<range>[-~至到])(?P<number_max>{_NUMBER}))?"
    rf"(?P<some>余|多)?(?:[ \u00a0\u3000]?(?P<multiplier>万亿|亿|万|千(?![瓦克米])))?(?P<some_after>余|多)?"
    # some sites print a space between number and unit (`2.6 万件`)
    rf"(?:[ \u00a0\u3000]?(?P<unit>{_UNIT}))?)"
    rf"(?P<after>{'|'.join(QUALIFIERS_AFTER)})?"
)
# A character every quantity holds (its number, or the 百 of 百分之): most sentences have none.
_NUMERAL = re.compile(rf"[\d{CHINESE_DIGITS}百千万亿]")
# Spans that hold numbers but no quantity: dates, times, codes and formulas.
_NOT_QUANTITY_SPANS = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}|"
    rf"(?:{ARABIC}|[{'零〇一二三四五六七八九'}]{{4}})(?:[-至](?:{ARABIC}))?年(?:度|代)?|"
    rf"{_NUMBER}月(?:{_NUMBER}日)?(?:份)?|{_NUMBER}日|"
    rf"\d+\+\d+|\d{{5,}}(?![\d.]*[余多]?[万亿千]?(?:{_UNIT}))"
)
# Right after the number: enumeration labels (`三大战略`), levels (`四级政府`), list markers (`一是`),
# years and periods (`五年来`); after the unit: `一次性`. Before it: ordinals (`第九批`).
_NOT_AFTER_NUMBER = re.compile(r"大|级|是|周年|年|世纪")
_NOT_AFTER_UNIT = re.compile(r"性|委")  # 一次性, 四部委
# `45和70个工作日`: the first number shares the unit of the second.
_SHARED_UNIT = re.compile(rf"(?:和|、|或)(?:{ARABIC})(?P<unit>{_UNIT})"
                          rf"(?P<after>{'|'.join(QUALIFIERS_AFTER)})?")
# Multiples and doublings: `增长一倍`, `翻了一番`, where 一 is a number.
_MULTIPLE_UNITS = ("番", "倍")
_SLOGAN_QUOTE = re.compile(r"“[^”]{0,12}”")
# Words where 一 (or another numeral) is no number at all.
_LEXICAL = re.compile(r"进一步|统一|一体|一站式|一定|一些|一直|一起|一致|一般|一线|一流|一切|一律|同一|唯一|"
                      r"一把手|一号|万一|一系列|一方面|一手|逐一|一道|一并|一度|一段|一张网|一网|一件事|"
                      r"一次性|一揽子|一批|一带一路|百姓|千方百计|万众|一窗|一门|一端|一屏|一码|一枚|一老一小|"
                      r"第一时间|三令五申|四面八方|五湖四海|十分|一站|两委|一把|"
                      # canonical political formulas, quoted or not (`坚持四项基本原则`)
                      r"四个现代化|四项基本原则|三个代表|一个中心|两个基本点|五位一体|四个全面|两个一百年|三个有利于|"
                      r"两个确立|两个维护|四个意识|四个自信|四个服从|两个毫不动摇|三个务必")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    qualifier: str
    number_start: int  # where the number itself starts (after a qualifier word)


# Asked for by a figure once it has passed the other tests (most do not), then by the next
# figures of the same sentence.
@lru_cache(maxsize=1)
def _blocked_spans(text: str, entity_spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Where no quantity may start: dates, codes, slogans in quotes, lexical 一, entities."""
    spans = list(entity_spans)
    for pattern in (_NOT_QUANTITY_SPANS, _SLOGAN_QUOTE, _LEXICAL):
        spans += [match.span() for match in pattern.finditer(text)]
    return tuple(spans)


def find_quantities(text: str, entity_spans: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities in `text` (a sentence of normalised text), none inside `entity_spans`."""
    if not _NUMERAL.search(text):
        return []
    entity_spans = tuple((start, end) for start, end in entity_spans)
    return [quantity for match in QUANTITY.finditer(text) if (quantity := _quantity(text, match, entity_spans))]


def _quantity(text: str, match: re.Match, entity_spans: tuple[tuple[int, int], ...]) -> Quantity | None:
    number_start = match.start("percent") if match.group("percent") else match.start("number")
    number_text = match.group("percent") or match.group("number")
    # Ordinals (`第九批`) and names opening with a number (`“15分钟公共法律服务圈`, `“1+4”`).
    # `十二届八次全会`: after 届 the number of a session
    if text[number_start - 1:number_start] in ("第", "“", "届"):
        return None
    number_end = max(match.end(g) for g in ("percent", "number", "number_max", "some", "multiplier") if match.group(g))
    if (text[number_start - 1:number_start] in ("+", "-", ".") or _NOT_AFTER_NUMBER.match(text, number_end)
            or _NOT_AFTER_UNIT.match(text, match.end())):
        return None
    unit = match.group("unit") or ""
    if match.group("percent"):
        unit = "%"
    chinese = not re.match(r"\d", number_text)
    if chinese and (number_text in ("一", "零") and unit not in _MULTIPLE_UNITS or not unit):
        return None  # `一个` is an article; a Chinese numeral without a unit is a name or a word
    if chinese and (place := place_at(text, number_start)) and number_start + len(place) > number_end:
        return None  # a place name (`九台区`, `十堰`)
    shared = None if unit or chinese else _SHARED_UNIT.match(text, match.end())
    if shared:
        unit = shared.group("unit")
    if chinese and unit == "期" and re.match("工程|项目", text[match.end():]):
        return None  # a project phase (`二期项目`)
    if re.fullmatch("[万亿千百]+", number_text) and unit not in ("元", *_MONEY) and not match.group("before"):
        return None  # a bare multiplier counts money (`万亿元`) or an estimate (`近千名`); else a word
    # a count in 亿/万 says what it counts in its clause (`近2亿`, `13亿多`)
    counted_in_multiples = match.group("multiplier") in ("亿", "万") and not chinese
    if not unit and not counted_in_multiples and not _is_bare_figure(text, match):
        return None
    if any(start <= number_start < end for start, end in _blocked_spans(text, entity_spans)):
        return None  # in a date, a code, a slogan, a word (`进一步`) or an entity
    try:
        value = parse_number(number_text)
        value_max = parse_number(match.group("number_max")) if match.group("number_max") else None
    except NotANumber:
        return None
    factor = MULTIPLIERS.get(match.group("multiplier") or "", 1.0) * _MONEY.get(unit, 1.0)
    if unit in _MONEY:
        unit = "元"
    qualifier = "exact"
    if match.group("before"):
        qualifier = QUALIFIERS_BEFORE[match.group("before")]
    elif match.group("some") or match.group("some_after"):
        qualifier = "more_than"
    elif after := match.group("after") or (shared and shared.group("after")):
        qualifier = QUALIFIERS_AFTER[after]
    end = match.end()
    return Quantity(match.start(), end, value * factor, value_max * factor if value_max is not None else None,
                    unit, qualifier, number_start)


def _is_bare_figure(text: str, match: re.Match) -> bool:
    """A number with no unit is a quantity only as a stated ratio or index (`律师万人比为4.9`)."""
    before = text[max(0, match.start() - 2):match.start()]
    after = text[match.end():match.end() + 1]
    return bool(re.search(r"[为达是至到]$", before)) and "." in match.group() and not re.match(r"[\d万亿千]", after)
