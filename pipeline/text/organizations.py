"""ORG rules: a grammar of Chinese institution names, not a list of them.

    ORG = [administrative prefix] [core] head

- the prefix is a chain of real place names (lexicon: pipeline.text.places) with their level
  (`四川省德阳市`), a new area (`两江新区`), or an abbreviation (`省`, `市`, `县`, `区`, `中央`);
- the head is an institution word (`司法局`, `人民法院`, `委员会`, `中心`, `律师事务所`, `党委` …);
- the core is what lies between them, found by scanning left from the head until punctuation, a
  number, or a word that cannot be part of a name (a verb or function word).

Exclusions (GUIDELINES § ORG): classes and plurals (`各级…`, `13家…`, bare `司法所`), self
references (`我局`, `厅`), and heads that are only parts of ordinary words (`大局`, `办理`).
"""
from __future__ import annotations

import re

from pipeline.text.lexicon import any_of, head_context, words
from pipeline.text.places import place_at, place_chain_end

# Heads that name an institution only with a prefix or a core (`市司法局`, `行政审批科`).
INSTITUTION_HEADS = words("institution_heads")
# Heads that need an administrative prefix: without one they are a class or a self reference.
_NEEDS_PREFIX = {"人民政府", "政府", "人民法院", "法院", "高院", "中院", "人民检察院", "检察院", "人大", "政协",
                 "常委会", "人大常委会", "纪委", "监委", "政法委", "办", "部", "处", "署", "委", "党校", "图书馆", "医院",
                 "街道办事处", "办事处", "指导组"}
# Characters after a head that start another word (`办理`, `中心工作`), and before it that end one
# (`格局`, `以人民为中心`).
_HEAD_CONTINUES, _NOT_HEAD_AFTER = head_context()
# `旗`: a banner, Inner Mongolia's county (`旗委`, `旗政府`).
_ABBREVIATIONS = ("中共", "自治区", "高新区", "开发区", "经开区", "新区", "省", "市", "县", "区", "州", "旗", "镇", "乡", "中央", "国家",
                  "最高")
# Words that end a name when scanning left: verbs, prepositions and function words.
STOP_WORDS = words("org_stop_words")
# Words that hold a one-character stop word but belong inside a name (`投诉受理中心`, `协同创新区`).
_BOUND_WORDS = frozenset(words("org_bound_words"))
# Before a name, these make it a class or a self reference (`各级人民法院`, `我局`, `13家仲裁委`).
_CLASS_BEFORE = re.compile(r"(各级|各|全市|全省|全区|全县|全国|本|我|该|此|其|有关|相关|其他|所有|多家|各类|部分|"
                           r"(?<!第)[\d一二三四五六七八九十百千两几]+[家个所名项批户])$")
# Places counted in the clause set up a kind of body, not one (`5个市、32个县组建行政审批局`).
_COUNTED_SETTING_UP = re.compile(r"[\d一二三四五六七八九十百两]+[个家所][^，。；]*(?:组建|设立|成立|建立|建成)[^，。；]*$")
# A self reference before a name is not part of it (`我街道法律顾问团`, `本区公平竞争委员会`).
_SELF_PREFIX = re.compile(r"(?:我|本)(?:局|厅|委|部|院|办|街道|区|市|县|省|镇|乡)?")
# Before an abbreviated prefix, these make the name a class (`各市政府`, `全市政府法制干部`, `市县政府`,
# `各设区市政府`).
_CLASS_BEFORE_ABBREVIATION = re.compile(r"(?:各|全|地|部分|设区的?|[省市县区州])$")
# A body named by its level word alone that stands for the issuer, with its party group
# (`局党组`, `委党组`, `厅党组理论学习中心组`).
_OWN_PARTY_BODY = re.compile(r"[局厅委部院办](?:党组|党委)")
# A body's study group is named with the body (`区委中心组`, `局党组理论学习中心组`).
_STUDY_GROUP = re.compile(r"(?:理论学习|理论)?中心组")
# Words that may follow a head and end the name (`市局部署`, not `局部`).
_AFTER_HEAD = re.compile(r"部署")
_MAX_NAME = 30
# An area's other name in brackets right before the head (`高新区（新市区）人民政府`).
_OTHER_NAME_BEFORE = re.compile(r"(?<=[区县市])（[\u4e00-\u9fff]{1,6}?[区县市镇乡]）$")
# A level's task force named for what it advances starts at the level (`县推进依法行政工作领导小组`,
# `市推进法治政府建设工作领导小组办公室`), but not after a class word (`全市推进`).
_LEVEL_TASK_FORCE = re.compile(r"[^全各]?[省市县区州]推进")
# Words no name holds: pronouns, modals, adverbs, negation (`我们必须学会`, `也不允许任何人强制银行`).
_NOT_IN_NAME = re.compile(r"我们|你们|他们|这个|那个|这些|那些|任何|必须|不|也|就|都|要|应|能|可以|会|还|更|很|最|所有|一切|"
                          r"采取|实行|允许|扭住|坚决|牢牢|扩大|相处")
# One-character heads that need a core of two characters even after a place (`友好` + `相处`).
_SHORT_HEADS = {"处", "科", "署", "部", "办"}


_HEADS_LONGEST_FIRST = sorted(INSTITUTION_HEADS, key=len, reverse=True)
_HEAD = re.compile(any_of(INSTITUTION_HEADS))
# Abbreviations, and areas not in the lexicon (`两江新区`), count only where the name starts.
# The committee for law-based governance of a level, and its office, are named by the level
# (`全面依法治县委员会`, `依法治市办`).
_GOVERNANCE_OF_LEVEL = re.compile(r"(?:全面)?依法治[省市县区州盟旗镇乡]")
_ABBREVIATION = re.compile(rf"[\u4e00-\u9fff]{{2}}(?:新区|开发区|高新区)|{_GOVERNANCE_OF_LEVEL.pattern}|" + "|".join(_ABBREVIATIONS))
_ABBREVIATION_END = re.compile(r"(?:中央|省|市|县|区)$")
_STOP = re.compile(any_of(STOP_WORDS))
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff“”]")
# A core that makes the name a class: levels (`三级`), counts (`四个`), kinds (`大中型`, `港澳台`,
# `政策性`, `世界一流`).
_CLASS_CORE = re.compile(r"^[省市县区州]{2,}$|[一二三四五六七八九十百两\d]+[级个家所名项批类]|^[个家所名项批类]|^(县级|市级|乡级|省级|镇级|村级|区级|基层|乡镇|各|全(?!面)|相关|有关|其他|部分)|"
                         r"(型|类|性|港澳台|内地|外资|涉外|品牌)$|一流")
# A school is one school by its proper name (`尹家湖中学`, `第二实验中学`), a kind of school by a kind
# word (`普通中学`, `农村中小学`, `职业中学`).
_SCHOOLS = {"中学", "小学"}
_SCHOOL_KIND = re.compile(r"(?:普通|农业|工农|职业|初级|高级|完全|农村|乡村|城市|城镇|社办|民办|公办|重点|速成|寄宿制|九年制|"
                          r"特殊教育|中等|全日制|当前|大量|现有|所有)$")
# With an abbreviated prefix and no core, only these heads name one body (`市局`, `省厅`, `市委`).
_BARE_AFTER_ABBREVIATION = {"局", "厅", "委", "政府", "人民政府", "人大", "政协", "法院", "人民法院", "检察院",
                            "人民检察院", "高院", "中院", "纪委", "监委", "政法委", "常委会", "人大常委会", "司法局", "妇联", "残联",
                            "侨联", "文联", "科协", "工商联", "总工会", "团委", "执法队",
                            "司法厅", "党委", "法学会", "律师协会", "编办", "法制办", "政务办", "信访办", "网信办",
                            "金融办", "外办", "党校", "社科院", "社会科学院", "科学院", "高级人民法院", "中级人民法院"}
# Heads that are a full name on their own (`通过司法厅门户网站`).
_SELF_NAMING = {"司法厅", "司法局", "党工委", "管委会"}
_HONOUR_AFTER = re.compile(r"创建|建设|品牌|称号|荣誉|示范|试点|评选")
# After a name without a prefix, these make it a class: one example of a list (`研发中心等`), or a
# kind of body being built up (`研发中心建设`, `公共法律服务中心（工作站）标准化`, `…委员会实体化运行`).
_CLASS_AFTER = re.compile(r"(?:（[^）]{1,6}）)?(?:等(?![\d一二三四五六七八九十])|建设|标准化|规范化|实体化)|"
                          r"[\d一二三四五六七八九十百千两]+[个家所](?![\u4e00-\u9fff]{0,3}(?:中|里))")
# A name ends where another body's level word follows it (`市委市政府`, `州纪委州监委`).
_LEVEL_CHARS = "省市县区州旗乡镇"
# A count ends a name from the left (`159个公共法律服务中心`, `第二家`), as does a year (`2022年管委会`).
_COUNTED = re.compile(r"[\d一二三四五六七八九十百千两几][个家项名件批所户轮次场届期位人]")
# Before a quoted name, words that make it an honour or a brand (`申报第三批全国“智慧矫正中心”`).
_HONOUR_BEFORE = re.compile(r"(申报|获评|评为|创建|命名|第[一二三四五六七八九十\d]+批|全国|省级|市级|示范)[^，。；]{0,6}$")


_BOUND_LENGTHS = sorted({len(word) for word in _BOUND_WORDS})


def _inside_bound_word(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a longer word that may sit inside a name (`受理`, `监督管理`)?"""
    for length in _BOUND_LENGTHS:
        for i in range(max(0, end - length), start + 1):
            if (i < start or i + length > end) and text[i:i + length] in _BOUND_WORDS:
                return True
    return False


_INNER_JOINERS = "和与"


def _joins_inside_name(text: str, joiner: int, head_start: int) -> bool:
    """Does the 和/与 at `joiner` join two fields inside one name (`林业和草原局`,
    `人力资源和社会保障局`, `政策法规与医政医管股`) rather than two bodies (`市委和市政府`)?"""
    after = text[joiner + 1:head_start]
    return (len(after) >= 2 and not _ABBREVIATION.match(after) and not place_at(after, 0)
            and _NAME_CHAR.match(text[joiner - 1:joiner] or " ") is not None and not ends_at_head(text, joiner))


def _scan_left(text: str, head_start: int) -> int:
    """Where the name ending at this head can begin: after the nearest stop word or punctuation."""
    start = head_start
    lower = max(0, head_start - _MAX_NAME)
    if (other := _OTHER_NAME_BEFORE.search(text, max(0, head_start - 10), head_start)) and other.start() > lower:
        start = other.start()  # `高新区（新市区）人民政府`: an area named by both its names
    while start > lower and _NAME_CHAR.match(text[start - 1]):
        if start < head_start and text[start] in _LEVEL_CHARS and ends_at_head(text, start):
            return start
        if _COUNTED.fullmatch(text, max(0, start - 2), start) or text[start - 1] == "年":
            return start
        for size in (3, 2, 1):
            if start - size >= lower and _STOP.fullmatch(text, start - size, start):
                if _inside_bound_word(text, start - size, start):
                    continue
                if start == head_start and _ABBREVIATION_END.search(text, max(0, start - size - 2), start - size):
                    continue  # `中央督察办`: the verb is the core of an abbreviated office
                place = place_at(text, start - size, full_only=True)
                joins_bodies = text[start - size] in _INNER_JOINERS and ends_at_head(text, start - size)
                if place and start - size + len(place) > start and not joins_bodies:
                    continue  # `和平县人民政府`: the place name holds the stop word; not `民政局和县委`
                if size == 2 and _STOP.fullmatch(text, start - 3, start - 1):
                    return start - 1  # `组建立法专班`: 组建 + 立法, not 组 + 建立
                if text[start - 1] in _INNER_JOINERS and _joins_inside_name(text, start - 1, head_start):
                    continue
                if _LEVEL_TASK_FORCE.fullmatch(text, max(0, start - size - 2), start):
                    return start - size - 1  # `县推进依法行政工作领导小组`: a level's body for what it advances
                return start
        start -= 1
    return start


def _prefix_start(text: str, start: int, head_start: int, learned: re.Pattern | None) -> tuple[int, bool] | None:
    """The leftmost place name in [start, head_start), or an abbreviation right at `start`;
    with whether it is an abbreviation."""
    abbreviation = _ABBREVIATION.match(text, start, head_start + 1)
    if abbreviation and abbreviation.end() <= head_start and not place_at(text, start):
        return start, True  # `省公安厅`: not the county 公安
    for position in range(start, head_start):
        if place_chain_end(text, position, head_start + 1) is not None or (learned and learned.match(text, position, head_start)):
            return position, False
    if abbreviation:
        return start, True
    # an abbreviation right before the head is one even after an unknown verb (`联合省高院`)
    return (head_start - 1, True) if head_start > start and text[head_start - 1] in "省市县区" else None


def _prefix_end(text: str, start: int, head_start: int) -> int:
    """Where the prefix starting at `start` ends (the core begins)."""
    if (end := place_chain_end(text, start, head_start)) is not None:
        return end
    match = _ABBREVIATION.match(text, start, head_start)
    return match.end() if match else start


def _is_head_of_word(text: str, head: str, start: int, end: int) -> bool:
    after = text[end:end + 1]
    before = text[start - 1:start] if start else ""
    if text[end:end + 2] == "法治" or _AFTER_HEAD.match(text, end):  # 依法治市办 + 法治…, not 办法
        return False
    return bool(after and after in _HEAD_CONTINUES.get(head, "")) or bool(before and before in _NOT_HEAD_AFTER.get(head, ""))


def holds_count(text: str) -> bool:
    """A count (`八个`, `3家`) is never inside a name: the grammar's scan stops at one."""
    return _COUNTED.search(text) is not None


def ends_at_head(text: str, end: int) -> bool:
    """Does `text[:end]` end with an institution head that is one in its context, not part of a
    longer word (`中心工作`, `格局`)?"""
    head = next((h for h in _HEADS_LONGEST_FIRST if text.endswith(h, 0, end)), None)
    return head is not None and not _is_head_of_word(text, head, end - len(head), end)


def find_organizations(text: str, known: list[tuple[int, int, str]] = (),
                       places: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """ORG spans by the grammar; `known` are spans found before (a coordinated list continues them);
    `places`, place names the document's own text taught (`places.learned_places`)."""
    spans = list(known)
    learned = re.compile(any_of(places)) if places else None
    for head in _HEAD.finditer(text):
        head_text, head_start, head_end = head.group(), head.start(), head.end()
        if _is_head_of_word(text, head_text, head_start, head_end):
            continue
        scan_start = _scan_left(text, head_start)
        if text[scan_start:scan_start + 1] == "原" and (_ABBREVIATION.match(text, scan_start + 1)
                                                        or place_at(text, scan_start + 1)):
            scan_start += 1  # a former name: `原市法制办`
        prefix = _prefix_start(text, scan_start, head_start, learned)
        start = prefix[0] if prefix else scan_start
        self_referenced = False
        if not prefix and (self_reference := _SELF_PREFIX.match(text, start - (text[start - 1:start] in "我本"), head_start)):
            start, self_referenced = self_reference.end(), True
        end = head_end
        if head_text in ("党组", "党委", "委") and (group := _STUDY_GROUP.match(text, head_end)):
            end = group.end()
        if (not prefix and _OWN_PARTY_BODY.fullmatch(text, start, head_end) and text[start - 1:start] != "）"
                and not _CLASS_BEFORE.search(text, max(0, start - 4), start)):
            spans.append((start, end, "org_grammar"))
            continue
        if text[start:start + 1] == "“" and "”" not in text[start:head_start]:
            start += 1
        core = text[start:head_start]
        quoted = text[start - 1:start] == "“" and text[head_end:head_end + 1] == "”"
        if quoted and not prefix and (_HONOUR_BEFORE.search(text[max(0, start - 12):start - 1])
                                      or _HONOUR_AFTER.match(text, head_end + 1)):
            continue
        if head_text in _SCHOOLS and _SCHOOL_KIND.search(core):
            continue
        if _CLASS_CORE.search(core) or (_CLASS_BEFORE.search(text[max(0, start - 4):start]) and not prefix
                                        and not self_referenced):
            continue
        if prefix:
            _, abbreviated = prefix
            bare = head_start - start <= 3 and _ABBREVIATION.fullmatch(text, start, head_start)
            if abbreviated and bare and head_text not in _BARE_AFTER_ABBREVIATION:
                continue
            if abbreviated and _CLASS_BEFORE_ABBREVIATION.search(text, max(0, start - 3), start):
                continue
            if head_text in ("政府", "人民政府", "管委会") and ends_at_head(text, head_start):
                continue  # `乡党委政府`, `高新区党委管委会`: a bare 政府 or 管委会 sharing the prefix
            if (head_text in _SHORT_HEADS and len(text[_prefix_end(text, start, head_start):head_start]) < 2
                    and not _GOVERNANCE_OF_LEVEL.match(text, start)):
                continue
        else:
            if (_NOT_IN_NAME.search(core) or _CLASS_AFTER.match(text, head_end)
                    or _COUNTED_SETTING_UP.search(text, max(0, start - 40), start)):
                continue
            coordinated = text[start - 1:start] == "、" and any(s[1] == start - 1 for s in spans)
            if head_text in _NEEDS_PREFIX and not coordinated:
                continue
            if len(core) < 2 and (head_text not in _SELF_NAMING or text[start - 1:start] == "（"):
                continue  # `15个区（管委会）`: a kind of body, in brackets after a level
        # Without a place or an abbreviation the name's start is a guess: a weaker source.
        spans.append((start, end, "org_grammar" if prefix else "org_grammar_unprefixed"))
    return _coordinated_centre(text, spans)[len(known):]


# Bare 中央 coordinated with an organisation (`传达学习中央、市委精神`) is one; in a list of levels
# (`中央和省市决策部署`, `中央、省、州和县`) it is not.
_CENTRE = re.compile(r"中央(?=[、和])")


def _coordinated_centre(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    starts = {start for start, _, _ in spans}
    found = [(m.start(), m.end(), "org_grammar") for m in _CENTRE.finditer(text)
             if m.end() + 1 in starts and not any(s <= m.start() < e for s, e, _ in spans)
             and (not _NAME_CHAR.match(text[m.start() - 1:m.start()] or " ") or text.endswith(STOP_WORDS, 0, m.start()))]
    return spans + found
