"""Canonical names: ORG norms complete the abbreviated prefix from the document (GUIDELINES v2
§ ORG `norm`), REG norms give one title per instrument."""
import pytest

from pipeline.text.norms import administrative_places, org_norm, reg_norm
from pipeline.text.places import named_places


@pytest.mark.parametrize("issuer, text, name, norm", [
    ("赣州市司法局", "", "市司法局", "赣州市司法局"),
    ("赣州市司法局", "", "省司法厅", "江西省司法厅"),          # a province from its city
    ("赣州市司法局", "", "市局", "赣州市局"),                  # heads are not expanded
    ("陵川县教育局", "", "市教育局", "晋城市教育局"),          # the city above a county
    ("陵川县教育局", "", "县委", "陵川县委"),
    ("北京市朝阳区人民政府", "", "区委", "朝阳区委"),
    ("北京市朝阳区人民政府", "", "市政府", "北京市政府"),
    ("金华市公安局", "", "省公安厅", "浙江省公安厅"),          # not the county 公安县
    ("重庆两江新区司法局", "", "新区司法局", "两江新区司法局"),
    ("成都市郫都区人民政府", "", "区政府", "郫都区政府"),      # a district the lexicon does not know
    ("赣州市司法局", "", "驻市委政法委纪检监察组", "驻赣州市委政法委纪检监察组"),
    ("上海市交通委员会", "", "委党组", "上海市交通委员会党组"),  # the issuer's own party group
    ("杭州市生态环境局", "", "局党组理论学习中心组", "杭州市生态环境局党组理论学习中心组"),
    ("黎平县卫生健康局", "", "局政策法规与医政医管股", "黎平县卫生健康局政策法规与医政医管股"),  # an internal unit
    ("桃源县民政局", "", "县民政局", "桃源县民政局"),            # 县民政, not 县民 (citizens)
    ("西乌珠穆沁旗人民政府", "", "旗委", "西乌珠穆沁旗委"),       # a banner
    (None, "2023年，市生态环境局推进上海生态环境法治建设。", "市委", "上海市委"),  # from the text
    ("赣州市司法局", "", "市场监管局", "市场监管局"),          # 市场 is no prefix
    ("赣州市司法局", "", "市民热线服务中心", "市民热线服务中心"),
    ("赣州市司法局", "", "国务院", "国务院"),                # national bodies stay
    ("赣州市司法局", "", "江苏省司法厅", "江苏省司法厅"),      # complete names stay
    ("司法部", "", "高院", "高院"),                        # no place: as written
    # levels the place lexicon does not hold, read from the issuer's name by their form
    ("黔西南州人民政府", "", "州纪委", "黔西南州纪委"),
    ("禄丰市中村乡人民政府", "", "乡党委", "中村乡党委"),
    ("禄丰市中村乡人民政府", "", "市委", "禄丰市委"),
    ("上城区南星街道办事处", "", "街道党工委", "南星街道党工委"),
    ("禄丰市中村乡人民政府", "", "乡村振兴局", "乡村振兴局"),    # 乡村 is no township
    ("赣州市住房和城乡建设局", "", "乡党委", "乡党委"),          # 城乡 is no township
])
def test_org_norm(issuer, text, name, norm):
    assert org_norm(name, administrative_places(issuer, named_places(text)), issuer) == norm


def test_org_norm_puts_back_a_self_reference_the_name_was_cut_from():
    places = administrative_places("上海市嘉定区市场监督管理局", named_places(""))
    assert org_norm("公平竞争委员会", places, "上海市嘉定区市场监督管理局", before="本区") == "嘉定区公平竞争委员会"


@pytest.mark.parametrize("variants, norm", [
    (["中华人民共和国行政处罚法", "行政处罚法"], "行政处罚法"),
    (["中华人民共和国宪法", "宪法"], "宪法"),
    (["“八五”普法规划", "八五普法规划"], "八五普法规划"),
    (["“十四五”规划", "十四五规划"], "十四五规划"),
    (["法治政府建设实施纲要（2021-2025年）", "法治政府建设实施纲要(2021—2025年)", "法治政府建设实施纲要（2021－2025年）"],
     "法治政府建设实施纲要(2021-2025年)"),
    (["江苏省贯彻落实〈法治政府建设实施纲要（2021-2025年）〉实施方案"],
     "江苏省贯彻落实法治政府建设实施纲要(2021-2025年)实施方案"),
    (["中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"],
     "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"),  # not a law: kept whole
])
def test_reg_norm_gives_one_title_per_instrument(variants, norm):
    assert {reg_norm(variant) for variant in variants} == {norm}
