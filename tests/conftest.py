from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from pipeline.config import validate_config
from pipeline.runner import run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold.jsonl"
SHARED = ROOT.parent / "shared"


def raw_of(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def make_config(tmp_path: Path, **settings):
    """A validated config writing into tmp_path, with the given keys on top of the defaults."""
    data = {"output": str(tmp_path / "run"), "inputs": [str(SEEDS / "*.txt")]}
    data.update(settings)
    return validate_config(data)


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory) -> Path:
    """One run of the default config's stages over the seeds, shared by the tests that read it."""
    import yaml

    data = yaml.safe_load((ROOT / "configs" / "default.yaml").read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("seed_run") / "run"
    data.update(output=str(out), inputs=[str(SEEDS / "*.txt")])
    run(validate_config(data), progress=False)
    return out


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {doc["doc_id"]: doc for doc in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}


def requires_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not part of a fresh clone)")
    return path


# The suite's property tests run `ci` (bounded); `pytest --hypothesis-profile=long` runs thousands.
# Generated documents are long and the pipeline's first call builds its caches: no deadline.
_PROPERTY_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=60, derandomize=True, **_PROPERTY_SETTINGS)
settings.register_profile("long", max_examples=3000, **_PROPERTY_SETTINGS)
settings.load_profile("ci")
