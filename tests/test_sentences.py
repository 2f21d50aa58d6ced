import re

from pipeline.tables import read_table
from pipeline.text.furniture import find_furniture
from pipeline.text.normalize import normalize
from pipeline.text.sentences import split_sentences

from conftest import SEEDS, raw_of


def test_every_sentence_round_trips_to_raw(seed_run):
    sentences = read_table(seed_run, "sentences")
    for doc_id, group in sentences.groupby("doc_id"):
        raw = raw_of(SEEDS / f"{doc_id}.txt")
        for row in group.itertuples():
            assert normalize(raw[row.start:row.end]).text == row.text
            assert "\n" not in raw[row.start:row.end]


def test_sentences_and_furniture_cover_the_raw_text_without_overlap(seed_run):
    sentences = read_table(seed_run, "sentences")
    for path in sorted(SEEDS.glob("*.txt")):
        raw = raw_of(path)
        norm = normalize(raw)
        spans = [norm.raw_span(s.start, s.end) for s in find_furniture(norm.text)]
        rows = sentences[sentences.doc_id == path.stem]
        spans += list(zip(rows.start, rows.end))
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start
        covered = set()
        for start, end in spans:
            covered.update(range(start, end))
        uncovered = "".join(ch for i, ch in enumerate(raw) if i not in covered)
        assert uncovered.strip() == ""


def test_headings_are_sentences_and_set_the_section():
    text = "一、坚持政治引领\n（五）聚焦法治强基，持续加强队伍建设。加强培训3次。\n二、其他工作\n完成。"
    sentences = [(text[s.start:s.end], s.section, s.is_heading) for s in split_sentences(text)]
    assert sentences == [
        ("一、坚持政治引领", None, True),
        ("（五）聚焦法治强基，持续加强队伍建设。", "一、坚持政治引领", True),
        ("加强培训3次。", "一、坚持政治引领 > （五）聚焦法治强基，持续加强队伍建设", False),
        ("二、其他工作", None, True),
        ("完成。", "二、其他工作", False),
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    text = "他说：“依法行政。”随后开会。（详见附件。）下一句。"
    pieces = [text[s.start:s.end] for s in split_sentences(text)]
    assert pieces == ["他说：“依法行政。”", "随后开会。", "（详见附件。）", "下一句。"]


def test_run_on_text_is_split_at_semicolons_and_enumerations():
    clause = "推进严格规范公正文明执法加强行政执法协调监督" * 3
    text = f"一是{clause}；{clause}二是{clause}，三是{clause}"
    pieces = [text[s.start:s.end] for s in split_sentences(text, max_chars=100)]
    assert all(len(piece) <= 100 for piece in pieces)
    assert pieces[0] == f"一是{clause}；"
    assert any(piece.startswith("三是") for piece in pieces)
    assert "".join(pieces) == text


def test_no_sentence_is_longer_than_max_chars():
    clauses = "，".join(["全市办理法律援助案件1200件"] * 500)
    no_breaks = "依法行政" * 400 + "12345678901234567890" + "依法行政" * 10
    title = "《关于" + "、".join(["规范行政执法"] * 8) + "的决定》"
    for text in (clauses, no_breaks, f"{title}，" + clauses):
        sentences = split_sentences(text, max_chars=150)
        pieces = [text[s.start:s.end] for s in sentences]
        assert max(map(len, pieces)) <= 150 and "".join(pieces) == text
    pieces = [clauses[s.start:s.end] for s in split_sentences(clauses, max_chars=150)]
    assert all(piece.endswith("件，") and len(piece) > 150 - 15 for piece in pieces[:-1])  # whole clauses, packed
    assert not any(re.search(r"\d$", a) and re.match(r"\d", b)  # a hard cut never splits a number
                   for a, b in zip(*[[no_breaks[s.start:s.end] for s in split_sentences(no_breaks, max_chars=150)]] * 2))
    with_title = f"{title}，" + clauses
    first = split_sentences(with_title, max_chars=150)[0]
    assert with_title[first.start:first.end].startswith(title)   # a title is never cut


def test_seed_004_has_no_giant_sentences(seed_run):
    sentences = read_table(seed_run, "sentences")
    lengths = (sentences.end - sentences.start)[sentences.doc_id.str.startswith("004")]
    assert lengths.max() < 300
    assert (lengths > 200).sum() <= 1


def test_seed_sections(seed_run):
    sentences = read_table(seed_run, "sentences")
    doc = sentences[sentences.doc_id.str.startswith("003")]
    row = doc[doc.text.str.startswith("制定《市司法局党组理论学习中心组学习计划》")].iloc[0]
    assert row.section == "一、坚持党的领导，把稳全面依法治市正确方向 > （一）深入学习习近平法治思想"
    assert re.fullmatch(r"\d{4}年2月29日", doc.iloc[-1].text)
