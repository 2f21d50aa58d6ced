"""One name per organisation and per regulation, so that tables compare across reports
(GUIDELINES v2 § ORG `norm`; README § Canonical names).

- ORG: the abbreviated administrative prefix completed from the document (`市司法局` → `赣州市司法局`,
  `区委` → `朝阳区委`, `省司法厅` in a city's report → its province's), the place taken from the
  issuer and the places above it, else from the places the text names most; a body standing for
  the issuer with its party group completes to the issuer's name (`局党组` → `…局党组`). Names
  already complete, national bodies and names whose place the document does not give stay.
- REG: the title without its marks, brackets and dashes half-width (`(2021-2025年)`),
  `中华人民共和国` dropped from a national law, a plan's number without quotation marks
  (`“八五”普法规划` → `八五普法规划`).
"""
from __future__ import annotations

import re
from collections import Counter

from pipeline.text.lexicon import NATIONAL_LAWS
from pipeline.text.places import (
    TOWNSHIP_BY_FORM, learned_places, level_of, parents, place_at, place_of_level, places_by_level,
)

# A level word that opens a name stands for the document's place of that level; not in 市民, 市场.
_ABBREVIATED = re.compile(r"(驻)?(自治区|新区|省|市|县|区|州|旗|乡(?!村|镇)|镇(?!村|街)|街道)(?!民(?!政)|场)")
# Places the lexicon does not hold, read from the issuer's own name by their form: a prefecture
# or city opening it (`黔西南州人民政府`, `禄丰市…`), a township or street office (`…中村乡人民政府`).
_CITY_BY_FORM = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:州|市|县|旗)(?![市省])")
_NEW_AREA = re.compile(r"[\u4e00-\u9fff]{2}新区")
# A self reference the name was cut from (`本区公平竞争委员会`).
_SELF_BEFORE = re.compile(r"(?:本|我)(区|市|县|省)$")
# The issuer's own party group or internal unit, named by its level word (`局党组`, `局办公室`,
# `局政策法规与医政医管股`).
_OWN_BODY = re.compile(r"([局厅委部院办])(?:党组|党委|[\u4e00-\u9fff]*(?:股|科|处|室)$)")
_TITLE_MARKS = str.maketrans({"《": None, "》": None, "〈": None, "〉": None, "（": "(", "）": ")",
                              "—": "-", "－": "-", "–": "-", "～": "-", "~": "-"})
_QUOTED_PLAN = re.compile(r"“((?:十[一二三四五]?|[一二三四五六七八九])五)”")
_LEVELS_COMPLETED = ("自治区", "省", "市", "区", "县")


def administrative_places(issuer: str | None, named: Counter[str]) -> dict[str, str]:
    """The place each abbreviated level stands for in a document: the issuer's own places and
    those above them (`陵川县教育局`: 县 陵川县, 市 晋城市, 省 山西省), else the places its text
    names most (`named`: `places.named_places` of the text)."""
    levels: dict[str, str] = {}
    issuer = issuer or ""
    learned = learned_places(issuer)
    position, innermost = 0, None
    while place := _place_at(issuer, position, learned):
        levels.setdefault(level_of(place) or "", place)
        position, innermost = position + len(place), innermost if place in learned else place
    for parent in parents(innermost) if innermost else []:
        levels.setdefault(level_of(parent) or "", parent)
    if not position and (city := _CITY_BY_FORM.match(issuer)):
        levels.setdefault(city.group()[-1], city.group())
        position = city.end()
    if township := TOWNSHIP_BY_FORM.match(issuer, position):
        levels.setdefault("街道" if township.group().endswith("街道") else township.group()[-1], township.group())
    if new_area := _NEW_AREA.search(issuer):
        levels.setdefault("新区", new_area.group())
    by_text = places_by_level(named, issuer)
    for level in _LEVELS_COMPLETED:
        if level not in levels and (place := place_of_level(level, by_text)):
            levels[level] = place
    return levels


def _place_at(text: str, position: int, learned: frozenset[str]) -> str | None:
    """The full place name, or the longest learnt one with its level, that starts at `position`."""
    if place := place_at(text, position, full_only=True):
        return place
    return max((name for name in learned if text.startswith(name, position) and level_of(name)), key=len, default=None)


def org_norm(name: str, places: dict[str, str], issuer: str | None, before: str = "") -> str:
    """An organisation's name as one lists it across reports; `before` is the text just before
    its mention."""
    if (own := _OWN_BODY.match(name)) and issuer and issuer.endswith(own.group(1) if own.group(1) != "委" else ("委", "委员会")):
        return issuer + name[1:]
    if place_at(name, 0):
        return name
    if (self_reference := _SELF_BEFORE.search(before)) and (place := places.get(self_reference.group(1))):
        return place + name
    abbreviation = _ABBREVIATED.match(name)
    if abbreviation and (place := places.get(abbreviation.group(2))):
        return (abbreviation.group(1) or "") + place + name[abbreviation.end():]
    return name


def reg_norm(title: str) -> str:
    """A regulation's one title across reports."""
    name = _QUOTED_PLAN.sub(r"\1", title.translate(_TITLE_MARKS)).strip()
    if name.startswith("中华人民共和国") and (law := name[len("中华人民共和国"):]) in NATIONAL_LAWS:
        return law
    return name
