"""The run configuration: a YAML file validated in full before any work starts."""
from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any, Literal, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator


class ConfigError(ValueError):
    """A bad config key or value; the message names the key."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NormalizeSettings(Section):
    traditional_to_simplified: bool = True


class SentencesSettings(Section):
    # No sentence is longer: a longer stretch is split after `；`, before `一是/二是…`, after `，`/`、`,
    # then hard.
    max_chars: int = Field(150, ge=20)


class TokensSettings(Section):
    segmenter: Literal["char", "jieba", "pkuseg"] = "pkuseg"
    model: Optional[str] = "models/pkuseg-pku"
    # pkuseg's dictionary: null (none), "default" (pkuseg's bundled word list, whose words
    # it merges after the model), or a word-list file (words kept whole, then the default's merging).
    user_dict: Optional[str] = None
    # pkuseg only: words the model made up (not known: trained on, place names, general dictionaries'
    # headwords) are re-split, with their neighbours, into the fewest known words.
    resegment_unknown: bool = True


class EntitiesSettings(Section):
    method: Literal["rules", "model", "both"] = "rules"
    model: Optional[str] = None
    # A HanLP model is loaded by unpickling and by importing the class its config names, which can
    # run code from the folder: it is used only when the config says the folder is trusted.
    trust_model_code: StrictBool = False


class RelationsSettings(Section):
    # The indicator list figures are assigned from: null, the shipped one (the contract's); or a
    # TSV file of the same columns.
    indicators: Optional[str] = None


class DaskSettings(Section):
    # A running `distributed` scheduler (`tcp://host:8786`); null starts a LocalCluster of
    # `workers` processes on this machine.
    address: Optional[str] = None


class RunConfig(Section):
    name: str = "default"
    inputs: list[str] = Field(default_factory=lambda: ["seeds/*.txt"], min_length=1)
    output: str = "outputs/default"
    encoding: str = "utf-8"
    on_error: Literal["fail", "skip"] = "fail"
    # stem: a document's id is its file name without the extension; relative: its path below the
    # folder all inputs share (`2023/report`), for inputs with the same name in several folders
    doc_ids: Literal["stem", "relative"] = "stem"
    workers: int = Field(1, ge=1)
    # local: this machine's processes (`workers` of them); dask: the batches go to a Dask cluster
    executor: Literal["local", "dask"] = "local"
    dask: DaskSettings = Field(default_factory=DaskSettings)
    batch_size: int = Field(16, ge=1)
    # A table of more rows is written as a folder of part files, so memory stays flat on large runs.
    rows_per_part: int = Field(200_000, ge=1)
    stages: list[str] = Field(default_factory=lambda: ["normalize", "sentences"], min_length=1)
    normalize: NormalizeSettings = Field(default_factory=NormalizeSettings)
    sentences: SentencesSettings = Field(default_factory=SentencesSettings)
    tokens: TokensSettings = Field(default_factory=TokensSettings)
    entities: EntitiesSettings = Field(default_factory=EntitiesSettings)
    relations: RelationsSettings = Field(default_factory=RelationsSettings)

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value

    @field_validator("stages")
    @classmethod
    def _known_stages(cls, value: list[str]) -> list[str]:
        from pipeline.stages import STAGES

        unknown = [name for name in value if name not in STAGES]
        if unknown:
            raise ValueError(f"unknown stage {unknown[0]!r}; known: {', '.join(STAGES)}")
        return value


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    return f"config key '{key}': {message}"


def validate_config(data: dict) -> RunConfig:
    try:
        return RunConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None


def load_config(path: str | Path, overrides: dict | None = None) -> RunConfig:
    """Read YAML, apply CLI overrides (inputs, output, stages), validate everything at once."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"config file {path} is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must hold a mapping of keys")
    data.update({key: value for key, value in (overrides or {}).items() if value is not None})
    return validate_config(data)


class TrainSegConfig(Section):
    """`train seg CONFIG`: a pkuseg model from gold segmentation (words separated by spaces)."""

    data: str = "../shared/corpora/cws/pku_test_gold.utf8"
    # The first `train_fraction` of the non-empty lines train, the rest is the held-out test.
    train_fraction: float = Field(0.9, gt=0, lt=1)
    # Train on the first N training lines only (a learning curve), or all of them.
    train_lines: Optional[int] = Field(None, ge=1)
    # A word list (one word per line) whose words the training lines never show are put into copies
    # of training lines, each in place of a word of its length with probability `dictionary_rate`.
    dictionary: Optional[str] = None
    dictionary_rate: float = Field(0.3, gt=0, le=1)
    iterations: int = Field(10, ge=1)
    # pkuseg's trainer shuffles the lines each iteration with Python's `random`: seeded, a run repeats.
    seed: int = 0
    # How the model is scored: pkuseg's dictionary and the re-splitting, as in the tokens settings.
    user_dict: Optional[str] = None
    resegment_unknown: bool = True
    # Gold segmentations of other standards, scored as transfer figures.
    transfer_tests: dict[str, str] = Field(default_factory=lambda: {"msr": "../shared/corpora/cws/msr_test_gold.utf8"})
    output: str = "models/pkuseg-pku"


def load_yaml_config(path: str | Path, model: type[BaseModel]) -> BaseModel:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None


class GoldSource(Section):
    """Annotations in the guidelines' JSONL format and the folder of the documents they annotate."""

    annotations: str
    documents: str


class ExportSource(Section):
    """Span annotations exported by an annotation tool (JSONL, or a JSON list for Label Studio)."""

    path: str
    format: Literal["doccano", "label_studio"]


class CorpusSource(Section):
    path: str
    max_sentences: Optional[int] = Field(None, ge=1)


class TrainNerConfig(Section):
    """`train ner CONFIG`: a spaCy NER for ORG/REG from gold, silver and external data."""

    spacy_config: str = "configs/ner.cfg"
    output: str = "models/ner-zh-gov"
    gold: list[GoldSource] = Field(default_factory=lambda: [GoldSource(annotations="seeds/gold.jsonl", documents="seeds")])
    # Gold documents left out of training (cross-validation folds).
    exclude_documents: list[str] = Field(default_factory=list)
    # Gold sentences are few and exact: each is repeated this many times in training.
    gold_repeat: int = Field(4, ge=1)
    exports: list[ExportSource] = Field(default_factory=list)
    # Unlabelled reports (a .jsonl with `content`, or a folder/glob of .txt) labelled by the rule layer.
    silver: Optional[CorpusSource] = CorpusSource(path="../shared/corpora/government_work_reports.jsonl",
                                                  max_sentences=4000)
    cluener: Optional[CorpusSource] = CorpusSource(path="../shared/corpora/ner/cluener_train.json", max_sentences=2000)
    msra: Optional[CorpusSource] = None
    dev_fraction: float = Field(0.1, gt=0, lt=1)
    seed: int = 0
    # Overrides of the spaCy config (`training.max_steps` …), e.g. for quick runs.
    overrides: dict[str, Any] = Field(default_factory=dict)
