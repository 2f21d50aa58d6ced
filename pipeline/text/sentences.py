"""Sentence splitting for report text: HanLP's rule splitter plus what these reports need.

- no sentence crosses a line break; furniture lines are skipped;
- numbered headings (`一、…`, `（一）…`, `1.…`, `（1）…`) are sentences of their own and open a
  section: the sentences under a heading carry its path;
- closing quotes and brackets stay with the sentence they close;
- a run-on stretch longer than `max_chars` with no sentence end is split after `；` and before the
  enumerations `一是/二是/…`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from hanlp.utils.rules import split_sentence

from pipeline.text.lines import stripped_lines

_CN_DIGITS = "一二三四五六七八九十百零〇两"
# Heading markers by level; a heading line starts with one of them.
HEADING_LEVELS: tuple[tuple[int, re.Pattern], ...] = (
    (0, re.compile(rf"第[{_CN_DIGITS}\d]+[部章篇][分]?\s*")),
    (1, re.compile(rf"[{_CN_DIGITS}]+、")),
    (2, re.compile(rf"（[{_CN_DIGITS}]+）")),
    (3, re.compile(r"\d{1,2}[\.、．](?!\d)")),
    (4, re.compile(r"（\d{1,2}）")),
)
SECTION_SEPARATOR = " > "
_SENTENCE_END = "。！？"
_CLOSERS = "”’」』）】》〉)]"
# `二是…十是` open an enumerated item anywhere (punctuation is often lost before them); `一是` only
# after punctuation, since 统一是/唯一是 are ordinary words.
_ENUMERATION = re.compile(r"(?<=[，；。：])(?=一是)|(?<=[\u4e00-\u9fff，；。：])(?=[二三四五六七八九十]是)")
# A heading runs to its first sentence end; a line with none is a heading only if it is short.
_MAX_BARE_HEADING = 60


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: str | None
    is_heading: bool = False


def heading_level(line: str) -> int | None:
    for level, pattern in HEADING_LEVELS:
        if pattern.match(line):
            return level
    return None


def _hanlp_pieces(text: str, offset: int) -> list[tuple[int, int]]:
    """HanLP's sentences of one line as (start, end) offsets, closers moved back to their sentence."""
    spans: list[list[int]] = []
    cursor = 0
    for piece in split_sentence(text):
        found = text.find(piece, cursor)
        if found < 0:  # the splitter rewrote the piece; keep the rest of the line whole
            spans.append([cursor, len(text)])
            break
        spans.append([found, found + len(piece)])
        cursor = found + len(piece)
    merged: list[list[int]] = []
    for start, end in spans:
        lead = start
        while lead < end and text[lead] in _CLOSERS and merged:
            lead += 1
        if merged and lead > start:
            merged[-1][1] = lead
        if lead < end:
            merged.append([lead, end])
    return [(offset + start, offset + end) for start, end in merged]


def _split_run_on(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Split an over-long sentence after `；`, then before enumerations, leaving short ones alone."""
    if end - start <= max_chars:
        return [(start, end)]
    for boundary in (re.compile(r"(?<=；)"), _ENUMERATION):
        cuts = [m.start() for m in boundary.finditer(text, start, end) if start < m.start() < end]
        if cuts:
            edges = [start, *cuts, end]
            pieces = []
            for a, b in zip(edges, edges[1:]):
                pieces.extend(_split_run_on(text, a, b, max_chars) if b - a > max_chars else [(a, b)])
            return pieces
    return [(start, end)]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, skip: Iterable[tuple[int, int]] = (), max_chars: int = 150) -> list[Sentence]:
    """Sentences of `text` (offsets into it), skipping the lines that start inside a `skip` span."""
    skipped_starts = {start for start, _ in skip}
    sentences: list[Sentence] = []
    path: list[tuple[int, str]] = []  # (level, heading) of the open sections
    for line_start, line_end in stripped_lines(text):
        if line_start in skipped_starts:
            continue
        line = text[line_start:line_end]
        body_start = line_start
        level = heading_level(line)
        if level is not None:
            ends = [line.find(mark) for mark in _SENTENCE_END if mark in line]
            heading_end = min(ends) + 1 if ends else len(line)
            if ends or len(line) <= _MAX_BARE_HEADING:
                while heading_end < len(line) and line[heading_end] in _CLOSERS:
                    heading_end += 1
                while path and path[-1][0] >= level:
                    path.pop()
                parent = SECTION_SEPARATOR.join(h for _, h in path) or None
                sentences.append(Sentence(line_start, line_start + heading_end, parent, is_heading=True))
                path.append((level, line[:heading_end].rstrip(_SENTENCE_END)))
                body_start = line_start + heading_end
        section = SECTION_SEPARATOR.join(h for _, h in path) or None
        body_start, body_end = _strip(text, body_start, line_end)
        if body_start == body_end:
            continue
        for start, end in _hanlp_pieces(text[body_start:body_end], body_start):
            for a, b in _split_run_on(text, start, end, max_chars):
                a, b = _strip(text, a, b)
                if a < b:
                    sentences.append(Sentence(a, b, section))
    return sentences
