"""Safe model loading (issue 17): the shipped models load; a model folder that holds or asks for
code, or would be unpickled without the config's trust, or whose files are missing or corrupt, is
refused with one line at config check time, before any work."""
import json
import pickle
import shutil

import numpy as np
import pytest

from pipeline.cli import main
from pipeline.config import ConfigError, validate_config
from pipeline.errors import SetupError
from pipeline.stages.entities import EntitiesStage
from pipeline.stages.tokens import TokensStage

from conftest import ROOT, SEEDS
from test_bad_input import write_config

NER = ROOT / "models" / "ner-zh-gov"
PKUSEG = ROOT / "models" / "pkuseg-pku"


class WritesMarker:
    """A pickle that, when loaded, creates a file: proof that loading ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


def entities_config(model, **settings):
    return validate_config({"stages": ["entities"], "entities": {"method": "model", "model": str(model), **settings}})


def tokens_config(model):
    return validate_config({"stages": ["tokens"], "tokens": {"segmenter": "pkuseg", "model": str(model)}})


def one_line_refusal(check, config) -> str:
    with pytest.raises(SetupError) as refused:
        check(config)
    message = str(refused.value)
    assert "\n" not in message
    return message


@pytest.fixture
def ner_copy(tmp_path):
    return shutil.copytree(NER, tmp_path / "ner")


@pytest.fixture
def pkuseg_copy(tmp_path):
    return shutil.copytree(PKUSEG, tmp_path / "pkuseg")


def test_the_shipped_models_pass_the_check():
    EntitiesStage.check(entities_config(NER))
    TokensStage.check(tokens_config(PKUSEG))


def test_a_spacy_model_folder_holding_code_is_refused(ner_copy):
    (ner_copy / "ner" / "custom.py").write_text("import os\n", encoding="utf-8")
    assert "holds code (ner/custom.py)" in one_line_refusal(EntitiesStage.check, entities_config(ner_copy))


def test_a_spacy_config_asking_for_code_is_refused(ner_copy):
    config = ner_copy / "config.cfg"
    config.write_text(config.read_text(encoding="utf-8").replace("[paths]\n", '[paths]\ncode = "functions.py"\n'),
                      encoding="utf-8")
    assert "asks for code (paths.code)" in one_line_refusal(EntitiesStage.check, entities_config(ner_copy))


@pytest.mark.parametrize("damage", ["missing weights", "truncated weights", "unknown architecture", "bad config"])
def test_a_damaged_spacy_model_is_refused_in_one_line(ner_copy, damage):
    weights = ner_copy / "tok2vec" / "model"
    config = ner_copy / "config.cfg"
    if damage == "missing weights":
        (ner_copy / "ner" / "model").unlink()
    elif damage == "truncated weights":
        weights.write_bytes(weights.read_bytes()[:1000])
    elif damage == "unknown architecture":
        config.write_text(config.read_text(encoding="utf-8").replace("spacy.Tok2Vec.v2", "custom.Tok2Vec.v1"),
                          encoding="utf-8")
    else:
        config.write_text("[nlp\nlang = ", encoding="utf-8")
    assert str(ner_copy) in one_line_refusal(EntitiesStage.check, entities_config(ner_copy))


def fake_hanlp_model(folder, marker):
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"classpath": "hanlp.components.ner.rnn_ner.RNNNamedEntityRecognizer"}),
                                        encoding="utf-8")
    (folder / "model.pt").write_bytes(pickle.dumps(WritesMarker(marker)))
    return folder


def test_a_hanlp_model_needs_trust_model_code(tmp_path):
    model = fake_hanlp_model(tmp_path / "hanlp", tmp_path / "ran")
    message = one_line_refusal(EntitiesStage.check, entities_config(model))
    assert "entities.trust_model_code: true" in message
    EntitiesStage.check(entities_config(model, trust_model_code=True))
    (model / "model.pt").unlink()
    assert "no model.pt" in one_line_refusal(EntitiesStage.check, entities_config(model, trust_model_code=True))
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("value", ["yes", 1, "maybe"])
def test_trust_model_code_is_true_or_false_only(value):
    with pytest.raises(ConfigError, match="config key 'entities.trust_model_code'"):
        entities_config(NER, trust_model_code=value)


def test_a_hanlp_model_is_refused_by_the_run_before_any_work(tmp_path, capsys):
    model = fake_hanlp_model(tmp_path / "hanlp", tmp_path / "ran")
    config = write_config(tmp_path, inputs=[str(SEEDS)], output=str(tmp_path / "out"), stages=["entities"],
                          entities={"method": "both", "model": str(model)})
    assert main(["run", config, "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "trust_model_code" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "ran").exists()


@pytest.mark.parametrize("damage", ["missing weights", "missing features", "truncated features", "pickled weights",
                                    "weights of another model"])
def test_a_damaged_pkuseg_model_is_refused_in_one_line(pkuseg_copy, tmp_path, damage):
    features, weights = pkuseg_copy / "features.msgpack", pkuseg_copy / "weights.npz"
    if damage == "missing weights":
        weights.unlink()
    elif damage == "missing features":
        # spacy-pkuseg would unpickle features.pkl in its place
        features.unlink()
        (pkuseg_copy / "features.pkl").write_bytes(pickle.dumps(WritesMarker(tmp_path / "ran")))
    elif damage == "truncated features":
        features.write_bytes(features.read_bytes()[:100_000])
    elif damage == "pickled weights":
        np.savez(weights, sizes=np.array([5, 10]), w=np.array([WritesMarker(tmp_path / "ran")], dtype=object))
    else:
        np.savez(weights, sizes=np.array([5, 10]), w=np.zeros(75))
    assert str(pkuseg_copy) in one_line_refusal(TokensStage.check, tokens_config(pkuseg_copy))
    assert not (tmp_path / "ran").exists()


def test_a_damaged_pkuseg_model_stops_the_run_in_one_line(pkuseg_copy, tmp_path, capsys):
    (pkuseg_copy / "weights.npz").write_bytes(b"PK\x03\x04 not a zip")
    config = write_config(tmp_path, inputs=[str(SEEDS)], output=str(tmp_path / "out"), stages=["tokens"],
                          tokens={"segmenter": "pkuseg", "model": str(pkuseg_copy)})
    assert main(["run", config, "--quiet"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: tokens.model")
    assert not (tmp_path / "out").exists()
