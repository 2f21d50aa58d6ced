"""Hypothesis strategies for report-like text: the seeds' characters and lines mixed with the forms
users' files hold (full-width and half-width, traditional characters, zero-width and odd spaces,
`\\r\\n`, emoji, escaped surrogates, very long lines, numbers with units)."""
from __future__ import annotations

from functools import lru_cache

from hypothesis import strategies as st

from conftest import SEEDS


@lru_cache(maxsize=1)
def seed_lines() -> tuple[str, ...]:
    return tuple(line for path in sorted(SEEDS.glob("*.txt"))
                 for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip())


@lru_cache(maxsize=1)
def seed_characters() -> str:
    return "".join(sorted(set("".join(seed_lines())) - {"\n"}))


ODD_FORMS = [
    *"，。：；？！（）“”《》〈〉、·—～－…",  # Chinese punctuation
    *",.:;?!()\"'<>-~/%+",  # ASCII punctuation
    *"０１２３４５６７８９％．，：ＡＢａｂ（）",  # full-width letters, digits, punctuation
    *"國務院區縣機關條例辦法廣東臺灣實施與規範",  # traditional characters
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width, soft hyphen
    "\u00a0", "\u3000", "\u2002", "\u2009", "\u202f", "\t", "\x0b", "\x0c",  # odd spaces
    "\r\n", "\r", "\n", "\n\n", "\x85", "\u2028", "\u2029", "\x1c", "\x1d", "\x1e",  # line breaks
    "😀", "👍🏽", "🇨🇳", "\U0002000b", "\U0002a6a5",  # emoji, astral CJK (two UTF-16 units)
    "\\ud800", "\\udfff", "\\udc80",  # unpaired surrogates as a backslash-escaping decoder writes them
    "\x07", "\x1b[0m", "\x7f",  # control characters
]
NUMBERS = [
    "1,234", "11.6万余件", "95.3%", "２０２３年", "三千五百", "十二点五", "一九八一", "2.6 万件", "45和70个工作日",
    "近2亿", "六成", "翻了一番", "五十万千瓦", "2022—2025", "2～3", "1,000,000元", "0.5", "100%以上",
    "99999999999999999999", "1e10", "3.", ".5", "万亿元", "10:30", "第十个五年计划", "“十三五”规划",
]
CLAUSES = [
    "《中华人民共和国行政处罚法》", "市司法局", "办理法律援助案件1200件。", "一是", "二是", "；", "一、", "（一）",
    "1.", "（1）", "相关文章", "扫一扫", "发布日期：2024-01-01 来源：市司法局", "当前位置：首页>",
]

pieces = st.one_of(
    st.text(alphabet=seed_characters(), min_size=1, max_size=30),
    st.sampled_from(ODD_FORMS),
    st.sampled_from(NUMBERS),
    st.sampled_from(CLAUSES),
    st.tuples(st.sampled_from(seed_lines()), st.sampled_from(["\n", "\r\n", "\r", "\u2028"])).map("".join),
    st.text(min_size=1, max_size=5).map(lambda s: s.encode("utf-8", "surrogatepass").decode("utf-8", "replace")),
)


@st.composite
def report_texts(draw, max_pieces: int = 80) -> str:
    """Text built from pieces, sometimes with one very long line (a clause repeated)."""
    text = "".join(draw(st.lists(pieces, max_size=max_pieces)))
    if draw(st.integers(0, 9)) == 0:
        text += draw(st.sampled_from(CLAUSES + NUMBERS)) * draw(st.integers(50, 400))
    return text
