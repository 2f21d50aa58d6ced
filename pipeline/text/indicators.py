"""The canonical indicator a figure reports (GUIDELINES v2 § quantity `indicator`), from what it
counts: the kind its unit gives (count, rate, money, duration) and cue words over its metric, its
clause and the sentence before it (`pipeline/data/lexicon/indicator_cues.tsv`). Null rather than a
guess: most figures are no indicator, and a figure whose cues name none stays null.

The indicator list is part of the contract (`pipeline/data/indicators.tsv`, the columns of
`shared/annotation/INDICATORS.tsv`); a user may point `relations.indicators` at their own list with
the same columns: figures then get only ids that list holds.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.text.lexicon import indicator_cues

INDICATORS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.tsv"
INDICATOR_COLUMNS = ("indicator", "name", "units", "counts (typical wording)", "not this indicator")
_DURATION_UNITS = {"个工作日", "工作日", "天", "日", "小时", "分钟", "个月", "周"}
# Honours and contest entries count awards, not the work (GUIDELINES: null).
_HONOURS = re.compile(r"获奖|一等奖|二等奖|三等奖|优秀奖|荣获|评为优秀|获评优秀|评选为|表彰")
# How sure a rule is, by where its cue was found: the metric says what is counted; the clause
# usually; the sentence only gives the topic of a figure whose own words say what was done.
SCORE_BY_PLACE = {"metric": 0.9, "clause": 0.75, "context": 0.6}


class IndicatorListError(ValueError):
    pass


@dataclass(frozen=True)
class _Rule:
    indicator: str
    kind: str
    cue: re.Pattern
    context: re.Pattern | None
    exclude: re.Pattern | None


@lru_cache(maxsize=None)
def load_indicator_list(path: str | None = None) -> tuple[str, ...]:
    """The indicator ids of a list file (the shipped one when `path` is None)."""
    file = Path(path) if path else INDICATORS_FILE
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in INDICATOR_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise IndicatorListError(f"{file}: the indicator list lacks the column(s) {', '.join(missing)}")
            ids = tuple(row["indicator"].strip() for row in reader if row["indicator"].strip())
    except (OSError, UnicodeDecodeError) as error:
        raise IndicatorListError(f"{file}: cannot read the indicator list ({error})") from None
    if not ids:
        raise IndicatorListError(f"{file}: the indicator list holds no indicator")
    return ids


@lru_cache(maxsize=None)
def _rules(indicators: tuple[str, ...]) -> tuple[_Rule, ...]:
    known = set(indicators)
    return tuple(_Rule(indicator, kind, re.compile(cue), re.compile(context) if context else None,
                       re.compile(exclude) if exclude else None)
                 for indicator, kind, cue, context, exclude in indicator_cues() if indicator in known)


def kind_of(unit: str) -> str:
    if unit in ("%", "‰"):
        return "rate"
    if unit == "元":
        return "money"
    return "duration" if unit in _DURATION_UNITS else "count"


def assign_indicator(metric: str | None, clause: str, before: str, unit: str,
                     indicators: tuple[str, ...]) -> tuple[str | None, float | None]:
    """(indicator id, score) of a figure, or (None, None). `clause` is its clause up to and with the
    figure, `before` the sentence before the figure."""
    if _HONOURS.search(clause):
        return None, None
    kind = kind_of(unit)
    for rule in _rules(indicators):
        if rule.kind != kind or (rule.exclude and rule.exclude.search(clause)):
            continue
        if rule.context and not rule.context.search(before):
            continue
        if metric and rule.cue.search(metric):
            place = "context" if rule.context and not rule.context.search(clause) else "metric"
        elif rule.cue.search(clause):
            place = "context" if rule.context and not rule.context.search(clause) else "clause"
        else:
            continue
        return rule.indicator, SCORE_BY_PLACE[place]
    return None, None
