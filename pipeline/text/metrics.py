"""Metric, subject and year of each quantity, from the clause it sits in.

No parser is available offline, so the rules use punctuation and closed word lists:

- a clause runs between `，。；：！？`; a quantity's metric is looked for between the clause start
  (or the previous quantity in it) and the number: `受理行政复议申请893件`, `受理79件，已办结82件`;
- from that stretch go, in order: list joiners (`、`, `其中`), the scope or actor (`全市`, `市本级`,
  an ORG at its start: the subject), time words (`2022年`, `今年以来`), and linking verbs at its end
  (`达`, `为`, `共`, `累计`);
- what is left is the metric; but a count with a classifier followed by its noun (`规范94项办事要素`,
  `3个地区获评全国法治政府建设示范市`) counts what follows it, as does a number with nothing (or only
  a verb like `组织`) before it; a figure right after another in its clause with nothing of its own
  (`分别压减51%、72%`, `从50元提高到84元`) shares the previous one's metric.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.text.lexicon import any_of, words
from pipeline.text.quantities import Quantity

CLAUSE_END = "，。；：！？"
SCOPE_WORDS = words("scope_words")
_JOINERS = re.compile(r"(?:[、，\s]|其中|和|及|以及|并|同时|另外|此外|还|也)+")
_SCOPE = re.compile("(?:" + "|".join(SCOPE_WORDS) + ")")
_TIME = re.compile(r"(?:(?:19|20)\d{2}年(?:度)?(?:以来|底|末)?|年底|年末|年初|今年以来|今年|全年|年内|当年|上半年|下半年|目前|截至目前|"
                   r"近年来|以来|期间|年初以来|一年来|近?[一二三四五六七八九十两\d]+年(?:来|以来|间)?)")
_ADVERBS = re.compile(r"(?:共计|共|累计|合计|总计|先后|已经|已|均|分别|再|又|全部)")
_LINKING_END = re.compile(r"(?:将|从|由|达到|达|为|共计|共|累计|合计|总计|是|有|分别|均|已|增至|增加到|提高到|提升至|提升到|"
                          r"(?:保持|稳定|控制|维持)在|翻了|翻|(?:减少|下降|降低|压减|压缩|缩短|增长|上升|扩大)(?:到|至)|降至|"
                          r"至|同比|比上年|占|约|总数|数量)$")
_YEAR = re.compile(r"(?<![\d\-])((?:19|20)\d{2})年(?![\-至]\d)")
# A stretch this short before the number is a verb (`组织`, `对`), not what is counted.
_VERB_ONLY = 2
# A stretch of verbs alone before a number of times (`组织开展2次…学法活动`, `每年组织两次…检查`).
_VERBS_BEFORE_COUNT = re.compile(r"(?:每年|每季度|每月|先后|共|累计|组织|开展|召开|举办|举行|进行|安排|" + "|".join(SCOPE_WORDS) + ")+")
# A stretch ending in a verb of holding: what follows the count is what was held.
_HOLDING_VERB_END = re.compile(r"(?:召开|举办|举行|开展|组织|开设|组建|开办)$")
# After a count, a verb begins the rest of the clause: the count is of the noun before it.
_CLAUSE_VERB = re.compile(any_of(words("clause_verbs")))
# Rates, whose metric may follow the number (`100%网上可办`).
_RATE_UNITS = {"%", "‰"}
_RATE_PREDICATE = 4
# `高新技术企业、科技中小企业分别发展到410家和562家`: each figure belongs to one of the listed nouns.
_RESPECTIVELY = "分别"
_LIST_SPLIT = re.compile(r"、|和|及|与")
# Units that measure (times, money, rates, durations) rather than count a noun that follows.
MEASURE_UNITS = {"次", "人次", "件次", "项次", "户次", "场次", "批次", "%", "‰", "元", "美元", "欧元", "港元", "倍",
                 "个百分点", "百分点", "小时", "分钟", "天", "周", "个月", "个工作日", "工作日", "课时", "学时", "",
                 "吨", "亩", "公顷", "平方米", "平方公里", "立方米", "公里", "千米", "米", "岁", "斤", "公斤", "千克",
                 "千瓦", "千瓦时", "人公里", "吨公里"}
_AFTER_END = "，。；：！？、"
# Between a count and its noun: `的`, or a bracketed alternative unit (`356件（条）`).
_BEFORE_COUNTED = re.compile(r"的|（[^（）]{1,4}）")


@dataclass(frozen=True)
class Relation:
    quantity: Quantity
    metric: tuple[int, int] | None
    subject: tuple[int, int] | None
    year: int | None
    # the metric says only the scope or repeats the figure before's (`，市级2个`, `分别压减51%、72%`)
    elliptical: bool = False


def clause_start(text: str, position: int) -> int:
    return max((text.rfind(mark, 0, position) for mark in CLAUSE_END), default=-1) + 1


def clause_end(text: str, position: int) -> int:
    ends = [i for i in (text.find(mark, position) for mark in CLAUSE_END) if i >= 0]
    return min(ends) if ends else len(text)


def _strip(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    while start < end and (match := pattern.match(text, start, end)) and match.end() > start:
        start = match.end()
    return start


def _subject_at(text: str, start: int, end: int, entities: list[tuple[int, int]]) -> tuple[int, int] | None:
    for ent_start, ent_end in entities:
        if ent_start == start and ent_end <= end:
            return ent_start, ent_end
    match = _SCOPE.match(text, start, end)
    return (start, match.end()) if match else None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and ((match := _LINKING_END.search(text, start, end)) or text[end - 1].isspace()):
        end = match.start() if match else end - 1
    return end


def link(text: str, quantities: list[Quantity], orgs: list[tuple[int, int]], default_year: int | None) -> list[Relation]:
    """Relations for the quantities of one sentence; `orgs` are its ORG spans (subject candidates)."""
    relations = []
    for index, quantity in enumerate(quantities):
        begin = clause_start(text, quantity.start)
        previous_end = quantities[index - 1].end if index and quantities[index - 1].end > begin else begin
        start = stretch_start = _strip(_JOINERS, text, previous_end, quantity.start)
        subject = None
        while True:  # scope, actor, time and adverbs can come in any order
            moved = start
            if found := _subject_at(text, start, quantity.start, orgs):
                # adjacent scope and actor make one subject (`全市` + `各级人民调解组织`)
                subject = (subject[0], found[1]) if subject and subject[1] == found[0] else found
                start = found[1]
            start = _strip(_TIME, text, start, quantity.start)
            start = _strip(_ADVERBS, text, start, quantity.start)
            start = _strip(_JOINERS, text, start, quantity.start)
            if start == moved:
                break
        if subject is None:
            subject = _subject_at(text, begin, quantity.start, orgs)
        end = _trim_end(text, start, quantity.start)
        before = (start, end) if end > start else None
        follows = _following(text, quantity, quantities[index + 1] if index + 1 < len(quantities) else None)
        metric = follows if follows and _counts_what_follows(text, quantity, before, relations[-1].metric if index else None) else before
        elliptical = metric is None and index > 0
        if metric is None and (end := _trim_end(text, stretch_start, quantity.start)) > stretch_start:
            metric = (stretch_start, end)  # elliptical: the clause says only its scope (`，市级2个`)
        if metric is None and index and previous_end > begin:
            # a second figure of the same thing: `分别压减51%、72%`, `从50元提高到84元`
            metric = relations[-1].metric
        relations.append(Relation(quantity, metric, subject, _year(text, begin, quantity, default_year), elliptical))
    return _distribute_respectively(text, relations)


def _distribute_respectively(text: str, relations: list[Relation]) -> list[Relation]:
    """In `A、B分别…N1和N2`, N1 measures A and N2 measures B."""
    by_clause: dict[int, list[int]] = {}
    for index, relation in enumerate(relations):
        by_clause.setdefault(clause_start(text, relation.quantity.start), []).append(index)
    for begin, indexes in by_clause.items():
        marker = text.find(_RESPECTIVELY, begin, relations[indexes[0]].quantity.start)
        if marker < 0 or len(indexes) < 2:
            continue
        items, position = [], begin
        for joiner in [*_LIST_SPLIT.finditer(text, begin, marker), None]:
            end = joiner.start() if joiner else marker
            if end > position:
                items.append((position, end))
            position = joiner.end() if joiner else marker
        # a last item longer than the first holds a noun they share (`社会投资项目、政府投资项目审批主流程`)
        if len(items) == len(indexes) and items[-1][1] - items[-1][0] <= items[0][1] - items[0][0] + 1:
            for index, item in zip(indexes, items):
                relations[index] = replace(relations[index], metric=item)
    return relations


def _counts_what_follows(text: str, quantity: Quantity, before: tuple[int, int] | None,
                         previous_metric: tuple[int, int] | None) -> bool:
    """Does the number count what follows it rather than what precedes it?"""
    if before is None or before[1] - before[0] <= _VERB_ONLY:
        return True
    if _VERBS_BEFORE_COUNT.fullmatch(text, *before) or (previous_metric and previous_metric[0] == before[0]):
        return True  # verbs and scope only (`组织全市1.19万人参加…`), or the previous figure's noun
    if quantity.unit in _RATE_UNITS:
        # `事项100%网上可办`; a short complement (`100%全覆盖`) says something of the noun before
        follows = _following(text, quantity, None)
        return bool(follows) and follows[1] - follows[0] >= _RATE_PREDICATE and not text.startswith("的", quantity.end)
    if _HOLDING_VERB_END.search(text, *before):
        return True  # verb + number + classifier + noun: `领导小组召开两次会议`
    if quantity.unit in MEASURE_UNITS:
        return False
    # `居民30余人通过视频会议…`, `数量由46条减少到16条`: the noun before is counted
    return not _CLAUSE_VERB.match(text, quantity.end)


def _following(text: str, quantity: Quantity, next_quantity: Quantity | None) -> tuple[int, int] | None:
    """What a number-first quantity counts: from its unit to the clause end, a list comma or the
    next number; a bracketed alternative unit (`356件（条）`) is skipped."""
    end = _list_end(text, quantity.end)
    if next_quantity is not None and next_quantity.start < end:
        end = next_quantity.start
    start = _strip(_BEFORE_COUNTED, text, quantity.end, end)
    if text.startswith("（", start):
        return None  # a bracketed note (`15项（其中2项为子项）`), not what is counted
    end = _trim_end(text, start, end)
    return (start, end) if end > start else None


def _list_end(text: str, start: int) -> int:
    """The first clause or list boundary at or after `start` that is not inside brackets."""
    depth = 0
    for i in range(start, len(text)):
        char = text[i]
        depth += char == "（"
        depth -= char == "）" and depth > 0
        if depth == 0 and char in _AFTER_END:
            return i
    return len(text)


def _year(text: str, begin: int, quantity: Quantity, default_year: int | None) -> int | None:
    clause = text[begin:clause_end(text, quantity.end)]
    for scope in (clause, text):
        if match := _YEAR.search(scope):
            return int(match.group(1))
    return default_year
