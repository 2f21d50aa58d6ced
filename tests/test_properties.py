"""Properties of the pure text functions and of the whole pipeline on generated text (issue 17):
offsets always map back into the raw text, sentences cover what is not furniture, no exception.
The suite runs the `ci` profile; `--hypothesis-profile=long` runs thousands of examples."""
from __future__ import annotations

import math
import re

import pytest
from hypothesis import example, given, strategies as st

from pipeline.config import validate_config
from pipeline.document import Document
from pipeline.inputs import InputError, decode
from pipeline.stages import STAGES, resolve
from pipeline.tables import to_arrow
from pipeline.text.furniture import find_furniture
from pipeline.text.lines import stripped_lines
from pipeline.text.metrics import link
from pipeline.text.normalize import normalize
from pipeline.text.numerals import NotANumber, parse_number
from pipeline.text.quantities import find_quantities
from pipeline.text.sentences import split_sentences

from conftest import ROOT
from strategies import NUMBERS, report_texts

DELETED = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]|\r(?=\n)")
TABLES_WITH_RAW_TEXT = ("entities", "relations")


@given(report_texts(), st.booleans())
def test_every_normalised_character_comes_from_one_raw_character_in_order(raw, simplify):
    norm = normalize(raw, simplify)
    offsets = norm.raw_offsets.tolist()
    assert len(offsets) == len(norm.text) and norm.raw_length == len(raw)
    assert all(a < b for a, b in zip(offsets, offsets[1:]))
    # covering: a raw character is either kept or one of the characters normalisation deletes
    assert sorted({*offsets, *(m.start() for m in DELETED.finditer(raw))}) == list(range(len(raw)))
    for start in range(0, len(norm.text) + 1, 7):
        for end in (start, start + 1, start + 13):
            end = min(end, len(norm.text))
            raw_start, raw_end = norm.raw_span(start, end)
            assert 0 <= raw_start <= raw_end <= len(raw)
            assert len(DELETED.sub("", raw[raw_start:raw_end])) == max(end - start, 0)


@given(report_texts())
def test_sentences_cover_the_non_furniture_text_without_overlap(raw):
    text = normalize(raw).text
    furniture = [(s.start, s.end) for s in find_furniture(text)]
    sentences = split_sentences(text, furniture, max_chars=40)
    spans = sorted([*furniture, *((s.start, s.end) for s in sentences)])
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start
    covered = set()
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert "\n" not in text[start:end]
        covered.update(range(start, end))
    assert "".join(text[i] for i in range(len(text)) if i not in covered).strip() == ""
    for sentence in sentences:
        assert sentence.end - sentence.start <= 40
        assert not text[sentence.start].isspace() and not text[sentence.end - 1].isspace()
    for span in furniture:  # furniture is whole lines
        assert span in set(stripped_lines(text))


@given(report_texts())
@example(":，" + "《中华人民共和国行政处罚法》" * 50)
def test_a_line_normalises_alone_as_in_its_document(raw):
    # the line, not the sentence, is the unit: its punctuation is Chinese when it holds Chinese,
    # so `:，`, a sentence cut from this line at max_chars, is `：，` in it (found by the long profile)
    norm = normalize(raw)
    for start, end in stripped_lines(norm.text):
        raw_start, raw_end = norm.raw_span(start, end)
        assert normalize(raw[raw_start:raw_end]).text == norm.text[start:end]


@given(st.one_of(st.sampled_from(NUMBERS), st.text(alphabet="0123456789.,零〇一二两三四五六七八九十百千万亿点", max_size=12)))
def test_a_numeral_parses_or_is_not_a_number(text):
    try:
        value = parse_number(text)
    except NotANumber:
        return
    assert not math.isnan(value)


@given(report_texts(max_pieces=15))
def test_quantities_and_relations_lie_inside_their_sentence(raw):
    text = normalize(raw).text
    for sentence in split_sentences(text, [], max_chars=150):
        clause = text[sentence.start:sentence.end]
        quantities = find_quantities(clause)
        for quantity in quantities:
            assert 0 <= quantity.start <= quantity.number_start < quantity.end <= len(clause)
        for relation in link(clause, quantities, [], 2023):
            for span in (relation.metric, relation.subject):
                assert span is None or 0 <= span[0] < span[1] <= len(clause)


@pytest.fixture(scope="module", params=[{}, {"normalize": {"traditional_to_simplified": False},
                                             "sentences": {"max_chars": 20}, "tokens": {"segmenter": "jieba"}}],
                ids=["default", "no_t2s_short_sentences_jieba"])
def stages(request):
    config = validate_config({"stages": ["normalize", "sentences", "tokens", "entities", "relations"],
                              "tokens": {"model": str(ROOT / "models" / "pkuseg-pku")}, **request.param})
    return [STAGES[name](config) for name in resolve(config.stages)]


@given(raw=report_texts())
def test_the_pipeline_runs_and_every_row_maps_back_to_the_raw_text(stages, raw):
    data = raw.encode("utf-8")
    try:
        raw = decode(data, "generated.txt", "utf-8")
    except InputError as error:
        assert "\n" not in str(error)
        return
    doc = Document(doc_id="generated", path="generated.txt", raw=raw, sha256="0")
    for stage in stages:
        stage.process([doc])
    for table, rows in doc.rows.items():
        to_arrow(table, rows)  # every row fits the table's schema
        for row in rows:
            if "start" not in row or "text" not in row:  # documents; indicators repeat relations
                continue
            assert 0 <= row["start"] < row["end"] <= len(raw), (table, row)
            span = raw[row["start"]:row["end"]]
            if table in TABLES_WITH_RAW_TEXT:
                assert span == row["text"]
            else:  # sentences and tokens hold the normalised text of exactly that raw span
                assert len(DELETED.sub("", span)) == len(row["text"]), (table, row)
    sentences = doc.rows["sentences"]
    for row in doc.rows["relations"]:
        sentence = sentences[row["sent_id"]]
        assert sentence["start"] <= row["start"] < row["end"] <= sentence["end"]
        if row["metric"] is not None:
            assert sentence["start"] <= row["metric_start"] < row["metric_end"] <= sentence["end"]
    for row in doc.rows["entities"]:
        sentence = sentences[row["sent_id"]]
        assert sentence["start"] <= row["start"] < row["end"] <= sentence["end"]
    for sent_id, sentence in enumerate(sentences):  # the tokens of a sentence spell it, spaces aside
        words = "".join(t["text"] for t in doc.rows["tokens"] if t["sent_id"] == sent_id)
        assert words == "".join(sentence["text"].split())


# A line of sentences, closing quotes and spaces, without the Latin marks (`.!?`, `…`) for which
# the sentences stage calls HanLP itself.
_SENTENCE_PIECES = st.sampled_from(["法治政府", "建设", "。", "！", "？", "”", "’", "，", " ", "\u3000", "“", "；"])


@given(st.lists(_SENTENCE_PIECES, max_size=30).map("".join))
def test_the_sentence_cuts_of_a_line_without_latin_marks_are_hanlps(line):
    from hanlp.utils.rules import split_sentence

    from pipeline.text.sentences import _LATIN_SENTENCE_MARK, _found_spans, _hanlp_spans

    assert not _LATIN_SENTENCE_MARK.search(line)
    assert _hanlp_spans(line) == _found_spans(line, split_sentence(line))


def test_the_sentence_cuts_of_the_seed_lines_are_hanlps():
    from hanlp.utils.rules import split_sentence

    from pipeline.text.sentences import _found_spans, _hanlp_spans

    lines = [line for path in sorted((ROOT / "seeds").glob("*.txt"))
             for line in normalize(path.read_text(encoding="utf-8")).text.splitlines()]
    assert len(lines) > 100
    assert all(_hanlp_spans(line) == _found_spans(line, split_sentence(line)) for line in lines)
