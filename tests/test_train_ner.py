"""A tiny NER training run: a loadable model that predicts, within the suite's time budget; and
the annotation-tool exports it accepts."""
import json

import pytest

from pipeline.config import TrainNerConfig
from pipeline.ner.examples import export_examples, gold_examples
from pipeline.ner.pipeline import build_entity_pipeline
from pipeline.train.ner import available_gold, collect_examples, train_ner

from conftest import GOLD, ROOT, SEEDS, SHARED


def test_gold_conversion_keeps_every_entity_inside_a_sentence(gold):
    examples = list(gold_examples(GOLD, SEEDS))
    assert sum(len(spans) for _, spans in examples) == sum(len(d["entities"]) for d in gold.values())
    text, spans = next((t, s) for t, s in examples if s)
    assert all(0 <= s < e <= len(text) for s, e, _ in spans)


def test_leaving_a_document_out(gold):
    left_out = "000_2d93b1e7ef561c47"
    kept = list(gold_examples(GOLD, SEEDS, exclude=[left_out]))
    assert not any("江苏省司法厅坚持" in text for text, _ in kept)


def test_an_absent_gold_source_is_skipped_with_a_message(tmp_path, capsys, gold):
    kept = "003_c00ca69fb3eee698"
    config = TrainNerConfig(gold=[{"annotations": str(GOLD), "documents": str(SEEDS)},
                                  {"annotations": str(tmp_path / "absent.jsonl"), "documents": str(SEEDS)}],
                            exclude_documents=[doc_id for doc_id in gold if doc_id != kept],
                            silver=None, cluener=None, msra=None)
    examples = collect_examples(config)["gold"]
    assert sum(len(spans) for _, spans in examples) == len(gold[kept]["entities"])
    assert f"skipped gold source {tmp_path / 'absent.jsonl'}" in capsys.readouterr().out


def test_the_training_config_trains_on_the_wide_gold_when_it_is_present(monkeypatch):
    from pipeline.config import load_yaml_config

    if not (SHARED / "annotation" / "wide" / "wide.gold.jsonl").exists() or not (ROOT / "data" / "wide").exists():
        pytest.skip("the wide gold (../shared) or its texts (data/wide) are absent")
    monkeypatch.chdir(ROOT)
    config = load_yaml_config(ROOT / "configs" / "train-ner.yaml", TrainNerConfig)
    assert [source.documents for source in available_gold(config.gold)] == ["seeds", "data/wide"]


def test_doccano_and_label_studio_exports(tmp_path):
    text = "市司法局推动出台江苏省社会信用条例"
    doccano = tmp_path / "doccano.jsonl"
    doccano.write_text(json.dumps({"text": text, "label": [[0, 4, "ORG"], [8, 17, "REG"]]}, ensure_ascii=False),
                       encoding="utf-8")
    label_studio = tmp_path / "ls.json"
    label_studio.write_text(json.dumps([{"data": {"text": text}, "annotations": [{"result": [
        {"type": "labels", "value": {"start": 0, "end": 4, "labels": ["ORG"]}},
        {"type": "labels", "value": {"start": 8, "end": 17, "labels": ["REG"]}}]}]}], ensure_ascii=False),
        encoding="utf-8")
    for path, kind in ((doccano, "doccano"), (label_studio, "label_studio")):
        [(sentence, spans)] = list(export_examples(path, kind))
        assert [(sentence[s:e], label) for s, e, label in spans] == [("市司法局", "ORG"), ("江苏省社会信用条例", "REG")]


TINY = [
    ("在市委、市政府的正确领导下，市司法局深入贯彻落实宪法和民法典。",
     [("市委", "ORG"), ("市政府", "ORG"), ("市司法局", "ORG"), ("宪法", "REG"), ("民法典", "REG")]),
    ("省司法厅推动出台江苏省社会信用条例。", [("省司法厅", "ORG"), ("江苏省社会信用条例", "REG")]),
    ("国务院印发法治政府建设实施纲要。", [("国务院", "ORG"), ("法治政府建设实施纲要", "REG")]),
    ("市检察院和市律师协会联合开展普法活动。", [("市检察院", "ORG"), ("市律师协会", "ORG")]),
]


def doccano_line(text, names):
    spans = [[text.index(name), text.index(name) + len(name), label] for name, label in names]
    return json.dumps({"text": text, "label": spans}, ensure_ascii=False)


def test_a_tiny_training_run_gives_a_loadable_model_that_predicts(tmp_path):
    export = tmp_path / "tiny.jsonl"
    export.write_text("\n".join(doccano_line(text, names) for text, names in TINY), encoding="utf-8")
    config = TrainNerConfig(
        output=str(tmp_path / "model"), gold=[], silver=None, cluener=None, msra=None,
        exports=[{"path": str(export), "format": "doccano"}], gold_repeat=50, dev_fraction=0.25,
        overrides={"training.max_steps": 80, "training.eval_frequency": 40, "training.patience": 0,
                   "training.batcher.size.start": 100, "training.batcher.size.stop": 100},
    )
    card = train_ner(config, "test")
    assert card["sentences"]["exports"] == 4
    nlp = build_entity_pipeline("model", tmp_path / "model")
    doc = nlp(TINY[1][0])
    assert len(doc.ents) > 0
    assert (tmp_path / "model" / "README.md").read_text(encoding="utf-8").startswith("# ner_zh_gov")


@pytest.mark.parametrize("method", ["model", "both"])
def test_the_shipped_model_loads_offline_and_finds_entities(tmp_path, method):
    from pipeline.config import validate_config
    from pipeline.runner import run
    from pipeline.tables import read_table

    from conftest import ROOT

    config = validate_config({"inputs": [str(SEEDS / "003_c00ca69fb3eee698.txt")], "output": str(tmp_path / "run"),
                              "stages": ["entities"],
                              "entities": {"method": method, "model": str(ROOT / "models" / "ner-zh-gov")}})
    info = run(config, progress=False)
    assert info["models"]["entities"]["model_meta"]["name"] == "ner_zh_gov"
    entities = read_table(tmp_path / "run", "entities")
    assert {"ORG", "REG"} <= set(entities.label)
    assert "信阳市司法局" in set(entities.text)


def test_a_hanlp_tagger_trains_offline_learns_and_loads_by_path(tmp_path):
    from pipeline.train.hanlp_ner import train_hanlp_ner

    export = tmp_path / "tiny.jsonl"
    export.write_text("\n".join(doccano_line(text, names) for text, names in TINY), encoding="utf-8")
    config = TrainNerConfig(gold=[], silver=None, cluener=None, msra=None, gold_repeat=50, dev_fraction=0.25,
                            exports=[{"path": str(export), "format": "doccano"}])
    info = train_hanlp_ner(config, tmp_path / "hanlp", epochs=20)
    assert info["train_sentences"] == 150
    alone = build_entity_pipeline("model", tmp_path / "hanlp", trust_model_code=True)
    found = {(e.text, e.label_) for e in alone(TINY[0][0]).ents}
    assert len(found & {("市委", "ORG"), ("市政府", "ORG"), ("市司法局", "ORG")}) >= 2  # learnt, not guessed
    nlp = build_entity_pipeline("both", tmp_path / "hanlp", trust_model_code=True)
    assert nlp.pipe_names[0] == "hanlp_ner"
    doc = nlp(TINY[1][0])
    assert ("江苏省社会信用条例", "REG") in [(e.text, e.label_) for e in doc.ents]


def test_both_skips_the_model_only_where_it_changes_nothing(seed_run):
    """Under `both`, sentences without an institution or regulation word bypass the model; the
    entities must be those of the whole pipeline on every sentence."""
    from pipeline.config import validate_config
    from pipeline.stages.entities import EntitiesStage
    from pipeline.tables import read_table
    from pipeline.text.entity_rules import may_hold_entity_form

    from conftest import ROOT

    config = validate_config({"entities": {"method": "both", "model": str(ROOT / "models" / "ner-zh-gov")}})
    stage = EntitiesStage(config)
    texts = list(read_table(seed_run, "sentences").text)[:200]
    assert 0 < sum(map(may_hold_entity_form, texts)) < len(texts)  # both kinds of sentence occur
    skipping = [[(m.start, m.end, m.label) for m in mentions] for mentions in stage._mentions([(0, text, frozenset()) for text in texts])]
    whole = [[(e.start_char, e.end_char, e.label_) for e in stage.nlp(text).ents] for text in texts]
    assert skipping == whole


def test_char_bigrams_give_each_character_its_bigram_as_norm():
    from pipeline.ner.pipeline import blank_char_pipeline

    nlp = blank_char_pipeline()
    nlp.add_pipe("gov_char_bigrams")
    assert [t.norm_ for t in nlp("市司法局 A")] == ["市司", "司法", "法局", "局 ", " A", "A"]
