"""Table-driven: real phrases (seeds, Government Work Reports, guidelines) with the quantity and
metric they must give, and the numbers that are not quantities."""
import pytest

from pipeline.text.metrics import link
from pipeline.text.normalize import normalize
from pipeline.text.numerals import NotANumber, parse_number
from pipeline.text.quantities import find_quantities

# phrase, quantity text, value, value_max, unit, qualifier, metric (None: not checked)
CASES = [
    ("市本级受理行政复议申请893件", "893件", 893, None, "件", "exact", "受理行政复议申请"),
    ("调解成功案件37860件，成功率达95.3%", "95.3%", 95.3, None, "%", "exact", "成功率"),
    ("调解成功案件37860件，成功率达95.3%", "37860件", 37860, None, "件", "exact", "调解成功案件"),
    ("为企业挽回经济损失729万余元", "729万余元", 7290000, None, "元", "more_than", "为企业挽回经济损失"),
    ("全省律师人数突破4万人", "突破4万人", 40000, None, "人", "more_than", "律师人数"),
    ("2022年办理法律援助案件11.6万余件", "11.6万余件", 116000, None, "件", "more_than", "办理法律援助案件"),
    ("我省3个地区获评全国法治政府建设示范市", "3个", 3, None, "个", "exact", "地区获评全国法治政府建设示范市"),
    ("受理79件，已办结82件", "82件", 82, None, "件", "exact", "办结"),
    ("受理79件，已办结82件", "79件", 79, None, "件", "exact", "受理"),
    ("维持（驳回）81件，调解（和解）终止61件", "61件", 61, None, "件", "exact", "调解（和解）终止"),
    ("提请下放乡镇行政处罚权限73项、街道办事处59项", "59项", 59, None, "项", "exact", "街道办事处"),
    ("规范94项办事要素", "94项", 94, None, "项", "exact", "办事要素"),
    ("现承办198项审批事项", "198项", 198, None, "项", "exact", "审批事项"),
    ("向市政府提出各类法律意见建议356件（条）", "356件", 356, None, "件", "exact", "向市政府提出各类法律意见建议"),
    ("参考率和合格率均在95%以上", "95%以上", 95, None, "%", "more_than", None),
    ("提供公益法律服务近3.3万次", "近3.3万次", 33000, None, "次", "less_than", "提供公益法律服务"),
    ("为全省近1万个村（社区）提供法律顾问服务", "近1万个", 10000, None, "个", "less_than", "村（社区）提供法律顾问服务"),
    ("统筹全市资源为每个乡镇配备2-3名律师担任法律顾问", "2-3名", 2, 3, "名", "exact", "律师担任法律顾问"),
    ("为每个乡镇配备2至3名律师", "2至3名", 2, 3, "名", "exact", "律师"),
    # reports by other issuers: a space before the unit, traditional units, energy units,
    # counts in 亿 without a unit, 成 and 番, 以内 and comparison words, a unit shared with the next number
    ("全年办结案件2.6 万件", "2.6 万件", 26000, None, "件", "exact", "办结案件"),
    ("完成改革事項12項", "12项", 12, None, "项", "exact", "完成改革事项"),
    ("新增装机容量五十万千瓦", "五十万千瓦", 500000, None, "千瓦", "exact", "新增装机容量"),
    ("全年发电一千二百亿度", "一千二百亿度", 1.2e11, None, "度", "exact", "发电"),
    ("惠及群众近2亿", "近2亿", 2e8, None, "", "less_than", "惠及群众"),
    ("参保人数13亿多", "13亿多", 1.3e9, None, "", "more_than", "参保人数"),
    ("群众满意度超过六成", "超过六成", 6, None, "成", "more_than", "群众满意度"),
    ("案件数量翻了一番", "一番", 1, None, "番", "exact", "案件"),
    ("审批时限压缩至100个工作日以内", "100个工作日以内", 100, None, "个工作日", "less_than", "审批时限"),
    ("项目审批分别压缩至45和70个工作日以内", "45", 45, None, "个工作日", "less_than", None),
    ("PM2.5年均浓度为29.8微克每立方米", "29.8微克每立方米", 29.8, None, "微克每立方米", "exact", "PM2.5年均浓度"),
    ("检查市场主体16757户次", "16757户次", 16757, None, "户次", "exact", "检查市场主体"),
    # metrics without leading time, scope or actor words and trailing verbs
    ("十年来全系统办理行政复议案件1200件", "1200件", 1200, None, "件", "exact", "办理行政复议案件"),
    ("全行业从业人员达到5万人", "5万人", 50000, None, "人", "exact", "从业人员"),
    ("水质优良率保持在90%以上", "90%以上", 90, None, "%", "more_than", "水质优良率"),
    ("人均收入提高到5万元", "5万元", 50000, None, "元", "exact", "人均收入"),
    # what a number of times counts follows a stretch of verbs; a verb after a count points back
    ("组织开展2次常务会议学法活动", "2次", 2, None, "次", "exact", "常务会议学法活动"),
    ("社区居民30余人通过视频会议参与", "30余人", 30, None, "人", "more_than", "社区居民"),
    ("劣V类水体由12个减少到3个", "12个", 12, None, "个", "exact", "劣V类水体"),
    ("劣V类水体由12个减少到3个", "3个", 3, None, "个", "exact", "劣V类水体"),
    # 分别 gives each figure its own noun; a rate with a predicate measures the predicate
    ("律师事务所、公证机构分别发展到41家和12家", "12家", 12, None, "家", "exact", "公证机构"),
    ("行政许可事项100%网上可办", "100%", 100, None, "%", "exact", "网上可办"),
    ("组织全市1.19万人参加专题班学习", "1.19万人", 11900, None, "人", "exact", "参加专题班学习"),
    ("经过两轮县机构改革领导小组会议研究", "两轮", 2, None, "轮", "exact", None),
    ("领导小组召开两次会议", "两次", 2, None, "次", "exact", "会议"),
    ("组织1000余家律所对接1000余家重点企业", "1000余家", 1000, None, "家", "more_than", "律所对接"),
    ("部署开展“学理论、悟思想、见行动”八个方面系列活动", "八个", 8, None, "个", "exact", "方面系列活动"),
    ("建立统一受理、分类处置等五项工作机制", "五项", 5, None, "项", "exact", "工作机制"),
    ("律师万人比为4.9", "4.9", 4.9, None, "", "exact", "律师万人比"),
    ("满意度超98%", "超98%", 98, None, "%", "more_than", "满意度"),
    ("乡级公共法律服务工作站完成比例超过50%", "超过50%", 50, None, "%", "more_than", "乡级公共法律服务工作站完成比例"),
    ("协议金额8354万余元", "8354万余元", 83540000, None, "元", "more_than", "协议金额"),
    ("受理来自实体、热线、网络平台的各类服务事项128.27万件次", "128.27万件次", 1282700, None, "件次", "exact",
     "受理来自实体、热线、网络平台的各类服务事项"),
    ("组织近千名执法人员参加理论测试", "近千名", 1000, None, "名", "less_than", "执法人员参加理论测试"),
    ("初审时限压缩至1个工作日", "1个工作日", 1, None, "个工作日", "exact", None),
    ("压缩1049个工作日", "1049个工作日", 1049, None, "个工作日", "exact", "压缩"),
    ("办理时限平均24.1个工作日", "24.1个工作日", 24.1, None, "个工作日", "exact", None),
    ("全面完成全市295个公共法律服务站的标准化规范化建设", "295个", 295, None, "个", "exact", "公共法律服务站的标准化规范化建设"),
    ("全市接收社区矫正对象2131人、解除矫正2033人", "2033人", 2033, None, "人", "exact", "解除矫正"),
    ("阅读量达40万人次", "40万人次", 400000, None, "人次", "exact", "阅读量"),
    ("测评社区矫正对象7200余人次", "7200余人次", 7200, None, "人次", "more_than", "测评社区矫正对象"),
    ("投入资金100万元", "100万元", 1000000, None, "元", "exact", "投入资金"),
    ("建设省级示范基地资金1,234万元", "1,234万元", 12340000, None, "元", "exact", None),
    ("申报创建全国民主法治示范社区1个，市级2个", "2个", 2, None, "个", "exact", "市级"),
    ("全国和自由贸易试验区负面清单条数分别压减51%、72%", "72%", 72, None, "%", "exact",
     "自由贸易试验区负面清单条数分别压减"),
    ("基本公共卫生服务经费人均财政补助标准从50元提高到84元", "84元", 84, None, "元", "exact",
     "基本公共卫生服务经费人均财政补助标准"),
    # Government Work Reports, Chinese numerals
    ("粮食产量达到三千零五十亿斤", "三千零五十亿斤", 305000000000, None, "斤", "exact", "粮食产量"),
    ("钢产量比上年增长百分之十二点五", "百分之十二点五", 12.5, None, "%", "exact", None),
    ("全国农作物播种总面积计划二十四亿一千四百八十万亩", "二十四亿一千四百八十万亩", 2414800000, None, "亩", "exact",
     "农作物播种总面积计划"),
    ("全年新建大中型项目一百二十三个", "一百二十三个", 123, None, "个", "exact", "新建大中型项目"),
    ("城镇新增就业1270多万人", "1270多万人", 12700000, None, "人", "more_than", "城镇新增就业"),
    ("财政赤字三百亿元", "三百亿元", 30000000000, None, "元", "exact", "财政赤字"),
    ("扶持两千余家企业", "两千余家", 2000, None, "家", "more_than", "企业"),
    ("国家外汇储备4033亿美元", "4033亿美元", 403300000000, None, "美元", "exact", "国家外汇储备"),
    ("经济总量迈上万亿元台阶", "万亿元", 1e12, None, "元", "exact", None),
    ("居民消费价格上涨2%左右", "2%左右", 2, None, "%", "approx", None),
    ("约3000万人脱贫", "约3000万人", 30000000, None, "人", "approx", None),
    ("不到10%的企业", "不到10%", 10, None, "%", "less_than", None),
    ("国内生产总值增长5.2%", "5.2%", 5.2, None, "%", "exact", "国内生产总值增长"),
    ("在１５０个优质棉大县推广", "150个", 150, None, "个", "exact", "优质棉大县推广"),
    ("旅客周转量将达到三百二十亿人公里", "三百二十亿人公里", 32000000000, None, "人公里", "exact", "旅客周转量"),
    ("单位国内生产总值能耗下降 19.1%", "19.1%", 19.1, None, "%", "exact", "单位国内生产总值能耗下降"),
    ("全年粮食产量１，３００亿斤以上", "1,300亿斤以上", 130000000000, None, "斤", "more_than", "粮食产量"),
]

# phrases with no quantity at all
NOT_QUANTITIES = [
    "2022年，江苏省司法厅坚持以习近平新时代中国特色社会主义思想为指导",
    "深入学习贯彻党的二十大精神",
    "深刻领会“两个确立”的决定性意义，增强“四个意识”",
    "贯彻落实《法治政府建设实施纲要（2021-2025年）》",
    "一是深入学习宣传贯彻习近平法治思想",
    "（一）聚焦法治护航",
    "第一责任人职责落到实处",
    "村入选第九批“全国民主法治示范村”",
    "聚焦“三大战略、八大行动”",
    "推动省市县乡四级政府全面推行",
    "进一步规范统一执法，推进一体化平台建设",
    "拨打12348热线",
    "构建“1+4”制度体系",
    "“十四五”时期",
    "3月29日召开会议",
    "时间：2023-03-27",
    "一九八一年以来",
    "实施5年以上的规章",
    "五年来的工作",
    "第一时间牵头成立专班",
    "一次性告知",
    "开展“万所联万会”活动",
    "市府院第一次联席会议",
    "被国家机关事务管理局等四部委表彰",
    "加快推进公共法律服务信息化二期项目",
    "实现让群众跑零次",
    "党的十八届六中全会",
    "新承接省“15分钟公共法律服务圈试点任务",
    "坚持四项基本原则，实现四个现代化",
    "九台区、公主岭市获评示范地区",
    "学习省委十二届八次全会精神",
]


@pytest.mark.parametrize("phrase, text, value, value_max, unit, qualifier, metric", CASES)
def test_quantity_and_metric(phrase, text, value, value_max, unit, qualifier, metric):
    phrase = normalize(phrase).text
    quantities = find_quantities(phrase)
    matches = [q for q in quantities if phrase[q.start:q.end] == text]
    assert matches, f"{text!r} not found in {[phrase[q.start:q.end] for q in quantities]}"
    quantity = matches[0]
    assert quantity.value == pytest.approx(value, rel=1e-9)
    assert quantity.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert (quantity.unit, quantity.qualifier) == (unit, qualifier)
    if metric is not None:
        relation = next(r for r in link(phrase, quantities, [], 2022) if r.quantity == quantity)
        assert relation.metric is not None and phrase[slice(*relation.metric)] == metric


@pytest.mark.parametrize("phrase", NOT_QUANTITIES)
def test_not_a_quantity(phrase):
    assert [phrase[q.start:q.end] for q in find_quantities(phrase)] == []


def test_numbers_inside_entities_are_not_quantities():
    phrase = "印发《全市司法所规范化建设三年行动方案》，完成3个"
    title = (phrase.index("全市"), phrase.index("》"))
    assert [phrase[q.start:q.end] for q in find_quantities(phrase, [title])] == ["3个"]


def test_subject_and_year():
    phrase = "2021年全市各级人民调解组织调解案件39728件"
    org = (phrase.index("各级"), phrase.index("调解案件"))
    relation = link(phrase, find_quantities(phrase), [org], 2022)[0]
    assert phrase[slice(*relation.subject)] == "全市各级人民调解组织"
    assert phrase[slice(*relation.metric)] == "调解案件"
    assert relation.year == 2021
    assert link("受理案件5件", find_quantities("受理案件5件"), [], 2022)[0].year == 2022


def test_subject_is_a_leading_organisation():
    phrase = "市局机关3人获聘市法学会首席法律咨询专家"
    relation = link(phrase, find_quantities(phrase), [(0, 2)], None)[0]
    assert phrase[slice(*relation.subject)] == "市局"


@pytest.mark.parametrize("numeral, value", [
    ("1,234", 1234), ("11.6", 11.6), ("两千", 2000), ("十二点五", 12.5), ("一万亿", 1e12), ("万亿", 1e12),
    ("三百亿", 3e10), ("二十四亿一千四百八十万", 2414800000),
])
def test_parse_number(numeral, value):
    assert parse_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize("word", ["十四五", "百分", "统一"])
def test_parse_number_rejects_words(word):
    with pytest.raises(NotANumber):
        parse_number(word)


def test_relations_table_round_trips_to_raw(seed_run):
    from pipeline.tables import read_table

    from conftest import SEEDS, raw_of

    relations = read_table(seed_run, "relations")
    assert len(relations) > 200
    for doc_id, group in relations.groupby("doc_id"):
        raw = raw_of(SEEDS / f"{doc_id}.txt")
        for row in group.itertuples():
            assert raw[row.start:row.end] == row.text
            if row.metric is not None:
                assert row.metric_end <= row.start or row.metric_start >= row.end


def test_seed_scores_meet_the_targets(seed_run):
    from pipeline.evaluate import evaluate_run

    from conftest import GOLD

    result, _ = evaluate_run(GOLD, seed_run)
    quantities = result["quantities"]
    assert quantities["value"]["f1"] >= 0.98
    assert quantities["metric"]["f1"] >= 0.85
    assert quantities["qualifier_accuracy"] >= 0.98
