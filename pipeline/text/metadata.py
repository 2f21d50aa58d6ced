"""Document metadata read off the normalised text: title, issuer, reported year, publication date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator

from pipeline.text.lines import stripped_lines
from pipeline.text.lexicon import department_names
from pipeline.text.places import (
    LEVELS, OPENING_CHARS, TOWNSHIP_BY_FORM, find_places, full_name, learned_places, level_of, named_places,
    parents, place_at, place_chain_end, place_chain_ends, place_is_ambiguous, place_of_level, place_starts,
    places_at, places_by_level,
)

_TITLE_WORDS = re.compile(r"(报告|情况|总结|工作要点|年报)")
_TITLE_TOPIC = re.compile(r"法治|依法行政|法制")
_SENTENCE_END = re.compile(r"[。！？；]$")
_SENTENCE_PUNCTUATION = re.compile(r"[。，！？；]|[：:]$")
# A site's label before a title (`[权威发布]`, `【专题】`).
_TITLE_LABEL = re.compile(r"^(?:\[[^\]]{1,8}\]|【[^】]{1,8}】)\s*")
_ENUMERATION = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、])")
_ISSUER_HEAD = r"(司法厅|司法局|人民政府|政府|委员会|办公室|办事处|人民法院|人民检察院|检察院|法院|厅|局|委|办)"
_YEAR = r"((?:19|20)\d\d)"
_DATE = re.compile(_YEAR + r"\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_PLAN_HEADING = re.compile(r"[一二三四五六七八九十]+、.*(下一步|思路|打算|计划|安排|努力方向)")
_STANDALONE_YEAR = re.compile(r"(?<![\d\-])" + _YEAR + r"年(?!\d)(?![-至]\d)")
# A report's body opens with the year it reports on and who reports (`2023年，XX局…`).
_OPENING_YEAR = re.compile(_YEAR + r"年(?:度)?(?:以来|来)?\s*[，,]")
_OPENING = re.compile(r"^(?:(?:19|20)\d\d年(?:度)?(?:以来|来)?|今年以来|近年来|一年来)\s*[，,]?\s*(?:在[^，,。]{2,60}?下\s*[，,]\s*)?")
# Place names are found by `places.places_at`, and only what must follow them by the patterns below.
# A place, then up to 8 characters and an issuer's head: an organisation that may report; not a
# class of them (`全州各级党委`).
_ORG_AFTER_PLACE = re.compile(rf"(?:(?!各)[\u4e00-\u9fff]){{0,8}}?{_ISSUER_HEAD}")
# A development zone named as such (`天津滨海高新区`): no place of the lexicon, its 管委会 reports.
_ZONE = re.compile(r"(?:高新区|开发区|经开区|高新技术产业开发区|经济技术开发区|产业园区)$")
_REPORT_OF = re.compile(rf"现将([\u4e00-\u9fff]{{1,20}}?{_ISSUER_HEAD})(?:{_YEAR}年度?)?(?:法治政府建设|依法行政)[^。]{{0,12}}报告如下")
_SUBJECT = re.compile(rf"(?:我(?P<self>[省市区县局厅委])|(?P<name>[\u4e00-\u9fff]{{0,16}}?{_ISSUER_HEAD}))(?![\u4e00-\u9fff]{{0,1}}[：:])")
# A name opening with a place by its form: two to four characters and a level word.
_PLACE_BY_FORM = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治州|州|市|县|区|盟|旗|乡|镇)")
# A place whose rule-of-law government the opening is about: its government reports.
_PLACE_THEN_TOPIC = re.compile(rf"({_PLACE_BY_FORM.pattern})(?:法治政府建设|依法行政)")
# `省政府、市委、市人大：` at the top of a report: organisations, never the issuer.
_ADDRESSEE = re.compile(r"^[^。；]{1,40}[：:]\s*$")
# A place and at most three characters at the end of a stretch; before a level word (`重庆两江新区`).
_NEAR_END = re.compile(r"[\u4e00-\u9fff]{0,3}?$")
_BEFORE_LEVEL = {level: re.compile(rf"[\u4e00-\u9fff]{{0,3}}?{level}") for level in ("新区", "市", "县", "区")}


@dataclass(frozen=True)
class Metadata:
    title: str | None
    issuer: str | None
    year: int | None
    published: str | None
    # The places the report's opening names (`places.named_places`): what its abbreviations stand for.
    named_places: Counter[str] = field(default_factory=Counter)


def _place_chain(text: str, position: int = 0) -> str | None:
    """The chain of places at `position`, as a greedy pattern matches it, or None."""
    end = place_chain_end(text, position)
    return text[position:end] if end is not None else None


def _places_then(text: str, following: re.Pattern) -> Iterator[tuple[int, int]]:
    """(start, end) of each place followed by `following`, as `finditer` of the composed pattern
    finds them: leftmost, the longest place first, none overlapping."""
    resume = 0
    for start in place_starts(text):
        if start < resume:
            continue
        for name in places_at(text, start):
            if match := following.match(text, start + len(name)):
                yield start, match.end()
                resume = match.end()
                break


def _lines(text: str, skip_starts: set[int]) -> list[str]:
    return [text[start:end] for start, end in stripped_lines(text) if start not in skip_starts]


def is_report_title(line: str) -> bool:
    """Whether a line reads as the title of a report, on any topic."""
    return (len(line) <= 80 and not _SENTENCE_PUNCTUATION.search(line) and not _ADDRESSEE.search(line)
            and not _ENUMERATION.match(line) and bool(_TITLE_WORDS.search(line)))


def is_title(line: str) -> bool:
    """Whether a line reads as the title of a report on law-based government."""
    return is_report_title(line) and bool(_TITLE_TOPIC.search(line))


def find_title(lines: list[str]) -> str | None:
    """The report's title: among the lines before the body, the first that reads as one (a site's
    label removed); a title split after its issuer (`长春市人民政府关于` / `2023年度…报告`) is joined."""
    for index, line in enumerate(lines[:8]):
        line = _TITLE_LABEL.sub("", line)
        if is_title(line):
            return line
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (len(line) <= 40 and re.search(_ISSUER_HEAD + "(?:关于)?$", line) and is_title(following)
                and re.match(r"(?:19|20)\d\d|关于", following)):
            return line + following
        if len(line) > 80 or _SENTENCE_END.search(line):
            return None  # the body has begun
    return None


def _complete(name: str, places: dict[str, list[str]]) -> str:
    """An issuer's full name: its place completed (`市生态环境局` → `上海市生态环境局`, a district
    under its city: `即墨区政府` → `青岛市即墨区…`), its department named in full (`人社厅` →
    `人力资源和社会保障厅`), `政府` as `人民政府`."""
    chain = _place_chain(name)
    if chain and not _is_full_place(chain):
        chain = None  # `公安厅`: a word that only looks like a place
    if chain:
        prefix, rest = chain, name[len(chain):]
        first = place_at(prefix, 0)
        if len(find_places(prefix)) == 1:
            prefix = _with_city(prefix, first)
    elif name[:1] in "省市区县" and (place := place_of_level(name[0], places)):
        prefix, rest = _with_city(place), name[1:]
    else:
        prefix, rest = "", name
    rest = department_names().get(rest, rest)
    rest = re.sub(r"(?<!人民)政府$", "人民政府", rest)
    return prefix + rest


def _with_city(place: str, short: str | None = None) -> str:
    """A district is listed under its city (`铜梁区` → `重庆市铜梁区`); other places as they are."""
    if level_of(place) != "区" or place_is_ambiguous(short or place):
        return place  # a district name several cities have (`城中区`) is not given a city
    city = next((p for p in parents(short or place) if p.endswith("市")), None)
    return (city or "") + place


def _self_issuer(kind: str, text: str, places: dict[str, list[str]]) -> str | None:
    """`我市` → that city's 人民政府; `我厅` → the first full `<place>…厅` the text names."""
    if kind in "省市区县":
        place = place_of_level(kind, places)
        return place + "人民政府" if place else None
    opening = text[:OPENING_CHARS]
    body = re.compile(rf"[\u4e00-\u9fff]{{1,10}}?{kind}(?![\u4e00-\u9fff]{{0,1}}[长])")
    for start in place_starts(opening):
        for end in place_chain_ends(opening, start):
            if match := body.match(opening, end):
                return opening[start:match.end()]
    return None


def find_issuer(title: str | None, lines: list[str], text: str, named: Counter[str] | None = None) -> str | None:
    """The body that reports: named in the title, else the subject of the body's opening sentence,
    with its name completed from the places the text names; never an addressee line."""
    places = places_by_level(named_places(text) if named is None else named, title or "")
    if title:
        head = re.split(rf"\s|关于|{_YEAR}|法治政府|依法行政", re.sub(r"^(?:19|20)\d\d年度?", "", title), maxsplit=1)[0]
        if re.search(_ISSUER_HEAD + "$", head):
            return _complete(head, places)
        if head and _is_place(head, learned_places(title)):
            return _complete(head + "人民政府", places)
        if TOWNSHIP_BY_FORM.fullmatch(head):  # `三都镇2025年法治政府建设年度报告`: a township the lexicon does not hold
            return head + ("办事处" if head.endswith("街道") else "人民政府")
        if _ZONE.search(head):
            return head + "管理委员会"  # a development zone reports through its administrative committee
    body = [line for line in lines if line != title and not _ADDRESSEE.search(line) and not is_title(line)]
    for line in body[:3]:
        opening = _OPENING.match(line)
        subject = _SUBJECT.match(line, opening.end()) if opening else None
        if subject and subject.group("self"):
            return _self_issuer(subject.group("self"), text, places)
        if opening and (topic := _PLACE_THEN_TOPIC.match(line, opening.end())):
            return _complete(topic.group(1) + "人民政府", places)  # `2025年，中村乡法治政府建设工作…`
        # a place, a level word, or a place by its form that the lexicon names otherwise (`伊犁州水利局`)
        if subject and (_place_chain(name := subject.group("name")) or name[:1] in "省市区县"
                        or _PLACE_BY_FORM.match(name)):
            return _complete(name, places)
        if opening and (place := _place_chain(line, opening.end())) and _is_full_place(place):
            return _complete(place + "人民政府", places)  # `2021年，包头市以…`, `…，红河州坚持…`
        if opening:
            break
    # `现将省政府2022年度法治政府建设情况报告如下`: the body says whose report it is
    for line in body[:3]:
        if (own := _REPORT_OF.search(line)) and (own.group(1)[:1] in "省市区县" or _place_chain(own.group(1))):
            return _complete(own.group(1), places)
    opening = "\n".join(body)[:OPENING_CHARS]
    if bureau := _most_named_bureau(text[:OPENING_CHARS]):
        return bureau
    organizations = (opening[start:end] for start, end in _places_then(opening, _ORG_AFTER_PLACE))
    # `《广东省法治政府建设实施纲要》`: the topic, not a body
    return next((name for name in organizations if not name.endswith("法治政府")), None)


def _most_named_bureau(text: str) -> str | None:
    """A report that only says `新区司法局`/`市司法局`: that bureau of the place of that level the
    text names most in full (`重庆两江新区`)."""
    short = Counter(
        (m.group(1), m.group(2))
        for m in re.finditer(r"(新区|市|县|区)(司法局)", text)
        if next(_places_then(text[max(0, m.start() - 12):m.start()], _NEAR_END), None) is None
    )
    for (level, head), _ in short.most_common():
        full_names = Counter(text[start:end] for start, end in _places_then(text, _BEFORE_LEVEL[level]))
        if full_names:
            return full_names.most_common(1)[0][0] + head
    return None


def _is_full_place(chain: str) -> bool:
    """Is a chain of places one place the lexicon knows in full, or by its short form and level
    (`包头市`, `红河州` for 红河哈尼族彝族自治州)?"""
    return full_name(chain) is not None or full_name(re.sub(f"(?:{LEVELS})$", "", chain)) is not None


def _is_place(name: str, learned: frozenset[str]) -> bool:
    """Is `name` a chain of place names (`哈尔滨市双城区`), districts the text taught included?"""
    chain = _place_chain(name)
    rest = name[len(chain):] if chain else name
    return bool(chain or rest) and (not rest or rest in learned)


def find_year(title: str | None, lines: list[str], furniture_lines: list[str]) -> int | None:
    """The year reported on: from the title, the page's breadcrumb, a heading that names it, the
    body's opening (`2016年，省政府…`), else the year the report cites most before it turns to
    next year's plans (ties: the earlier)."""
    if title and (match := re.search(_YEAR + r"年?", title)):
        return int(match.group(1))
    for line in furniture_lines:
        if (match := re.search(_YEAR + r"年度?\s*$", line)) and ">" in line:
            return int(match.group(1))
    for line in lines:
        if re.match(r"[一二三四五六七八九十]+、", line) and (match := re.search(_YEAR + "年", line)):
            return int(match.group(1))
    for line in lines[:4]:
        if match := _OPENING_YEAR.match(line):
            return int(match.group(1))
    counts: Counter[int] = Counter()
    for line in lines:
        if _PLAN_HEADING.match(line):
            break
        counts.update(int(year) for year in _STANDALONE_YEAR.findall(line))
    return min(counts, key=lambda year: (-counts[year], year)) if counts else None


def find_published(furniture_lines: list[str], lines: list[str]) -> str | None:
    """Publication date from the page's info bar, else a date line closing the report."""
    candidates = [*furniture_lines, *(lines[-1:] if lines else [])]
    for line in candidates:
        match = _DATE.search(line)
        if match and (line in furniture_lines or len(line) <= 20):
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def title_from_page(page_title: str | None) -> str | None:
    """A web page's `<title>` as a report title: the part that reads as one, without the site's
    name (`…情况报告_江苏省司法厅`, `… - 信阳市人民政府`)."""
    if not page_title:
        return None
    for part in re.split(r"\s*(?:[_|｜]|\s[-—–－]\s)\s*", page_title):
        part = _TITLE_LABEL.sub("", part.strip())
        if is_title(part):
            return part
    return None


def extract_metadata(text: str, furniture: list[tuple[int, int]], page_title: str | None = None,
                     page_published: str | None = None) -> Metadata:
    """Metadata read off the normalised text; a web page's own title (normalised) and publication
    date stand in where the text gives none."""
    skip_starts = {start for start, _ in furniture}
    lines = _lines(text, skip_starts)
    title = find_title(lines) or title_from_page(page_title)
    furniture_lines = [text[start:end] for start, end in furniture]
    named = named_places(text)
    return Metadata(
        title=title,
        issuer=find_issuer(title, lines, text, named),
        year=find_year(title, lines, furniture_lines),
        published=find_published(furniture_lines, lines) or page_published,
        named_places=named,
    )
