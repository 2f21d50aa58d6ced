"""Sentence splitting for report text: HanLP's rule splitter plus what these reports need.

- no sentence crosses a line break; furniture lines are skipped;
- numbered headings (`一、…`, `（一）…`, `1.…`, `（1）…`) are sentences of their own and open a
  section: the sentences under a heading carry its path;
- closing quotes and brackets stay with the sentence they close;
- no sentence is longer than `max_chars`: a longer stretch is split after `；`, before the
  enumerations `一是/二是/…`, after `，`/`、`, and only then hard (never inside a number).
"""
from __future__ import annotations

import re
from bisect import bisect_right
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
_AFTER_SEMICOLON = re.compile(r"(?<=；)")
_AFTER_COMMA = re.compile(r"(?<=[，、,])")
_TITLE = re.compile(r"《[^《》\n]{1,120}》")  # a title is never cut, though it holds `、` or `，`
# HanLP cuts a line after its sentence ends, then each piece at Latin sentence marks (`.!?`, but not
# after an abbreviation), which costs most of its time. A line with none of these, nor an ellipsis,
# is only cut where its first and last rules cut (after `。！？` not before a closing quote, after
# such a quote not before punctuation), each match one cut: found here with them, its pieces are
# HanLP's (the passes of both rules insert a line break after the first group of each match, and
# neither inserts where the other looks).
_LATIN_SENTENCE_MARK = re.compile(r"[.!?…]")
_CUT_AFTER_END = re.compile(r"([。！？?])([^”’])")
_CUT_AFTER_QUOTE = re.compile(r"([。！？?][”’])([^，。！？?])")
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


def _hanlp_spans(line: str) -> list[list[int]]:
    """HanLP's sentences of a line (`hanlp.utils.rules.split_sentence`) as [start, end] offsets;
    a line without Latin sentence marks cut here where HanLP's first and last rules cut it."""
    if _LATIN_SENTENCE_MARK.search(line):
        return _found_spans(line, split_sentence(line))
    cuts = sorted(match.end(1) for pattern in (_CUT_AFTER_END, _CUT_AFTER_QUOTE) for match in pattern.finditer(line))
    spans = []
    for start, end in zip([0, *cuts], [*cuts, len(line)]):
        start, end = _strip(line, start, end)
        if start < end:
            spans.append([start, end])
    return spans


def _found_spans(line: str, pieces: Iterable[str]) -> list[list[int]]:
    """Where the pieces HanLP returns are in the line."""
    spans: list[list[int]] = []
    cursor = 0
    for piece in pieces:
        found = line.find(piece, cursor)
        if found < 0:  # the splitter rewrote the piece; keep the rest of the line whole
            spans.append([cursor, len(line)])
            break
        spans.append([found, found + len(piece)])
        cursor = found + len(piece)
    return spans


def _hanlp_pieces(text: str, offset: int) -> list[tuple[int, int]]:
    """HanLP's sentences of one line as (start, end) offsets, closers moved back to their sentence."""
    spans = _hanlp_spans(text)
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
    """Pieces of at most `max_chars` of an over-long sentence: split after every `；`, then before
    enumerations, then after `，`/`、` (clauses packed together up to the limit), then hard; short
    sentences stay whole."""
    if end - start <= max_chars:
        return [(start, end)]
    titles = [m.span() for m in _TITLE.finditer(text, start, end)]
    title_starts = [a for a, _ in titles]
    for boundary in (_AFTER_SEMICOLON, _ENUMERATION, _AFTER_COMMA):
        cuts = [m.start() for m in boundary.finditer(text, start, end)
                if start < m.start() < end and not _inside(titles, title_starts, m.start())]
        if cuts:
            edges = [start, *cuts, end]
            pieces = list(zip(edges, edges[1:]))
            if boundary is _AFTER_COMMA:
                pieces = _packed(pieces, max_chars)
            return [part for a, b in pieces for part in _split_run_on(text, a, b, max_chars)]
    return _hard_split(text, start, end, max_chars)


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and spans[index][0] < position < spans[index][1]


def _packed(pieces: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    """Adjacent pieces joined while they fit in `max_chars`."""
    packed = [pieces[0]]
    for a, b in pieces[1:]:
        if b - packed[-1][0] <= max_chars:
            packed[-1] = (packed[-1][0], b)
        else:
            packed.append((a, b))
    return packed


def _hard_split(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cuts every `max_chars`, moved back so as not to split a number or a Latin word."""
    pieces = []
    while end - start > max_chars:
        cut = start + max_chars
        while cut > start + max_chars // 2 and _in_word(text[cut - 1]) and _in_word(text[cut]):
            cut -= 1
        pieces.append((start, cut))
        start = cut
    return [*pieces, (start, end)]


def _in_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == ".")


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
            if (ends or len(line) <= _MAX_BARE_HEADING) and heading_end <= max_chars:
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
