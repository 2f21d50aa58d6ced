"""Page furniture: the lines a web page wraps around a report (browser warnings, breadcrumbs,
publication-info bars, QR-code prompts, CMS footers). They stay in the raw text but carry no content,
so sentences skip them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.lines import stripped_lines
from pipeline.text.metadata import is_report_title

# The fields of a CMS's record of a published document.
_RECORD_LABELS = ("索引号", "组配分类", "主题分类", "体裁分类", "成文日期", "发布日期", "发布机构", "发布部门", "发文机关",
                  "标题", "发文字号", "文号", "有效性", "公开方式", "公开范围", "信息来源")
_SPACED_LABELS = "|".join(r"\s*".join(label) for label in _RECORD_LABELS)
# One pattern per kind; each is tried against a whole (stripped) normalised line.
FURNITURE_PATTERNS: dict[str, re.Pattern] = {
    "browser_warning": re.compile(r".*浏览器.*(升级|版本|极速模式|最佳体验|兼容|安全风险)"),
    "breadcrumb": re.compile(r"^(您)?(当前|现在)(所在)?的?(位置|所在位置)[：:>].*|^首页\s*[>›»].*|^>.*\|\s*$"),
    "publication_info": re.compile(
        r"^(?=.*(发布日期|发布时间|时间|日期)[：:]).*(来源|访问次数|浏览次数|浏览量|点击数|点击量|点击率|阅读次数|阅读量|字号|作者)[：:]?.*"
        r"|^(发布日期|发布时间|信息来源|来源|访问次数|浏览次数|点击数|阅读次数|字号)[：:].{0,60}$"
        # a CMS's record of the document (`• 发布机构： …`, `索引号：`, `有效性：`)
        r"|^[•·]?\s*(索引号|组配分类|主题分类|成文日期|发布日期|发布机构|发布部门|发文机关|标题|发文字号|文号|有效性)[：:].{0,80}$"
        # the same record as a table row, its labels often spaced out (`| 索 引 号 | … |`, `| [ 发布机构 ] | … |`)
        rf"|^\|\s*\[?\s*(?:{_SPACED_LABELS})\s*\]?\s*[：:]?\s*\|.*"
    ),
    "share": re.compile(r"^扫一扫.*|^分享到.*|.*在手机打开当前页.*|^您即将离开.*|^【?(打印本页|关闭窗口|打印|关闭)】?$"),
    "cms_footer": re.compile(r"^Produced\s+By\b.*|^(Copyright|版权所有|主办单位|技术支持|网站标识码|[京沪津渝\w]*ICP备).*"),
    "related": re.compile(r"^(相关文章|相关链接|相关阅读|相关新闻|上一篇|下一篇)[：:]?.*$"),
    # the licence box of a wiki copy (Wikisource): 本作品…著作权法…公有领域, Public domain
    "license": re.compile(r"^本作品(来自|在|已|是|属于|依据|采用).*|^(Public domain|false|true)$", re.IGNORECASE),
}
# After a list heading like `相关文章` a page holds only links, after a licence box only its
# pieces: the rest of the text is furniture, up to the title of a next report (in a file that
# joins several).
_TAIL_HEADINGS = re.compile(r"^(相关文章|相关链接|相关阅读|相关新闻)[：:]?$|^本作品(来自|在|已|是|属于|依据|采用)")


@dataclass(frozen=True)
class FurnitureSpan:
    start: int
    end: int
    kind: str


def furniture_kind(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    for kind, pattern in FURNITURE_PATTERNS.items():
        if pattern.match(stripped):
            return kind
    return None


def find_furniture(text: str) -> list[FurnitureSpan]:
    """Spans (offsets into `text`) of the non-blank part of every furniture line."""
    spans = []
    in_tail, tail_kind = False, None
    for start, end in stripped_lines(text):
        line = text[start:end]
        if in_tail and is_report_title(line):
            in_tail = False
        kind = tail_kind if in_tail else furniture_kind(line)
        if not in_tail and _TAIL_HEADINGS.match(line):
            in_tail, tail_kind = True, kind
        if kind:
            spans.append(FurnitureSpan(start, end, kind))
    return spans
