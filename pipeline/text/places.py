"""Chinese place names from a real lexicon: the administrative divisions that `cpca` ships
(provinces, prefectures, counties), with the short forms reports use (`江苏`, `赣州`)."""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
import importlib.util
from pathlib import Path

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县",
             "地区", "新区", "省", "市", "县", "区", "盟", "旗")


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Full names and their short forms (suffix dropped, two characters at least)."""
    # Located without importing cpca, which would load its own matcher and jieba.
    package_dir = Path(importlib.util.find_spec("cpca").submodule_search_locations[0])
    table = (package_dir / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    names = set()
    for row in csv.DictReader(io.StringIO(table)):
        name = row["name"].strip()
        names.add(name)
        for suffix in _SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                names.add(name[: -len(suffix)])
                break
    return frozenset(n for n in names if len(n) >= 2)


def _pattern() -> re.Pattern:
    names = sorted(place_names(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, names)) + ")")


PLACE_NAME = _pattern()
