"""Chinese place names from a real lexicon: the administrative divisions that `cpca` ships
(provinces, prefectures, counties, with their codes, hence their hierarchy), with the short forms
reports use (`江苏`, `赣州`); and the districts a document names that the lexicon is too old to know
(`成都市郫都区`, created 2016), learnt from their form."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from functools import lru_cache
import importlib.util
from pathlib import Path
from typing import Iterator


_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "地区", "新区", "省", "市", "县", "区", "盟", "旗")


@lru_cache(maxsize=1)
def _division_rows() -> tuple[tuple[str, str], ...]:
    """(full name, 12-digit code) of every division cpca ships."""
    # Located without importing cpca, which would load its own matcher and jieba.
    package_dir = Path(importlib.util.find_spec("cpca").submodule_search_locations[0])
    table = (package_dir / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    return tuple((row["name"].strip(), row["adcode"]) for row in csv.DictReader(io.StringIO(table)))


@lru_cache(maxsize=1)
def divisions() -> dict[str, str]:
    """Full name of every division → its code (the first of a name used twice)."""
    codes: dict[str, str] = {}
    for name, code in _division_rows():
        codes.setdefault(name, code)
    return codes


@lru_cache(maxsize=1)
def _names_used_twice() -> frozenset[str]:
    counts = Counter(name for name, _ in _division_rows())
    return frozenset(name for name, count in counts.items() if count > 1)


def place_is_ambiguous(place: str) -> bool:
    """Do several divisions bear this name (`城中区`: in 西宁, 柳州)?"""
    return (full_name(place) or place) in _names_used_twice()


def short_form(name: str) -> str | None:
    """`赣州市` → `赣州`; None when dropping the suffix leaves less than two characters."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Full names and their short forms (suffix dropped, two characters at least)."""
    names = set(divisions())
    names |= {short for name in divisions() if (short := short_form(name))}
    return frozenset(n for n in names if len(n) >= 2)


@lru_cache(maxsize=1)
def _by_short_form() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in divisions():
        table.setdefault(name, name)
        if short := short_form(name):
            table.setdefault(short, name)
    return table


@lru_cache(maxsize=1)
def _by_code() -> dict[str, str]:
    return {code: name for name, code in divisions().items()}


def full_name(place: str) -> str | None:
    """The full name of a place given in full or short form (`赣州` → `赣州市`), if known."""
    return _by_short_form().get(place)


def parents(place: str) -> list[str]:
    """The province and prefecture above a known place, outermost first (`即墨` → `山东省`, `青岛市`)."""
    name = full_name(place)
    if name is None:
        return []
    code = divisions()[name]
    by_code = _by_code()
    above = [code[:2] + "0" * 10, code[:4] + "0" * 8]
    return [by_code[c] for c in dict.fromkeys(above) if c != code and c in by_code]


# The level words that follow a place name (`江苏` + `省`).
LEVELS = "特别行政区|自治区|自治州|自治县|新区|街道|省|市|县|区|州|盟|旗|镇|乡"
# A township or street office by its form, for those the lexicon does not hold (`中村乡`, `三都镇`,
# `南星街道`); `城乡` is none.
TOWNSHIP_BY_FORM = re.compile(r"[\u4e00-\u9fff]{2,5}?(?:(?<!城)乡|镇|街道)")
# A district or county written after the city above it: `成都市郫都区`.
_AFTER_CITY_LEVEL = re.compile(r"(?<=[市州盟])([\u4e00-\u9fff]{2}(?:新区|区|县))")


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    return frozenset(n for n in divisions() if n.endswith(("市", "州", "盟")))


def learned_places(text: str) -> frozenset[str]:
    """Districts and counties the text names under their city that the lexicon does not know, in
    full and in short form (`郫都区`, `郫都`)."""
    found = set()
    cities = _cities()
    for match in _AFTER_CITY_LEVEL.finditer(text):
        name = match.group(1)
        if name in divisions() or not (short := short_form(name)) or short in place_names():
            continue
        if any(text[match.start() - size:match.start()] in cities for size in range(2, 9)):
            found |= {name, short}
    return frozenset(found)


# The opening of a document, where the places it is about are counted and where it says who it
# is (a report names its own place there; a long document's later pages add nothing, and the
# place-name patterns are slow over a long text).
OPENING_CHARS = 5000


def level_of(place: str) -> str | None:
    """`省`, `自治区`, `市`, `区`, `县`, `新区` or `旗` for a place name in full or short form."""
    name = full_name(place) or place
    return next((level for level in ("自治区", "省", "市", "区", "县", "新区", "旗") if name.endswith(level)), None)


# Place names are looked up by their first two characters, not matched by an alternation of every
# name: that compiles in a tenth of a second per pattern that embeds it, longer than a small run.
@lru_cache(maxsize=2)
def _by_first_two(full_only: bool) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for name in (divisions() if full_only else place_names()):
        table.setdefault(name[:2], []).append(name)
    return {key: tuple(sorted(names, key=len, reverse=True)) for key, names in table.items()}


def places_at(text: str, position: int, endpos: int | None = None, full_only: bool = False) -> list[str]:
    """The place names that start at `position` and end by `endpos`, longest first: the order in
    which an alternation of them tries them, so that a place and what must follow it match as
    their composed pattern would. `full_only`: full names only (a place that holds a common word,
    `和平县`, `公安县`, counts only in full)."""
    endpos = len(text) if endpos is None else endpos
    return [name for name in _by_first_two(full_only).get(text[position:position + 2], ())
            if position + len(name) <= endpos and text.startswith(name, position)]


def place_at(text: str, position: int, endpos: int | None = None, full_only: bool = False) -> str | None:
    """The longest place name at `position`, if any."""
    return next(iter(places_at(text, position, endpos, full_only)), None)


_LEVEL = re.compile(LEVELS)


def place_chain_ends(text: str, position: int, endpos: int | None = None) -> Iterator[int]:
    """Where a chain of places with their level words (`哈尔滨市双城区`, `四川省德阳市`) starting at
    `position` may end within `endpos`, in the order a greedy regular expression tries them
    (longest place first, with its level word first, a longer chain first), so that what must
    follow is matched as the composed pattern would."""
    endpos = len(text) if endpos is None else endpos
    for name in places_at(text, position, endpos):
        after = position + len(name)
        level = _LEVEL.match(text, after, endpos)
        for end in (level.end(), after) if level else (after,):
            yield from place_chain_ends(text, end, endpos)
            yield end


def place_chain_end(text: str, position: int, endpos: int | None = None) -> int | None:
    """Where the longest chain of places at `position` ends, or None."""
    return next(place_chain_ends(text, position, endpos), None)


@lru_cache(maxsize=1)
def _name_openings() -> re.Pattern:
    """A character that may open a place name, followed by one that may be its second."""
    table = _by_first_two(False)
    firsts, seconds = ("".join(sorted({pair[i] for pair in table})) for i in (0, 1))
    return re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")


def place_starts(text: str, end: int | None = None) -> list[int]:
    """Where place names start, in order, their first two characters within `text[:end]`: the
    candidates found by two character classes, since running the alternation of every name over
    a text, or a lookup at each of its positions, is slow."""
    table = _by_first_two(False)
    openings = (match.start() for match in _name_openings().finditer(text, 0, len(text) if end is None else end))
    return [start for start in openings if text[start:start + 2] in table and places_at(text, start)]


def find_places(text: str, end: int | None = None) -> list[str]:
    """The place names of a text, leftmost-longest, as an alternation of every name finds them, those
    that start within `text[:end]`."""
    found, resume = [], 0
    for position in place_starts(text, end):
        if position >= resume:
            found.append(name := place_at(text, position))
            resume = position + len(name)
    return found


def named_places(text: str) -> Counter[str]:
    """How often the opening of a text names each place, by full name (`赣州` counts for `赣州市`)."""
    return Counter(name for found in find_places(text, min(len(text), OPENING_CHARS)) if (name := full_name(found)))


def places_by_level(named: Counter[str], preferred: str = "") -> dict[str, list[str]]:
    """The places a text names (`named_places`), per level, most named first; those in `preferred`
    (a title, an issuer's name) before all others."""
    ranked = sorted(named, key=lambda name: (not _in(name, preferred), -named[name]))
    levels: dict[str, list[str]] = {}
    for name in ranked:
        levels.setdefault(level_of(name) or "", []).append(name)
    return levels


def _in(name: str, text: str) -> bool:
    return name in text or (short_form(name) or name) in text


def place_of_level(level: str, places: dict[str, list[str]]) -> str | None:
    """The place of that level a document is about; a province may come from its city."""
    if level == "省":
        for candidate in (*places.get("省", []), *places.get("自治区", [])):
            return candidate
        for city in places.get("市", []):
            return (parents(city) or [None])[0]
        return None
    return (places.get(level) or [None])[0]
