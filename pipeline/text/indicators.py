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
from pipeline.text.metrics import Relation, clause_end, clause_start

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
    context_place: str  # where the context must hold: `clause`, `sentence` or `context` (with the one before)
    # the `not` column by where it looks: "" the clause, unless the metric names the cue; "clause",
    # "context" and "metric" (what the metric counts is some other thing, `立法联系点`) always
    excludes: dict[str, re.Pattern]


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
            place, _, pattern = context.partition(":") if context.startswith(("clause:", "sentence:")) else ("context", "", context)
            rules.append(_Rule(indicator, kind, indicators[indicator], re.compile(cue),
                               re.compile(pattern) if pattern else None, place, _exclusions(exclude)))
    return tuple(rules)


def _exclusions(column: str) -> dict[str, re.Pattern]:
    """The `not` column: space-separated patterns, each bare or prefixed `clause:`, `context:` or
    `metric:`."""
    found = {}
    for spec in column.split():
        place, _, pattern = spec.partition(":") if spec.startswith(("clause:", "context:", "metric:")) else ("", "", spec)
        found[place] = re.compile(pattern)
    return found


@lru_cache(maxsize=16)
def _cached_rules(path: str | None) -> tuple[_Rule, ...]:
    return _rules(load_indicator_list(path))


@lru_cache(maxsize=None)
def _rules_for_unit(path: str | None, unit: str) -> tuple[_Rule, ...]:
    """The rules a figure with this unit may meet: its kind's, and for a count those of its unit."""
    kind = kind_of(unit)
    return tuple(rule for rule in _cached_rules(path) if rule.kind == kind and (kind != "count" or unit in rule.units))


def kind_of(unit: str) -> str:
    if unit in ("%", "‰"):
        return "rate"
    if unit == "元":
        return "money"
    return "duration" if unit in _DURATION_UNITS else "count"


def assign_indicator(metric: str | None, clause: str, context: str, unit: str, indicators: str | None = None,
                     own_clause: str | None = None, sentence: str | None = None) -> tuple[str | None, float | None]:
    """(indicator id, score) of a figure, or (None, None): the first rule whose cue is in the
    figure's metric, else the first whose cue is in its clause (`own_clause`, when given: the
    clause without the other figures' metrics); its kind, unit and context (the figure's sentence
    and the one before; `sentence:` the figure's `sentence`, by default `context`; `clause:` its
    clause) must fit. A rule's `not` rules out a clause that holds it, except where the metric
    itself names the rule's cue (`clause:`, `context:`, `metric:` always). `indicators` is the
    list file (None: the shipped one)."""
    if _HONOURS.search(clause):
        return None, None
    by_place = {"clause": clause, "context": context, "sentence": context if sentence is None else sentence,
                "metric": metric or ""}
    rules = [rule for rule in _rules_for_unit(indicators, unit)
             if not any(pattern.search(by_place[place]) for place, pattern in rule.excludes.items() if place)
             and not (rule.context and not rule.context.search(by_place[rule.context_place]))]
    for place, text in (("metric", metric or ""), ("clause", own_clause if own_clause is not None else clause)):
        for rule in rules:
            if place == "clause" and "" in rule.excludes and rule.excludes[""].search(clause):
                continue
            if rule.cue.search(text):
                weak = rule.context and not rule.context.search(clause)
                return rule.indicator, SCORE_BY_PLACE["context" if weak else place]
    return None, None


def _same_head(text: str, relation: Relation, previous: Relation) -> bool:
    """A metric that is the end of the figure before's, in the same clause: the same thing counted
    again (`国家任务412个、省级任务204个`: metrics `…国家任务` and `任务`)."""
    if not relation.metric or not previous.metric or previous.metric == relation.metric:
        return False
    own, before = text[relation.metric[0]:relation.metric[1]], text[previous.metric[0]:previous.metric[1]]
    return len(own) >= 2 and before.endswith(own) and clause_start(text, previous.quantity.start) == clause_start(
        text, relation.quantity.start)


def sentence_indicators(text: str, context: str, relations: list[Relation],
                        indicators: str | None = None) -> list[tuple[str | None, float | None]]:
    """(indicator, score) of each relation of one sentence, `context` being the sentence and the
    one before. A figure with a metric of its own finds cues in its clause without the other
    figures' metrics: in `提供法律咨询8381件、代拟法律文书566件` the cue `咨询` is the first figure's
    only; what was done stays shared (`废止…规章57部、规范性文件5186件`). A figure whose metric
    says only its scope or repeats the one before (`全国民主法治示范社区1个，市级2个`), or ends the
    one before's metric (`国家任务412个、省级任务204个`), is the figure before's indicator, where the
    kind is the same."""
    found = []
    for index, relation in enumerate(relations):
        quantity = relation.quantity
        previous = relations[index - 1] if index else None
        if (previous and found[-1][0] and kind_of(previous.quantity.unit) == kind_of(quantity.unit)
                and (relation.elliptical or _same_head(text, relation, previous))):
            found.append(found[-1])
            continue
        start, end = clause_start(text, quantity.start), clause_end(text, quantity.end)
        own_clause = list(text[start:end])
        for other in relations if relation.metric else ():
            if other.metric and other.metric != relation.metric:
                for i in range(max(other.metric[0], start), min(other.metric[1], end)):
                    own_clause[i - start] = "□"
        metric = text[relation.metric[0]:relation.metric[1]] if relation.metric else None
        indicator = assign_indicator(metric, text[start:end], context, quantity.unit, indicators, "".join(own_clause), text)
        if indicator[0] is None and start > 0 and _is_audience(text, start, quantity):
            before = clause_start(text, start - 1)  # `开展法治培训，覆盖镇村干部200余人`: the audience of what the clause before did
            indicator = assign_indicator(metric, text[before:end], context, quantity.unit, indicators, sentence=text)
        found.append(indicator)
    return found


# A count of people whose clause says they were reached (`覆盖师生13万人次`, `累计290余人次参加`,
# `举办法治培训10期，培训1170余人次`).
_PEOPLE = frozenset({"人", "人次", "名"})
_REACHED_BEFORE = re.compile(r"(?:累计|共|合计)?(?:覆盖|惠及|受众|受益|吸引|参与|参加|参训|培训|轮训)")
_REACHED_AFTER = re.compile(r"(?:参加|参与|参训|受益|受教育)")


def _is_audience(text: str, clause_start_at: int, quantity) -> bool:
    return quantity.unit in _PEOPLE and bool(_REACHED_BEFORE.match(text, clause_start_at) or _REACHED_AFTER.match(text, quantity.end))
