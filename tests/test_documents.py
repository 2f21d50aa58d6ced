import pandas as pd
import pytest

from pipeline.tables import SCHEMAS, read_table

from conftest import SEEDS, raw_of

EXPECTED = {
    "000_2d93b1e7ef561c47": ("江苏省司法厅", 2022, "2023-03-27"),
    "001_9ab697e020cfd5b9": ("赣州市司法局", 2022, None),
    "002_bd13dfb2e7ae469e": ("重庆两江新区司法局", 2022, None),
    "003_c00ca69fb3eee698": ("信阳市司法局", 2023, "2024-02-29"),
    "004_2276b09fdac000b3": ("舟山市司法局", 2023, "2024-02-26"),
}


def test_seed_metadata(seed_run):
    documents = read_table(seed_run, "documents").set_index("doc_id")
    for doc_id, (issuer, year, published) in EXPECTED.items():
        row = documents.loc[doc_id]
        assert row["issuer"] == issuer
        assert row["year"] == year
        assert (None if pd.isna(row["published"]) else row["published"]) == published
    assert documents.loc["000_2d93b1e7ef561c47", "title"] == "江苏省司法厅2022年度法治政府建设情况报告"
    assert pd.isna(documents.loc["001_9ab697e020cfd5b9", "title"])


def test_raw_text_is_the_file_and_n_chars_its_length(seed_run):
    documents = read_table(seed_run, "documents")
    for row in documents.itertuples():
        raw = raw_of(SEEDS / f"{row.doc_id}.txt")
        assert row.raw_text == raw
        assert row.n_chars == len(raw)


@pytest.mark.parametrize("table", ["documents", "sentences"])
def test_tables_have_the_contract_schema(seed_run, table):
    import pyarrow.parquet as pq

    assert pq.read_schema(seed_run / f"{table}.parquet") == SCHEMAS[table]
    assert len(pd.read_parquet(seed_run / f"{table}.parquet")) > 0


def _metadata(raw: str):
    from pipeline.text.furniture import find_furniture
    from pipeline.text.metadata import extract_metadata
    from pipeline.text.normalize import normalize

    text = normalize(raw).text
    return extract_metadata(text, [(span.start, span.end) for span in find_furniture(text)])


@pytest.mark.parametrize("raw, title, issuer, year", [
    # a title after breadcrumbs and a site header, the addressee line never the issuer
    ("您当前所在的位置：首页 > 专题专栏\n\n宁乡县教育局 2024年法治政府建设年度报告\n\n发布时间：2025-01-02\n\n"
     "县委、县政府：\n\n2024年，宁乡县教育局深入学习贯彻习近平法治思想。",
     "宁乡县教育局 2024年法治政府建设年度报告", "宁乡县教育局", 2024),
    # a title split after its issuer; a site's label before a title; a place alone issues as its government
    ("长沙市人民政府关于\n2023年度法治政府建设情况的报告\n时间：2024-03-01 来源：\n2023年，市政府坚持依法行政。",
     "长沙市人民政府关于2023年度法治政府建设情况的报告", "长沙市人民政府", 2023),
    ("[权威发布]湖南省2018年法治政府建设情况报告\n2018年，全省各级行政机关依法行政。",
     "湖南省2018年法治政府建设情况报告", "湖南省人民政府", 2018),
    ("2021年度成都市郫都区法治政府建设情况报告\n2021年，郫都区委区政府坚持依法行政。",
     "2021年度成都市郫都区法治政府建设情况报告", "成都市郫都区人民政府", 2021),
    # no title: the subject of the opening sentence, completed from the places the text names
    ("2020年，市生态环境局坚持以习近平法治思想为指导，推进上海生态环境法治建设。", None, "上海市生态环境局", 2020),
    ("2024年，省人社厅坚持依法行政，推动湖南人社事业发展。现将有关情况报告如下：\n一、主要举措",
     None, "湖南省人力资源和社会保障厅", 2024),
    ("请输入检索词\n2021年，即墨区政府坚持依法行政。", None, "青岛市即墨区人民政府", 2021),
    ("省政府、市委、市人大：\n2018年，我市落实法治政府建设工作，建设鹤岗新城。", None, "鹤岗市人民政府", 2018),
    ("2024年，在生态环境部的指导下，我厅深入学习。修订《四川省生态环境厅行政规范性文件管理办法》。",
     None, "四川省生态环境厅", 2024),
    ("2022年，区政府坚持依法行政，铜梁区法治建设成效明显。", None, "重庆市铜梁区人民政府", 2022),
    # a place the lexicon names otherwise (伊犁哈萨克自治州); a district several cities have
    ("2023年，伊犁州水利局在州党委的领导下推进依法行政。", None, "伊犁州水利局", 2023),
    ("2023年，区应急管理局坚持依法行政，城中区安全形势稳定。", None, "城中区应急管理局", 2023),
    # the place whose rule-of-law government the opening is about
    ("2025年，中村乡法治政府建设工作在市委的领导下稳步推进。", None, "中村乡人民政府", 2025),
    # a fourth batch: a prefecture by short form and level, not a county inside a class (全州各级党委);
    # a report that names its own issuer; a development zone's committee
    ("2023年，在省委、省政府的坚强领导下，红河州坚持依法行政。全州各级党委统筹推进。", None, "红河州人民政府", 2023),
    ("根据《法治政府建设与责任落实督察工作规定》要求，现将省政府2022年度法治政府建设情况报告如下。\n湖南省全面推进依法行政。",
     None, "湖南省人民政府", 2022),
    ("天津滨海高新区2024年度法治政府建设情况报告\n2024年，滨海高新区坚持依法行政。",
     "天津滨海高新区2024年度法治政府建设情况报告", "天津滨海高新区管理委员会", 2024),
    ("三都镇2025年法治政府建设年度报告\n2025年，三都镇深入学习贯彻习近平法治思想。",
     "三都镇2025年法治政府建设年度报告", "三都镇人民政府", 2025),
    ("中梁山街道关于2025年度法治政府建设情况的报告\n2025年以来，中梁山街道坚持依法行政。",
     "中梁山街道关于2025年度法治政府建设情况的报告", "中梁山街道办事处", 2025),
    ("满族屯满族乡2024年度法治政府建设报告\n2024年，在旗委、旗政府的坚强领导下，满族屯满族乡人民政府依法行政。",
     "满族屯满族乡2024年度法治政府建设报告", "满族屯满族乡人民政府", 2024),
    # the topic of a title the opening cites is no body (`《广东省法治政府建设实施纲要》`)
    ("根据《广东省法治政府建设实施纲要》和江门市有关工作部署，我局积极开展法治建设。\n2023年，全局推进依法行政。",
     None, None, 2023),
    # the year the opening names, not the one the text happens to cite first
    ("2016年，省政府认真贯彻落实《纲要》，海南省法治政府建设取得成效，2013年以来成效显著。",
     None, "海南省人民政府", 2016),
])
def test_metadata_of_other_issuers(raw, title, issuer, year):
    meta = _metadata(raw)
    assert (meta.title, meta.issuer, meta.year) == (title, issuer, year)
