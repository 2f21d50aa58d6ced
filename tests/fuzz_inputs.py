"""The fuzz corpus (issue 17): inputs no report holds, each built at a size. The suite runs them
small (`tests/test_fuzz.py`); `bench/fuzz.py` runs them large, and twice as large, to time them.
Each must run through `python -m pipeline run` or stop it with a one-line error."""
from __future__ import annotations

import random
from typing import Callable

CLAUSE = "全市共办理法律援助案件1200件，"
SENTENCE = "2023年，市司法局办理行政复议案件93件，审查规范性文件12件。"
FURNITURE = ["您当前的位置：首页 > 政务公开 > 法治政府建设年度报告", "发布日期：2024-02-26 来源：市司法局 访问次数：",
             "扫一扫在手机打开当前页", "【打印本页】", "版权所有：某市人民政府", "相关文章"]


def _random_text(size: int, seed: int) -> str:
    """Code points of every plane (surrogates left out: UTF-8 cannot hold them) with line breaks."""
    rng = random.Random(seed)
    chars = []
    for _ in range(size):
        code = rng.choice((rng.randrange(0x20, 0x80), rng.randrange(0x4E00, 0xA000), rng.randrange(0x80, 0xD800),
                           rng.randrange(0xE000, 0x110000), 0x0A))
        chars.append(chr(code))
    return "".join(chars)


def _controls(size: int) -> str:
    controls = "".join(chr(c) for c in [*range(1, 32), *range(0x7F, 0xA0)])
    return (controls + SENTENCE) * max(1, size // (len(controls) + len(SENTENCE)))


def _nested(size: int) -> str:
    depth = max(1, size // 8)
    return "（《“[" * depth + "市司法局条例" + "]”》）" * depth + "\n" + "（" * depth * 4 + "\n" + "》" * depth * 4


def _headings(size: int) -> str:
    block = "一、总体情况\n（一）主要举措\n1.完善制度\n（1）办理案件93件。\n"
    return block * max(1, size // len(block))


FUZZ_INPUTS: dict[str, Callable[[int], bytes]] = {
    "random_utf8": lambda size: _random_text(size, 17).encode("utf-8"),
    "random_bytes": lambda size: random.Random(17).randbytes(size),
    "control_characters": lambda size: _controls(size).encode("utf-8"),
    "only_furniture": lambda size: "\n".join(FURNITURE * max(1, size // 120)).encode("utf-8"),
    "only_numbers": lambda size: " ".join(str(n) for n in range(size // 5)).encode("utf-8"),
    "only_numbers_and_units": lambda size: ("1,234件11.6万余元95.3%二千三百人近2亿" * max(1, size // 24)).encode("utf-8"),
    "only_title_marks": lambda size: ("《》" * (size // 2)).encode("utf-8"),
    "nested_brackets": lambda size: _nested(size).encode("utf-8"),
    "one_clause_repeated": lambda size: (CLAUSE * max(1, size // len(CLAUSE))).encode("utf-8"),
    "one_sentence_repeated_on_lines": lambda size: ((SENTENCE + "\n") * max(1, size // 32)).encode("utf-8"),
    "chinese_without_punctuation": lambda size: ("法治政府建设" * (size // 6)).encode("utf-8"),
    "digits_without_end": lambda size: ("9" * size).encode("utf-8"),
    "chinese_numerals_without_end": lambda size: ("一二三四五六七八九十百千万亿" * (size // 14)).encode("utf-8"),
    "headings_only": lambda size: _headings(size).encode("utf-8"),
    "bom_in_the_middle": lambda size: ("\ufeff" + SENTENCE * (size // 64) + "\ufeff" + SENTENCE * (size // 64)).encode("utf-8"),
    "cr_line_breaks": lambda size: (SENTENCE + "\r") .encode("utf-8") * max(1, size // 32),
    "mixed_gbk_and_utf8": lambda size: SENTENCE.encode("utf-8") * (size // 64) + SENTENCE.encode("gbk") * (size // 64),
    "nul_after_the_first_block": lambda size: SENTENCE.encode("utf-8") * max(300, size // 32) + b"\x00" + SENTENCE.encode("utf-8"),
    "whitespace_only": lambda size: " \u3000\n\t\r\n".encode("utf-8") * max(1, size // 6),
    "latin_letters_in_a_chinese_line": lambda size: ("法治" + "a" * size).encode("utf-8"),
    "spaces_in_a_chinese_line": lambda size: ("法治" + " " * size + "建设").encode("utf-8"),
    "enumeration_markers_only": lambda size: ("一是二是三是；" * (size // 7)).encode("utf-8"),
    "commas_only": lambda size: ("，、" * (size // 2)).encode("utf-8"),
    "quotes_only": lambda size: ('“”"' * (size // 3)).encode("utf-8"),
    "one_number_many_units": lambda size: ("1" + "万亿元件人次" * (size // 6)).encode("utf-8"),
    "ordinals_only": lambda size: ("第一批第二届第三次" * (size // 9)).encode("utf-8"),
    "organisation_heads_only": lambda size: ("局委办厅中心" * (size // 6)).encode("utf-8"),
    "places_only": lambda size: ("北京市上海市浦东新区河北省" * (size // 13)).encode("utf-8"),
    "emoji_and_astral": lambda size: ("😀市司法局👍🏽办理𠀋案件🇨🇳3件。" * max(1, size // 16)).encode("utf-8"),
    "escaped_surrogates": lambda size: ("\\ud800市司法局\\udfff办理案件3件。" * max(1, size // 24)).encode("utf-8"),
}
