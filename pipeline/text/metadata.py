"""Document metadata read off the normalised text: title, issuer, reported year, publication date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.text.lines import stripped_lines
from pipeline.text.places import PLACE_NAME

_TITLE_WORDS = re.compile(r"(报告|情况|总结|工作要点|年报)")
_SENTENCE_END = re.compile(r"[。！？；]$")
_ISSUER_HEAD = r"(司法厅|司法局|人民政府|政府|委员会|办公室|人民法院|人民检察院|检察院|法院|厅|局|委|办)"
_YEAR = r"((?:19|20)\d\d)"
_DATE = re.compile(_YEAR + r"\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_PLAN_HEADING = re.compile(r"[一二三四五六七八九十]+、.*(下一步|思路|打算|计划|安排|努力方向)")
_STANDALONE_YEAR = re.compile(r"(?<![\d\-])" + _YEAR + r"年(?!\d)(?![-至]\d)")
# Compiled once at import (the place lexicon makes them large), so forked workers share them.
_PLACE_ORG = re.compile(rf"({PLACE_NAME.pattern}[\u4e00-\u9fff]{{0,8}}?{_ISSUER_HEAD})")
_ENDS_WITH_PLACE = re.compile(rf"{PLACE_NAME.pattern}[\u4e00-\u9fff]{{0,3}}?$")
_FULL_PLACE = {level: re.compile(rf"{PLACE_NAME.pattern}[\u4e00-\u9fff]{{0,3}}?{level}") for level in ("新区", "市", "县", "区")}


@dataclass(frozen=True)
class Metadata:
    title: str | None
    issuer: str | None
    year: int | None
    published: str | None


def _lines(text: str, skip_starts: set[int]) -> list[str]:
    return [text[start:end] for start, end in stripped_lines(text) if start not in skip_starts]


def find_title(lines: list[str]) -> str | None:
    first = lines[0] if lines else ""
    if first and len(first) <= 80 and not _SENTENCE_END.search(first) and _TITLE_WORDS.search(first):
        return first
    return None


def _issuer_in(text: str) -> str | None:
    """The first `<place>…<head>` organisation name that opens with a real place name."""
    match = _PLACE_ORG.search(text)
    return match.group(1) if match else None


def find_issuer(title: str | None, lines: list[str], text: str) -> str | None:
    if title:
        head = re.split(rf"\s|关于|{_YEAR}", title, maxsplit=1)[0]
        if re.search(_ISSUER_HEAD + "$", head):
            return head
    if lines:
        first_sentence = re.split(r"[。！？]", lines[0] if not title else (lines[1] if len(lines) > 1 else ""))[0]
        issuer = _issuer_in(first_sentence)
        if issuer:
            return issuer
    # A report that only says `新区司法局`/`市司法局`: complete it with the full name of that
    # place the text uses most (`重庆两江新区`).
    short = Counter(
        (m.group(1), m.group(2))
        for m in re.finditer(r"(新区|市|县|区)(司法局)", text)
        if not _ENDS_WITH_PLACE.search(text[max(0, m.start() - 12):m.start()])
    )
    for (level, head), _ in short.most_common():
        full_names = Counter(m.group(0) for m in _FULL_PLACE[level].finditer(text))
        if full_names:
            return full_names.most_common(1)[0][0] + head
    return None


def find_year(title: str | None, lines: list[str], furniture_lines: list[str]) -> int | None:
    """The year reported on: from the title, the page's breadcrumb, a heading that names it, else
    the year the report cites most before it turns to next year's plans (ties: the earlier)."""
    if title and (match := re.search(_YEAR + r"年?", title)):
        return int(match.group(1))
    for line in furniture_lines:
        if (match := re.search(_YEAR + r"年度?\s*$", line)) and ">" in line:
            return int(match.group(1))
    for line in lines:
        if re.match(r"[一二三四五六七八九十]+、", line) and (match := re.search(_YEAR + "年", line)):
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


def extract_metadata(text: str, furniture: list[tuple[int, int]]) -> Metadata:
    skip_starts = {start for start, _ in furniture}
    lines = _lines(text, skip_starts)
    title = find_title(lines)
    furniture_lines = [text[start:end] for start, end in furniture]
    return Metadata(
        title=title,
        issuer=find_issuer(title, lines, text),
        year=find_year(title, lines, furniture_lines),
        published=find_published(furniture_lines, lines),
    )
