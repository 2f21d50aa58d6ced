"""REG rules: regulation-like titles in 《》 and instruments named without marks.

Spans are (start, end, source) offsets into the text given, which is normalised report text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.lexicon import (
    any_of, first_characters,
    GENERIC_INSTRUMENTS, NATIONAL_LAWS, NOT_LAW_ENDINGS, NOT_REG_TITLE_ENDINGS, REG_HEADS, REG_TITLE_HEADS,
)

_HEADS = any_of(REG_HEADS)
# What may trail a title's head word: a year or year range, a bracketed note (试行, 草案, 2021-2025年).
_TRAILER_PART = r"（[^（）]{1,15}）|\d{4}(?:-+\d{4})?年?"
_TRAILER = re.compile(rf"(?:{_TRAILER_PART})*")
_TRAILER_AT_END = re.compile(rf"(?:{_TRAILER_PART})+$")
_TITLE_MAX = 80
_CUT_TITLE_MIN = 2
# Verbs after which an unmarked name is presented as a specific document.
_STRONG_TRIGGERS = ("推动出台", "制定出台", "研究制定", "出台", "制定", "修订", "修改", "起草", "印发", "颁布", "发布",
                    "编制", "审议通过", "纳入", "下发", "公布")
_WEAK_TRIGGERS = ("贯彻落实", "贯彻", "落实", "执行", "实施", "学习", "宣传", "遵守", "依据", "根据", "按照", "对照",
                  "宣讲", "解读", "施行")
# `建立…制度/规则` names a practice; `建立…清单` a document.
_LIST_TRIGGERS = ("建立",)
# A trigger is a verb, not the first half of a head word (`实施方案`, `执行标准`).
_TRIGGER = re.compile(
    any_of(_STRONG_TRIGGERS + _WEAK_TRIGGERS + _LIST_TRIGGERS) + "(?!方案|意见|细则|办法|计划|标准|规范)"
)
# `修改出台`, `制定印发`, `发布实施`; not `贯彻落实`, which begins the title (`制定贯彻落实…实施方案`).
_CHAINED_VERB = re.compile(any_of(_STRONG_TRIGGERS) + "|健全|完善|实施|施行")
# Heads that after a weak trigger still mean a document rather than a practice.
_DOCUMENT_HEADS = ("法典", "条例", "规定", "办法", "细则", "规则", "纲要", "规划", "实施方案", "实施意见", "清单",
                   "行动计划", "行动方案")
# Where an unmarked name ends: punctuation, a list joiner, or the word that governs it.
_END = re.compile(r"[，。；、：！？）》\s“\d]|等|和|及|与|并|精神|要求|有关|相关|中|的?(?:规定|要求|精神)|$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff\d“”（）\-]+")
# A list of subjects sharing one head (`报告抄告、调解和解办法`): one instrument.
_NAME_CHARS_WITH_LIST = re.compile(r"[\u4e00-\u9fff\d“”（）\-、]+")
_HEADLESS_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}、")
# A scope or count before the name is not part of it (`市级374项轻微违法行为不予处罚清单`), nor is the
# end of the verb phrase (`修订后的对外贸易法`).
_LEADING_SCOPE = re.compile(r"(?:了|好|后的|市级|省级|州级|县级|区级|乡镇|乡级|镇级|全国首个|全省首个|全市首个|本级|我市|我省|\d+[项个部件条份]|"
                            r"(?:中央|国家)(?:和|、|及)[省市县区]+)+")
# Instruments named by a kind and a vague qualifier (`具体办法`, `促进依法行政相关制度`, `专门工作方案`).
# Also a body's study plan, and a plan of no named place (`地区发展总体规划`).
_VAGUE_INSTRUMENT = re.compile(r"^(?:具体|配套|相关|有关|专门|专项|若干|各项|各类|地区|本地|当地|本单位|本部门|单位|部门)|"
                               r"(?:相关|有关|配套|具体|专门|专项)(?:工作)?(?:制度|办法|措施|方案|规定|文件|政策|计划)$|"
                               r"学习计划$")
_UNQUOTED_JOINER = re.compile(r"和|及|与|、")
_PER_UNIT = re.compile(r"[\d一二三四五六七八九十百两]+[家个所][\u4e00-\u9fff]{1,6}?的")
_COORDINATION = re.compile(r"、|和|及|以及|与")


def _strip_trailer(title: str) -> str:
    match = _TRAILER_AT_END.search(title)
    return title[: match.start()] if match else title


# Measures titled by their number (`惠企政策20条`, `…督察二十条`).
_NUMBERED_MEASURES = re.compile(r"[\d一二三四五六七八九十百]+条(?:措施|举措)?$")


def _title_core(title: str) -> str:
    return _strip_trailer(re.sub(r"[〈〉<>]", "", title)).strip()


def is_regulation_title(title: str) -> bool:
    """Is the text inside 《》 a law, regulation, rule, normative document, plan or standard? It
    ends in a word that names an instrument (REG heads: `条例`, `方案`; in marks also `名录`,
    `重点任务`, `若干举措`, `风险点`, `基准表`), not in one that makes it a book, study material, report, form,
    agreement or medium; one ending in 法 names a law (not `说法`, `执法`). Articles, books and
    slogans in marks end otherwise (`…探讨`, `习近平谈治国理政`, `法律进村居、进家庭`)."""
    core = _title_core(title)
    if not core or core.endswith(NOT_REG_TITLE_ENDINGS):
        return False
    if core.endswith("法"):
        return not core.endswith(NOT_LAW_ENDINGS) or core in NATIONAL_LAWS
    return core.endswith(REG_HEADS) or core.endswith(REG_TITLE_HEADS) or bool(_NUMBERED_MEASURES.search(core))


def _damaged_title_end(text: str, start: int) -> int | None:
    """A title whose `》` was lost in scraping: end it after its last regulation head word."""
    stop = re.compile(r"[《\n。；，]")
    limit = stop.search(text, start)
    window = text[start:min(limit.start() if limit else len(text), start + _TITLE_MAX)]
    best = None
    for match in re.finditer(rf"(?:{_HEADS})", window):
        trailer = _TRAILER.match(window, match.end())
        best = start + trailer.end()
    return best


def find_titles(text: str) -> list[tuple[int, int, str]]:
    spans = []
    position = 0
    while (open_at := text.find("《", position)) >= 0:
        close_at = None
        for i in range(open_at + 1, min(len(text), open_at + 1 + _TITLE_MAX)):
            char = text[i]
            if char in "\n《":  # a new title opens before this one closed: its 》 was lost
                break
            if char == "》":
                close_at = i
                break
        if close_at is not None:
            if is_regulation_title(text[open_at + 1:close_at]):
                spans.append((open_at + 1, close_at, "reg_title"))
            position = close_at + 1
            continue
        end = _damaged_title_end(text, open_at + 1)
        if end is None and "\n" not in text[open_at:] and len(text) - open_at <= _TITLE_MAX:
            # a title the end of the text cuts off (an excerpt): its head is lost, it runs to the
            # end; a few characters, or none, name nothing
            cut = text[open_at + 1:]
            if len(cut) >= _CUT_TITLE_MIN and not cut.endswith(NOT_REG_TITLE_ENDINGS):
                spans.append((open_at + 1, len(text), "reg_title_recovered"))
            break
        if end and is_regulation_title(text[open_at + 1:end]):
            spans.append((open_at + 1, end, "reg_title_recovered"))
        position = open_at + 1
    return spans


@lru_cache(maxsize=1)
def _law_pattern() -> re.Pattern:
    laws, first = any_of(NATIONAL_LAWS), first_characters([*NATIONAL_LAWS, "中华人民共和国"])
    # `国家宪法日`, `宪法宣传周` are events; `教育法治` is 教育 + 法治; 中华人民共和国 belongs to the name.
    return re.compile(rf"(?={first})(?:(?:中华人民共和国)?(?:{laws})(?!日|周|宣传周|宣传月|宣誓|合个影|[治规律院官学人])"
                      rf"|中华人民共和国[\u4e00-\u9fff]{{2,20}}?法(?![\u4e00-\u9fff]))")


def find_national_laws(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "reg_law") for m in _law_pattern().finditer(text)]


# Five-year plans named by their number: `第十个五年计划`, `八五计划`, `“十三五”规划`, `“八五”普法规划`.
_PLAN_NUMBER = "(?:十[一二三四五]?|[一二三四五六七八九])五"
_FIVE_YEAR_PLAN = re.compile(rf"(?=[第“一二三四五六七八九十])(?:第[一二三四五六七八九十]{{1,3}}个五年(?:计划|规划)(?:纲要)?|"
                             rf"(?:“{_PLAN_NUMBER}”|{_PLAN_NUMBER})(?:普法)?(?:计划|规划)(?:纲要)?)")


def find_five_year_plans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), "reg_plan") for m in _FIVE_YEAR_PLAN.finditer(text)]


def _unmarked_name(text: str, start: int, heads: tuple[str, ...], after_verb: bool,
                   shared_head: bool = False) -> tuple[int, int] | None:
    """The instrument name starting at `start`: letters up to a head word followed by its end;
    with `shared_head`, a list of subjects before one head."""
    while after_verb and (verb := _CHAINED_VERB.match(text, start)):  # 修改出台, 制定印发
        start = verb.end()
    chars = (_NAME_CHARS_WITH_LIST if shared_head else _NAME_CHARS).match(text, start)
    if not chars:
        return None
    for end in range(start + 2, min(chars.end(), start + 40) + 1):
        name = text[start:end]
        if _strip_trailer(name).endswith(heads) and _END.match(text, end):
            lead = _LEADING_SCOPE.match(name)
            name_start = start + (lead.end() if lead else 0)
            if _PER_UNIT.match(text, name_start):
                return None  # `15家单位的“三定”规定`: one document per unit, not a title
            core = _strip_trailer(text[name_start:end])
            if (len(core) >= 4 and core not in GENERIC_INSTRUMENTS and not core.endswith(NOT_LAW_ENDINGS)
                    and not _VAGUE_INSTRUMENT.search(core) and _last_conjunct(core) not in GENERIC_INSTRUMENTS
                    and not re.match(r"[的和及与并]|[一二三两几若][套个项批些条部干]|各[项类级]", core)
                    and not re.search(r"的(?:规划|方案|意见|计划)$", core)):
                return name_start, end
            return None
    return None


def _last_conjunct(name: str) -> str:
    """What follows the last joiner outside quotation marks (`行规行约和团体标准` → `团体标准`)."""
    unquoted = re.sub(r"“[^”]*”", lambda m: "x" * len(m.group()), name)
    joiners = [m.end() for m in _UNQUOTED_JOINER.finditer(unquoted)]
    return name[joiners[-1]:] if joiners else name


def find_unmarked(text: str, after: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names after a trigger verb, and names coordinated with a REG just found (`、`, `和`, `及`)."""
    spans = []
    for match in _TRIGGER.finditer(text):
        verb = match.group()
        if verb == "编制" and text.endswith("机构", 0, match.start()):
            continue  # 机构编制: staffing, a noun
        heads = REG_HEADS if verb in _STRONG_TRIGGERS else ("清单",) if verb in _LIST_TRIGGERS else _DOCUMENT_HEADS
        found = _unmarked_name(text, match.end(), heads, after_verb=True)
        if found:
            spans.append((*found, "reg_unmarked"))
    # Coordination continues a list of instruments, whichever way the first one was found.
    queue = sorted(after + spans)
    while queue:
        _, end, _ = queue.pop(0)
        resume = end + 1 if text[end:end + 1] == "》" else end
        joiner = _COORDINATION.match(text, resume)
        start = joiner.end() if joiner else resume
        if text[start:start + 1] in ("《", "等"):
            continue  # a title of its own; `《…》等政策措施`: the list's class
        found = _unmarked_name(text, start, REG_HEADS, after_verb=False)
        if found is None and _HEADLESS_ITEM.match(text, start):
            found = _unmarked_name(text, start, REG_HEADS, after_verb=False, shared_head=True)
        if found and text[found[0]:found[1]] not in NATIONAL_LAWS and text[found[0] + 2:found[1]] in NATIONAL_LAWS:
            continue  # `忠于宪法、遵守宪法、维护宪法`: a verb and a law, not a title
        if found and (joiner or text[end:end + 1] == "》"):
            span = (*found, "reg_coordinated")
            spans.append(span)
            queue.append(span)
    return spans


def find_regulations(text: str) -> list[tuple[int, int, str]]:
    titles = find_titles(text)
    laws = find_national_laws(text) + find_five_year_plans(text)
    return titles + laws + find_unmarked(text, titles + laws)
