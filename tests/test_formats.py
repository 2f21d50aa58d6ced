"""Reports as users have them (SPEC § Inputs): web pages, PDF and Word files built from seeds give
the entities and figures of the seed's `.txt` run, with offsets into the text their reader
extracted; the formats that cannot be read give a one-line error that says what to do."""
import json

import pandas as pd
import pytest
import yaml

from pipeline.cli import main
from pipeline.inputs import InputError, read_document
from pipeline.inputs.pdf import Line, drop_page_furniture, paragraphs
from pipeline.runner import run
from pipeline.tables import read_table

from conftest import ROOT, SEEDS, make_config, raw_of
from report_files import SHORT_REPORT, VARIANTS, docx_file, html_page, paragraphs_of, unreadable_files

# furniture-heavy (browser warnings, a breadcrumb, a QR prompt) and plain, with a closing date
FORMAT_SEEDS = ["002_bd13dfb2e7ae469e", "003_c00ca69fb3eee698"]
UNTITLED = "003_untitled_html"
HEADING = "信阳市司法局 关于2023年法治政府建设情况的报告"
ENTITY_COLUMNS = ["label", "text", "norm"]
FIGURE_COLUMNS = ["text", "value", "value_max", "unit", "qualifier", "metric", "subject", "year", "indicator"]


@pytest.fixture(scope="module")
def format_run(tmp_path_factory):
    """The default config's stages but tokens over the seeds' files of every format, and a page
    whose title is in a bar the extractor leaves out (its `<title>` stands in)."""
    folder = tmp_path_factory.mktemp("formats")
    for seed in FORMAT_SEEDS:
        text = raw_of(SEEDS / f"{seed}.txt")
        for variant, (suffix, build) in VARIANTS.items():
            (folder / f"{seed}_{variant}{suffix}").write_bytes(build(text))
    body = raw_of(SEEDS / "003_c00ca69fb3eee698.txt").split("\n", 1)[1]
    (folder / f"{UNTITLED}.html").write_bytes(html_page(body, "gbk", heading=HEADING))
    config = yaml.safe_load((ROOT / "configs" / "default.yaml").read_text(encoding="utf-8"))
    stages = [stage for stage in config["stages"] if stage != "tokens"]
    out = folder / "run"
    run(make_config(folder, inputs=[str(folder)], output=str(out), stages=stages), progress=False)
    return out


def rows_of(run_dir, table, doc_id, columns):
    frame = read_table(run_dir, table)
    frame = frame[frame.doc_id == doc_id][columns].astype(object)
    return sorted(map(tuple, frame.where(frame.notna(), None).values), key=repr)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("seed", FORMAT_SEEDS)
def test_each_format_gives_the_entities_figures_and_metadata_of_the_txt_run(seed_run, format_run, seed, variant):
    doc_id = f"{seed}_{variant}"
    assert rows_of(format_run, "entities", doc_id, ENTITY_COLUMNS) == rows_of(seed_run, "entities", seed, ENTITY_COLUMNS)
    assert rows_of(format_run, "relations", doc_id, FIGURE_COLUMNS) == rows_of(seed_run, "relations", seed, FIGURE_COLUMNS)
    document = read_table(format_run, "documents").set_index("doc_id").loc[doc_id]
    txt = read_table(seed_run, "documents").set_index("doc_id").loc[seed]
    assert (document.format, txt.format) == (variant.split("_")[0], "txt")
    assert [document.title, document.issuer, document.year] == [txt.title, txt.issuer, txt.year]


def test_every_offset_points_into_the_extracted_text(format_run):
    raw = read_table(format_run, "documents").set_index("doc_id").raw_text
    for table in ("entities", "relations"):
        rows = read_table(format_run, table)
        assert len(rows) > 200
        assert all(raw[row.doc_id][row.start:row.end] == row.text for row in rows.itertuples())


def test_the_readers_keep_the_paragraphs_and_leave_out_the_furniture(format_run):
    """One paragraph a line, as in the seed (spaces aside: a PDF's line break drops the one it
    stood for); the page's navigation and footer, the PDF's running header and page numbers, the
    Word file's page header are not in the raw text."""
    raw = read_table(format_run, "documents").set_index("doc_id").raw_text
    for seed in FORMAT_SEEDS:
        seed_paragraphs = ["".join(p.split()) for p in paragraphs_of(raw_of(SEEDS / f"{seed}.txt"))]
        for variant in VARIANTS:
            text = raw[f"{seed}_{variant}"]
            assert ["".join(p.split()) for p in paragraphs_of(text)] == seed_paragraphs, variant
            for furniture in ("互动交流", "网站标识码", "上一篇", "依法行政专栏", "第 1 页", "政务服务网"):
                assert furniture not in text, (variant, furniture)


def test_a_page_without_a_title_line_takes_its_title_tag_and_its_meta_date(seed_run, format_run):
    documents = read_table(format_run, "documents").set_index("doc_id")
    txt = read_table(seed_run, "documents").set_index("doc_id").loc["003_c00ca69fb3eee698"]
    untitled = documents.loc[UNTITLED]
    assert HEADING not in untitled.raw_text
    assert untitled.title == txt.title == HEADING
    assert (untitled.issuer, untitled.year) == (txt.issuer, txt.year)
    # the text's own closing date wins over the page's; a page whose text has none takes the page's
    assert untitled.published == "2024-02-29"
    assert pd.isna(read_table(seed_run, "documents").set_index("doc_id").loc["002_bd13dfb2e7ae469e", "published"])
    assert documents.loc["002_bd13dfb2e7ae469e_html_gbk", "published"] == "2024-02-26"


def _line(text, x0, top, x1=500.0, first_unit_width=12.0):
    return Line(text, x0, x1, top, top + 12, first_unit_width)


def test_pdf_lines_of_a_paragraph_join_and_page_furniture_goes():
    """Page 1: a running header, the title repeating it, a paragraph over two lines and the page
    number; page 2: the header, a paragraph over two lines with an English phrase broken between
    words, and the page number."""
    pages = [
        [_line("某市司法局 2023年报告", 72, 40), _line("某市司法局 2023年报告", 200, 70, x1=400),
         _line("一是加强行政复议工作,全年办理", 96, 100),
         _line("案件120件。", 72, 120, x1=150), _line("- 1 -", 290, 800, x1=310)],
        [_line("某市司法局 2023年报告", 72, 40), _line("二是深化普法,开展活动,发放资料3万余份,", 96, 100),
         _line("覆盖群众20万人,主题 Rule of", 72, 120), _line("Law Day。", 72, 140, x1=130, first_unit_width=30),
         _line("- 2 -", 290, 800, x1=310)],
    ]
    assert paragraphs(drop_page_furniture(pages)) == [
        "某市司法局 2023年报告", "一是加强行政复议工作,全年办理案件120件。", "二是深化普法,开展活动,发放资料3万余份,覆盖群众20万人,主题 Rule of Law Day。"]


BAD_FILES = [
    ("report.doc", "Word 97-2003 .doc files are not read: save it as .docx"),
    ("report.wps", "save it as .docx in WPS"),
    ("renamed.docx", "a Word 97-2003 (.doc) or WPS file named .docx"),
    ("broken.docx", "not a Word .docx file"),
    ("scanned.pdf", "PDF without a text layer (scanned?): OCR is not done here"),
    ("encrypted.pdf", "encrypted PDF: open it with its password"),
    ("copy_protected.pdf", "the PDF's text cannot be decoded"),
    ("page.pdf", "not a PDF file"),
    ("pdf_as_page.html", "not an HTML page: the file is a PDF (name it .pdf)"),
    ("pdf_as_text.txt", "not a text document: the file is a PDF (name it .pdf)"),
]


def test_every_unreadable_kind_is_tested():
    assert sorted(name for name, _ in BAD_FILES) == sorted(unreadable_files())


@pytest.mark.parametrize("name, reason", BAD_FILES)
def test_a_format_that_cannot_be_read_fails_with_one_line_saying_what_to_do(tmp_path, capsys, name, reason):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(raw_of(SEEDS / "003_c00ca69fb3eee698.txt"), encoding="utf-8")
    path = folder / name
    path.write_bytes(unreadable_files()[name])
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"inputs": [str(folder)], "output": str(tmp_path / "out"),
                                      "stages": ["normalize"]}), encoding="utf-8")
    assert main(["run", str(config), "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(path) in err and reason in err
    assert not (tmp_path / "out").exists()


def test_skip_records_an_unreadable_format_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.docx").write_bytes(docx_file(raw_of(SEEDS / "003_c00ca69fb3eee698.txt")))
    (folder / "report.doc").write_bytes(unreadable_files()["report.doc"])
    (folder / "notes.md.bak").write_text("not a report", encoding="utf-8")  # no report extension: not an input
    info = run(make_config(tmp_path, inputs=[str(folder)], on_error="skip", stages=["normalize"]), progress=False)
    assert [(doc["doc_id"], doc["format"]) for doc in info["inputs"]] == [("a_good", "docx")]
    assert [skipped["path"] for skipped in info["skipped"]] == [str(folder / "report.doc")]
    assert json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))["skipped"] == info["skipped"]


def test_a_gb2312_page_with_gbk_characters_is_read(tmp_path):
    """Pages labelled GB2312 use GBK's characters (`镕`, `堃` are not in GB2312)."""
    path = tmp_path / "page.htm"
    path.write_bytes(html_page("朱镕基与李堃同志的报告\n一是依法行政。二是严格执法,全年办理案件120件,涉及朱镕基、李堃等人的来信10封。",
                               "gbk").replace(b"charset=gbk", b"charset=gb2312"))
    document = read_document(path, "utf-8")
    assert (document.format, document.page_published) == ("html", "2024-02-26")
    assert "李堃等人的来信10封" in document.raw


def test_a_page_that_declares_no_charset_is_read_with_the_configured_encoding(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(html_page(SHORT_REPORT, "gbk").replace(b' charset=gbk"', b'"'))
    with pytest.raises(InputError, match=r"page.html: not valid utf-8 at byte \d+ \(set `encoding:`"):
        read_document(path, "utf-8")
    assert "全年办理案件1200件。" in read_document(path, "gbk").raw


def test_a_page_that_declares_an_unknown_charset_is_an_error(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(html_page(SHORT_REPORT).replace(b"charset=utf-8", b"charset=klingon"))
    with pytest.raises(InputError, match="page.html: the page declares an unknown charset 'klingon'"):
        read_document(path, "utf-8")
