"""The canonical indicator a figure reports (GUIDELINES v2 § quantity `indicator`), from what it
counts: the kind its unit gives (count, rate, money, duration) and cue words over its metric, its
clause, its sentence and the one before (`pipeline/data/lexicon/indicator_cues.tsv`). Null rather than a
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

from pipeline.text.lexicon import indicator_cues, unit_classes, words

INDICATORS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.tsv"
INDICATOR_COLUMNS = ("indicator", "name", "units", "counts (typical wording)", "not this indicator")
_DURATION_UNITS = frozenset(words("duration_units"))
# Honours and contest entries count awards, not the work (GUIDELINES: null).
_HONOURS = re.compile("|".join(map(re.escape, words("honour_words"))))
# How sure a rule is, by where its cue was found: the metric says what is counted; the clause
# usually; the sentence only gives the topic of a figure whose own words say what was done.
SCORE_BY_PLACE = {"metric": 0.9, "clause": 0.75, "context": 0.6}


class IndicatorListError(ValueError):
    pass


@dataclass(frozen=True)
class _Rule:
    indicator: str
    kind: str
    units: frozenset[str]
    cue: re.Pattern
    context: re.Pattern | None
    context_in_clause: bool
    exclude: re.Pattern | None
    exclude_in_context: bool


@lru_cache(maxsize=None)
def load_indicator_list(path: str | None = None) -> dict[str, frozenset[str]]:
    """Indicator id → the units its figures may have (the listed ones and their classmates), for
    a list file (the shipped one when `path` is None); an empty set for a rate or money."""
    file = Path(path) if path else INDICATORS_FILE
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in INDICATOR_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise IndicatorListError(f"{file}: the indicator list lacks the column(s) {', '.join(missing)}")
            ids = {row["indicator"].strip(): _with_classmates(row["units"].split())
                   for row in reader if row["indicator"].strip()}
    except (OSError, UnicodeDecodeError) as error:
        raise IndicatorListError(f"{file}: cannot read the indicator list ({error})") from None
    if not ids:
        raise IndicatorListError(f"{file}: the indicator list holds no indicator")
    return ids


def _with_classmates(units: list[str]) -> frozenset[str]:
    found = set(units)
    for group in unit_classes():
        if found & group:
            found |= group
    return frozenset(found)


def _rules(indicators: dict[str, frozenset[str]]) -> tuple[_Rule, ...]:
    rules = []
    for indicator, kind, cue, context, exclude in indicator_cues():
        if indicator in indicators:
            in_clause, context = context.startswith("clause:"), context.removeprefix("clause:")
            in_context, exclude = exclude.startswith("context:"), exclude.removeprefix("context:")
            rules.append(_Rule(indicator, kind, indicators[indicator], re.compile(cue),
                               re.compile(context) if context else None, in_clause,
                               re.compile(exclude) if exclude else None, in_context))
    return tuple(rules)


@lru_cache(maxsize=16)
def _cached_rules(path: str | None) -> tuple[_Rule, ...]:
    return _rules(load_indicator_list(path))


def kind_of(unit: str) -> str:
    if unit in ("%", "‰"):
        return "rate"
    if unit == "元":
        return "money"
    return "duration" if unit in _DURATION_UNITS else "count"


def assign_indicator(metric: str | None, clause: str, context: str, unit: str,
                     indicators: str | None = None) -> tuple[str | None, float | None]:
    """(indicator id, score) of a figure, or (None, None): the first rule whose cue is in the
    figure's metric, else the first whose cue is in its clause; its kind, unit and context (the
    figure's sentence and the one before) must fit. A rule's `not` rules out a clause that holds it
    (`context:` … a context), except where the metric itself names the rule's cue. `indicators` is
    the list file (None: the shipped one)."""
    if _HONOURS.search(clause):
        return None, None
    kind = kind_of(unit)
    rules = [rule for rule in _cached_rules(indicators)
             if rule.kind == kind and (kind != "count" or unit in rule.units)
             and not (rule.exclude and rule.exclude_in_context and rule.exclude.search(context))
             and not (rule.context and not rule.context.search(clause if rule.context_in_clause else context))]
    for place, text in (("metric", metric or ""), ("clause", clause)):
        for rule in rules:
            if place == "clause" and rule.exclude and not rule.exclude_in_context and rule.exclude.search(clause):
                continue
            if rule.cue.search(text):
                weak = rule.context and not rule.context.search(clause)
                return rule.indicator, SCORE_BY_PLACE["context" if weak else place]
    return None, None
