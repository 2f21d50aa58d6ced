"""Indicators: assigned by what a figure counts, null rather than a guess; the indicators table
and the panel trace back to relations rows and the raw text."""
import pandas as pd
import pytest

from pipeline.text.indicators import IndicatorListError, assign_indicator, load_indicator_list

from conftest import SEEDS, raw_of


@pytest.mark.parametrize("metric, clause, unit, indicator", [
    # one indicator, many wordings (none of them from the dev sets)
    ("收到行政复议申请", "全年收到行政复议申请215件", "件", "reconsideration_cases"),
    ("新收行政复议案件", "新收行政复议案件37件", "件", "reconsideration_cases"),
    ("审结", "审结66件", "件", "reconsideration_closed"),          # the sentence says 复议
    ("纠错率", "综合纠错率为12.5%", "%", "reconsideration_correction_rate"),
    ("负责人出庭应诉率", "行政机关负责人出庭应诉率达100%", "%", "court_appearance_rate"),
    ("指派法律援助案件", "指派法律援助案件1300余件", "件", "legal_aid_cases"),
    ("调处矛盾纠纷", "调处矛盾纠纷2100起", "起", "mediation_cases"),
    ("为企业挽回经济损失", "为企业挽回经济损失380万元", "元", "economic_loss_recovered"),
    # not indicators: other kinds, honours, meetings whose subject is not law
    ("执法人员持证比例", "执法人员持证比例98%", "%", None),
    ("普法作品获奖", "普法作品获奖18部", "部", None),
    ("设立工作专班", "设立工作专班3个", "个", None),
    ("意识形态专题学习", "意识形态专题学习2次", "次", None),
    # what the metric counts is a group, a facility, a contact point, staff: not the work
    ("督察组", "组建督察组3个", "个", None),
    ("建成法治宣传教育基地", "建成法治宣传教育基地8个", "个", None),
    ("基层立法联系点", "新设基层立法联系点12个", "个", None),
    ("按期转正社区矫正中心科级干部", "按期转正社区矫正中心科级干部1名", "名", None),
    ("代理诉讼案件", "律师代理诉讼案件800件", "件", None),         # representing clients, not answering suits
    ("协调解决问题", "协调解决问题17件", "件", None),              # 协调 holds no 调解
    ("直接经济损失", "造成直接经济损失20亿元", "元", None),        # a loss, not a recovery
    ("工作宣传信息", "工作宣传信息10余篇", "篇", None),            # publicity of the work, not of the law
    ("职业技能培训", "开展职业技能培训1160人次", "人次", None),    # training, but not in law
    ("执法人员法律知识培训", "开展执法人员法律知识培训20期", "期", "training"),
    ("规范性文件", "现有规范性文件32件", "件", None),              # a stock, neither reviewed nor cleaned
    ("规范性文件", "废止规范性文件48件", "件", "normative_documents_cleaned"),
    ("规范性文件", "备案审查规范性文件48件", "件", "normative_documents_reviewed"),
    ("上会文件合法性审查", "完成68件上会文件合法性审查", "件", "legality_reviews"),
    ("各类立法征求意见反馈", "完成各类立法征求意见反馈300余件", "件", None),   # comments on drafts
    ("参加习近平法治思想网络专题班学习", "组织1.19万人参加习近平法治思想网络专题班学习", "人", "training"),
    ("办理区级征求法律意见", "办理区级征求法律意见335件次", "件次", "legality_reviews"),  # 件次 counts as 件
    # a fourth batch: a power list's duties are no service items; a bureau's own administrative cases
    ("责任事项", "责任事项41396项", "项", None),
    ("参加学法考法活动", "组织153名干部职工参加学法考法活动", "名", "law_exam"),
    ("", "2024年行政机关负责人100%出庭应诉", "%", "court_appearance_rate"),
])
def test_assign_indicator(metric, clause, unit, indicator):
    sentence = "行政复议工作稳步推进，" + clause
    assert assign_indicator(metric, clause, sentence, unit)[0] == indicator


def _sentence(text):
    from pipeline.text.indicators import sentence_indicators
    from pipeline.text.metrics import link
    from pipeline.text.quantities import find_quantities

    relations = link(text, find_quantities(text, []), [], None)
    return [indicator for indicator, _ in sentence_indicators(text, text, relations)]


def test_a_clause_cue_belongs_to_the_figure_whose_metric_holds_it():
    assert _sentence("全年为群众提供法律咨询8381件、代拟法律文书566件。") == ["legal_consultations", None]


def test_what_was_done_is_shared_along_a_list():
    assert _sentence("共废止地方性法规12部、规范性文件516件。") == ["legislation", "normative_documents_cleaned"]


def test_a_leadership_meeting_counts_where_its_own_sentence_is_about_law_or_rules():
    from pipeline.text.indicators import sentence_indicators
    from pipeline.text.metrics import link
    from pipeline.text.quantities import find_quantities

    text = "全年召开党委会16次、理论学习中心组学习会10次。"
    relations = link(text, find_quantities(text, []), [], None)
    assert [i for i, _ in sentence_indicators(text, "深入学习贯彻习近平法治思想。" + text, relations)] == [None, None]
    assert _sentence("全面落实党组工作条例，组织召开党组会23次。") == ["leadership_study"]


def test_a_bureaus_own_administrative_cases_are_enforcement_cases():
    assert _sentence("全年办结林业行政案件103件，处罚105人次。")[0] == "enforcement_cases"
    assert _sentence("全年审结一审行政案件103件。") != ["enforcement_cases"]


def test_the_people_an_activity_reached_take_its_indicator():
    assert _sentence("开展法治培训，覆盖镇村干部200余人。") == ["training"]
    assert _sentence("组织开展宪法宣传周活动，覆盖师生13万人次。") == ["legal_publicity"]
    assert _sentence("开展职业技能培训，覆盖200余人。") == [None]  # not about law
    assert _sentence("累计举办法治培训10期，培训1170余人次。") == ["training", "training"]


def test_a_standing_committee_meeting_on_law_is_leadership_study():
    assert _sentence("组织召开旗委常委会4次、依法治旗委员会会议1次，专题听取法治政府建设工作汇报。") == ["leadership_study"] * 2


def test_enforcement_inspections_by_their_name():
    assert _sentence("全市文化执法联合相关部门执法检查126次。") == ["enforcement_inspections"]


def test_a_pass_rate_is_an_exams_where_its_sentence_holds_one():
    assert _sentence("全年开展合法性审核111次且通过率100%。")[-1] is None
    assert _sentence("组织应知应会法律知识考试1次，参考率、合格率均达100%。")[-1] == "law_exam"


def test_an_elliptical_figure_takes_the_indicator_before_it():
    assert _sentence("申报创建全国民主法治示范社区1个，市级2个。") == ["demonstration_sites"] * 2
    # the same head noun again: the same thing counted
    assert _sentence("完成“双随机、一公开”抽查国家任务412个、省级任务204个。") == ["enforcement_inspections"] * 2


def test_an_indicator_list_without_its_columns_is_refused(tmp_path):
    bad = tmp_path / "list.tsv"
    bad.write_text("id\tname\nx\ty\n", encoding="utf-8")
    with pytest.raises(IndicatorListError, match="lacks the column"):
        load_indicator_list(str(bad))


def test_a_users_list_limits_the_ids(tmp_path):
    shipped = (SEEDS.parent / "pipeline" / "data" / "indicators.tsv").read_text(encoding="utf-8").splitlines()
    own = tmp_path / "own.tsv"
    own.write_text("\n".join([shipped[0], *[line for line in shipped[1:] if line.startswith("legal_aid_cases")]]) + "\n",
                   encoding="utf-8")
    assert assign_indicator("受理行政复议申请", "受理行政复议申请893件", "", "件", str(own)) == (None, None)
    assert assign_indicator("办理法律援助案件", "办理法律援助案件900件", "", "件", str(own))[0] == "legal_aid_cases"


def test_indicators_table_and_panel_trace_back_to_relations_and_raw(seed_run):
    from pipeline.export import indicator_panel
    from pipeline.tables import read_table

    relations = read_table(seed_run, "relations").set_index(["doc_id", "rel_id"])
    indicators = read_table(seed_run, "indicators")
    assert len(indicators) == relations.indicator.notna().sum() > 0
    documents = read_table(seed_run, "documents").set_index("doc_id")
    panel = indicator_panel(indicators)
    assert set(zip(panel.issuer, panel.year)) == set(zip(documents.issuer, documents.year))
    cell = panel.dropna(subset=["legal_aid_cases"]).iloc[0]
    doc_id, rel_id = cell["legal_aid_cases_source"].split(":")
    row = relations.loc[(doc_id, int(rel_id))]
    assert row.indicator == "legal_aid_cases" and row.value == cell["legal_aid_cases"]
    assert documents.loc[doc_id, "issuer"] == cell["issuer"]
    assert raw_of(SEEDS / f"{doc_id}.txt")[row.start:row.end] == row.text


def test_export_panel_writes_csv_and_parquet(seed_run, tmp_path):
    from pipeline.cli import main

    for fmt in ("csv", "parquet"):
        out = tmp_path / f"panel.{fmt}"
        assert main(["export", "panel", str(seed_run), "--format", fmt, "--output", str(out)]) == 0
        panel = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
        assert {"issuer", "year"} <= set(panel.columns) and len(panel) == 5


def test_a_missing_indicator_list_stops_the_run_before_any_work(tmp_path):
    from pipeline.errors import SetupError
    from pipeline.runner import run

    from conftest import make_config

    config = make_config(tmp_path, stages=["relations"], relations={"indicators": str(tmp_path / "none.tsv")})
    with pytest.raises(SetupError, match="relations.indicators"):
        run(config, progress=False)
    assert not (tmp_path / "run").exists()
