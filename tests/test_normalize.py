import pytest
from pipeline.text.furniture import find_furniture
from pipeline.text.normalize import normalize

from conftest import SEEDS, raw_of


def test_fullwidth_letters_digits_go_halfwidth_and_punctuation_goes_chinese():
    norm = normalize("共１２３件，ＡＢＣ(2021—2025年),达95.3％:好")
    assert norm.text == "共123件，ABC（2021-2025年），达95.3%：好"


def test_thousands_separators_times_and_urls_keep_ascii():
    norm = normalize("受理1,234件,时间10:30,见http://x.gov.cn/a?b=1")
    assert norm.text == "受理1,234件，时间10:30，见http://x.gov.cn/a?b=1"


def test_traditional_becomes_simplified_with_raw_offsets_intact():
    raw = "\ufeff江蘇省司法廳\u200b推動《法治政府建設實施綱要》\r\n落實"
    norm = normalize(raw)
    assert norm.text == "江苏省司法厅推动《法治政府建设实施纲要》\n落实"
    start = norm.text.index("法治政府建设实施纲要")
    raw_start, raw_end = norm.raw_span(start, start + len("法治政府建设实施纲要"))
    assert raw[raw_start:raw_end] == "法治政府建設實施綱要"
    tail = norm.text.index("落实")
    assert raw[slice(*norm.raw_span(tail, tail + 2))] == "落實"


def test_raw_offsets_map_back_to_normalised_ones():
    norm = normalize("市\u200b司法局")
    assert [norm.norm_offset(raw) for raw in range(6)] == [0, 1, 1, 2, 3, 4]


def test_zero_width_and_odd_spaces():
    raw = "市\u200b司法局\u3000\u00a0推进"
    norm = normalize(raw)
    assert norm.text == "市司法局  推进"
    assert raw[slice(*norm.raw_span(0, 4))] == "市\u200b司法局"


def test_every_normalised_character_maps_into_raw_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        raw = raw_of(path)
        norm = normalize(raw)
        assert len(norm.raw_offsets) == len(norm.text)
        assert list(norm.raw_offsets) == sorted(set(norm.raw_offsets))
        assert all(0 <= offset < len(raw) for offset in norm.raw_offsets)


def test_furniture_lines_of_the_seeds():
    kinds = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = normalize(raw_of(path)).text
        kinds[path.stem[:3]] = [(span.kind, text[span.start:span.end]) for span in find_furniture(text)]
    assert kinds["000"] == [("publication_info", "时间：2023-03-27  浏览次数："),
                            ("cms_footer", "Produced By 大汉网络 大汉版通发布系统")]
    assert kinds["001"] == [("related", "相关文章")]
    assert [kind for kind, _ in kinds["002"]] == ["browser_warning"] * 3 + ["breadcrumb", "share", "share"]
    assert kinds["003"] == []
    assert kinds["004"] == [("publication_info", "发布日期： 2024年02月26日 来源：市司法局 访问次数： 字号：")]


def test_links_after_a_related_articles_heading_are_furniture():
    text = "正文。\n相关文章\n某市司法局召开会议\n另一篇文章"
    assert [text[s.start:s.end] for s in find_furniture(text)] == ["相关文章", "某市司法局召开会议", "另一篇文章"]


def test_a_wiki_licence_box_is_furniture_to_the_end():
    text = "正文第一句。\n本作品来自中华人民共和国全国人民代表大会的决定。依据《\n中华人民共和国著作权法\n》第五条，所以属于\n公有领域\nPublic domain\nfalse"
    spans = find_furniture(text)
    assert [s.kind for s in spans] == ["license"] * 6
    assert text[spans[0].start:spans[0].end].startswith("本作品来自")


def test_a_table_of_figures_is_no_furniture():
    text = "| 类别 | 案件数 |\n| 行政复议 | 12 |\n2023年，某某局推进法治政府建设。"
    assert find_furniture(text) == []


def test_a_licence_box_ends_at_the_title_of_the_next_report():
    box = "本作品来自中华人民共和国国务院。依据《\n中华人民共和国著作权法\n》第五条\nPublic domain\n"
    text = f"正文第一句。\n{box}2025年政府工作报告\n各位代表：\n现在，我代表国务院报告工作。"
    furniture = [text[s.start:s.end] for s in find_furniture(text)]
    assert furniture[-1] == "Public domain" and "2025年政府工作报告" not in furniture


@pytest.mark.parametrize("line", [
    "您当前所在的位置： 首页 > 资讯中心 > 专题专栏",
    ">政务公开 | >行政执法年度报告 |",
    "• 发布机构： 某某市教育局",
    "• 标题： 某某市教育局2024年度法治政府建设工作报告",
    "发布部门：某某区人民政府办公室",
    "时间：2023-02-28 15:36 浏览量：1",
    # the same record as table rows (two held-out batches' pages)
    "| 索 引 号 | XM00503-25-00-2026-004 | 主题分类 | 行政行为情况 |",
    "| 标 题： | 某某市应急管理局关于2025年度法治政府建设情况的报告 | ||",
    "| [ 发布机构 ] | 市市场监管局 | ||",
])
def test_page_furniture_of_other_sites(line):
    text = f"{line}\n2023年，某某局推进法治政府建设。"
    assert [text[s.start:s.end] for s in find_furniture(text)] == [line]


@pytest.mark.timeout(10)
@pytest.mark.parametrize("line", ["0 1 2 3 " * 25_000, "《》" * 100_000, "（" * 200_000, "法治" + "a" * 200_000])
def test_a_long_line_normalises_in_linear_time(line):
    # found by the fuzz bench: a line with no Chinese character (or a run of letters before a
    # possible URL scheme) was searched from every start, 20,000 characters took 3 s
    assert len(normalize(line).text) == len(line)
