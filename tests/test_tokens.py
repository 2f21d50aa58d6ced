"""The tokens stage with the shipped pkuseg model, and a tiny pkuseg training run."""
from pathlib import Path

import pytest

from pipeline.segmentation import build_tokenizer_pipeline, score_words
from pipeline.runner import run
from pipeline.tables import SCHEMAS, read_table

from conftest import ROOT, SEEDS, make_config, requires_shared

SHIPPED = ROOT / "models" / "pkuseg-pku"


def test_the_shipped_model_loads_offline_and_segments():
    nlp = build_tokenizer_pipeline("pkuseg", SHIPPED)
    words = [t.text for t in nlp.make_doc("全市办理法律援助案件近1万件")]
    assert "".join(words) == "全市办理法律援助案件近1万件"
    assert "法律" in words or "法律援助" in words
    assert len(words) < 10


def test_tokens_cover_each_sentence_exactly(tmp_path):
    config = make_config(tmp_path, stages=["tokens"], inputs=[str(SEEDS / "003_c00ca69fb3eee698.txt")],
                         tokens={"segmenter": "pkuseg", "model": str(SHIPPED)})
    run(config, progress=False)
    tokens, sentences = read_table(tmp_path / "run", "tokens"), read_table(tmp_path / "run", "sentences")
    raw = (SEEDS / "003_c00ca69fb3eee698.txt").read_text(encoding="utf-8")
    assert list(read_table(tmp_path / "run", "tokens").columns) == SCHEMAS["tokens"].names
    for sentence in sentences.itertuples():
        inside = tokens[tokens.sent_id == sentence.sent_id].sort_values("start")
        assert inside.start.iloc[0] == sentence.start and inside.end.iloc[-1] == sentence.end
        covered = "".join(raw[s:e] for s, e in zip(inside.start, inside.end))
        assert covered == "".join(raw[sentence.start:sentence.end].split())
        assert "".join(inside.text) == "".join(sentence.text.split())


@pytest.mark.parametrize("segmenter", ["char"])
def test_char_segmenter_gives_one_token_per_character(segmenter):
    nlp = build_tokenizer_pipeline(segmenter)
    assert [t.text for t in nlp.make_doc("市司法局")] == ["市", "司", "法", "局"]


def test_word_scores():
    gold = [["全市", "办理", "案件"]]
    assert score_words(gold, [["全市", "办理", "案件"]])["f1"] == 1.0
    half = score_words(gold, [["全", "市办理", "案件"]])
    assert (half["precision"], half["recall"]) == (pytest.approx(1 / 3, abs=1e-4), pytest.approx(1 / 3, abs=1e-4))


def test_a_tiny_pkuseg_training_run_gives_a_usable_model(tmp_path):
    from pipeline.config import TrainSegConfig
    from pipeline.train.seg import train_segmenter

    lines = ["全市 办理 法律 援助 案件 近 1万 件", "市 司法局 受理 行政 复议 申请 893 件",
             "全省 律师 人数 突破 4万 人", "推进 法治 政府 建设"] * 5
    (tmp_path / "gold.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "words.txt").write_text("仲裁\n调解\n", encoding="utf-8")
    config = TrainSegConfig(data=str(tmp_path / "gold.txt"), train_fraction=0.8, dictionary=str(tmp_path / "words.txt"),
                            iterations=2, transfer_tests={}, output=str(tmp_path / "model"))
    meta = train_segmenter(config, "test")
    assert meta["data"] == {"train_lines": 16, "test_lines": 4, "dictionary_words": 2, "dictionary_lines": 2}
    assert meta["scores"]["ours"]["pku_heldout"]["f1"] > 0.5
    nlp = build_tokenizer_pipeline("pkuseg", tmp_path / "model")
    assert [t.text for t in nlp.make_doc("推进法治政府建设")] == ["推进", "法治", "政府", "建设"]
    assert (tmp_path / "model" / "README.md").exists()


def test_a_seeded_training_run_repeats(tmp_path):
    from pipeline.config import TrainSegConfig
    from pipeline.train.seg import train_segmenter

    lines = ["全市 办理 法律 援助 案件 近 1万 件", "市 司法局 受理 行政 复议 申请 893 件",
             "推进 法治 政府 建设", "全省 律师 人数 突破 4万 人", "开展 行政 执法 监督"] * 4
    (tmp_path / "gold.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    weights = {}
    for run, seed in (("a", 0), ("b", 0), ("c", 1)):
        config = TrainSegConfig(data=str(tmp_path / "gold.txt"), iterations=3, seed=seed, transfer_tests={},
                                output=str(tmp_path / run))
        train_segmenter(config, "test")
        weights[run] = (tmp_path / run / "weights.npz").read_bytes()
    assert weights["a"] == weights["b"] and weights["a"] != weights["c"]


def test_dictionary_words_go_into_copies_of_real_lines():
    from pipeline.train.seg import dictionary_lines

    train = [["推进", "法治", "政府", "建设"], ["全市", "办理", "法律援助", "案件"]]
    words = ["仲裁", "调解", "法治", "行政复议", "人民", "律", "公共法律服务"]
    copies = dictionary_lines(train, words, rate=0.5)
    placed = [word for line in copies for word in line if word not in {w for line in train for w in line}]
    assert sorted(placed) == ["人民", "仲裁", "行政复议", "调解"]  # unseen, 2-4 characters, each once
    assert all([len(w) for w in copy] in ([2, 2, 2, 2], [2, 2, 4, 2]) for copy in copies)  # boundaries kept


def test_user_dict_settings_are_pkusegs_own(seed_run):
    import spacy_pkuseg

    texts = list(read_table(seed_run, "sentences").text)[:60]
    for user_dict in (None, "default"):
        nlp = build_tokenizer_pipeline("pkuseg", SHIPPED, user_dict, resegment_unknown=False)
        library = spacy_pkuseg.pkuseg(model_name=str(SHIPPED), user_dict=user_dict)
        assert [[t.text for t in nlp.tokenizer(text) if not t.is_space] for text in texts] == \
            [library.cut(text) for text in texts]


def test_made_up_words_are_re_split_but_place_names_and_user_words_kept(tmp_path):
    text = "建立府院联动机制，推动海门市法治政府建设"
    model_alone = build_tokenizer_pipeline("pkuseg", SHIPPED, resegment_unknown=False)
    assert "市法" in [t.text for t in model_alone.make_doc(text)]  # made up at the seam of 海门 and 法治
    words = [t.text for t in build_tokenizer_pipeline("pkuseg", SHIPPED).make_doc(text)]
    assert "".join(words) == text
    assert {"海门市", "法治", "府院", "联动"} <= set(words)
    # a user-dictionary word is cut out before the model and never re-split, known or not
    (tmp_path / "words.txt").write_text("府院联动\n", encoding="utf-8")
    nlp = build_tokenizer_pipeline("pkuseg", SHIPPED, str(tmp_path / "words.txt"))
    assert "府院联动" in [t.text for t in nlp.make_doc(text)]


def test_the_config_switches_re_splitting(tmp_path):
    words = {}
    for resegment in (False, True):
        config = make_config(tmp_path / str(resegment), stages=["tokens"], inputs=[str(SEEDS / "*.txt")],
                             tokens={"resegment_unknown": resegment})
        run(config, progress=False)
        words[resegment] = set(read_table(tmp_path / str(resegment) / "run", "tokens").text)
    assert "平法" in words[False] and "平法" not in words[True]  # 习近 平法 治 → 习近平 法治
    assert "习近平" in words[True]


def test_dictionary_headwords_are_known_words():
    from pipeline.text.words import dictionary_words

    words = dictionary_words()
    assert {"一面之词", "违约金", "浮光掠影"} <= words and "一不做，二不休" not in words
    text = "法官不能只听一面之词"
    model_alone = [t.text for t in build_tokenizer_pipeline("pkuseg", SHIPPED, resegment_unknown=False).make_doc(text)]
    assert model_alone[-2:] == ["一面", "之词"]  # 之词 made up
    assert [t.text for t in build_tokenizer_pipeline("pkuseg", SHIPPED).make_doc(text)][-1] == "一面之词"


def test_re_splitting_made_up_words_lifts_the_held_out_pku_score():
    from pipeline.config import TrainSegConfig, load_yaml_config
    from pipeline.train.seg import read_segmented, split

    config = load_yaml_config(ROOT / "configs" / "train-seg.yaml", TrainSegConfig)
    _, test = split(read_segmented(requires_shared(ROOT / config.data)), config.train_fraction)
    f1 = {}
    for resegment in (False, True):
        nlp = build_tokenizer_pipeline("pkuseg", SHIPPED, resegment_unknown=resegment)
        f1[resegment] = score_words(test, [[t.text for t in nlp.make_doc("".join(words))] for words in test])["f1"]
    assert f1[True] > f1[False] + 0.01


def test_a_missing_model_is_a_clear_error_before_any_work(tmp_path):
    from pipeline.errors import SetupError

    config = make_config(tmp_path, stages=["tokens"], tokens={"segmenter": "pkuseg", "model": str(tmp_path / "none")})
    with pytest.raises(SetupError, match="not a pkuseg model folder"):
        run(config, progress=False)
    assert not Path(tmp_path / "run").exists()


def test_a_missing_user_dictionary_is_a_clear_error_before_any_work(tmp_path):
    from pipeline.errors import SetupError

    config = make_config(tmp_path, stages=["tokens"],
                         tokens={"segmenter": "pkuseg", "model": str(SHIPPED), "user_dict": str(tmp_path / "none.txt")})
    with pytest.raises(SetupError, match="user_dict"):
        run(config, progress=False)
    assert not Path(tmp_path / "run").exists()


@pytest.mark.parametrize("key", ["dictionary", "user_dict"])
def test_train_seg_with_a_missing_word_list_fails_before_training(tmp_path, key):
    from pipeline.config import TrainSegConfig
    from pipeline.errors import SetupError
    from pipeline.train.seg import train_segmenter

    (tmp_path / "gold.txt").write_text("推进 法治 政府 建设\n" * 10, encoding="utf-8")
    config = TrainSegConfig(data=str(tmp_path / "gold.txt"), transfer_tests={}, output=str(tmp_path / "model"),
                            **{key: str(tmp_path / "none.txt")})
    with pytest.raises(SetupError, match=key):
        train_segmenter(config, "test")
    assert not (tmp_path / "model").exists()
