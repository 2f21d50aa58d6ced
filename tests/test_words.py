"""Re-splitting the words a segmenter made up into words it knows (pipeline/text/words.py)."""
from pipeline.text.words import fewest_words, resegment_unknown

KNOWN = {"劝", "村民", "先", "在", "在外", "外", "打工", "法制", "备忘录", "制备", "忘录", "年", "大", "二十", "司法", "厅"}


def known(word: str) -> bool:
    return word in KNOWN


def test_a_made_up_run_is_re_split_with_its_neighbours():
    assert resegment_unknown(["劝村", "民先", "。"], known) == ["劝", "村民", "先", "。"]
    assert resegment_unknown(["法制备", "忘录"], known) == ["法制", "备忘录"]
    # the seam is the neighbour's: `外打工` made up after `在`
    assert resegment_unknown(["在", "外打工"], known) == ["在外", "打工"]


def test_known_words_single_characters_and_uncoverable_words_stay():
    assert resegment_unknown(["村民", "在", "外"], known) == ["村民", "在", "外"]
    assert resegment_unknown(["银杏树", "先"], known) == ["银杏树", "先"]  # no known cover


def test_numbers_numerals_and_latin_are_never_judged():
    # pkuseg reads digits and numerals as classes: its word list cannot judge these
    for words in (["2022年", "司法厅"], ["二十大"], ["APP", "先"]):
        assert resegment_unknown(words, known)[:1] == words[:1]
    # and a number is not pulled into a neighbour's cover
    assert resegment_unknown(["2022", "司法厅"], known) == ["2022", "司法", "厅"]


def test_among_the_fewest_words_the_segmenters_boundaries_win():
    known_here = {"履", "行市", "履行", "市", "法治"}.__contains__
    # the model's `履行 市法 治`: the made-up seam is 市法, 履行 was right
    assert fewest_words("履行市法治", known_here, frozenset({2, 4})) == ["履行", "市", "法治"]
    assert fewest_words("履行市法治", known_here) == ["履", "行市", "法治"]
    assert resegment_unknown(["履行", "市法", "治"], known_here) == ["履行", "市", "法治"]


def test_fewest_words_prefers_longer_later_words():
    assert fewest_words("法制备忘录", known) == ["法制", "备忘录"]
    # two covers of two words: the one with the longer last word, as backward maximum matching
    assert fewest_words("研究生命", {"研究", "研究生", "生命", "命"}.__contains__) == ["研究", "生命"]
    assert fewest_words("研究生命", {"研究", "研究生", "生", "命"}.__contains__) == ["研究生", "命"]
    assert fewest_words("劝村民先", known) == ["劝", "村民", "先"]
    assert fewest_words("银杏", known) is None
