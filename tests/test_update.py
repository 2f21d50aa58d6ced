"""Incremental runs: `run --update` processes only the inputs the previous run does not hold and
commits a run holding both; another config refuses."""
from __future__ import annotations

import pytest

from pipeline.runner import run
from pipeline.tables import KEYS, read_table
from pipeline.update import UpdateError

from conftest import SEEDS, make_config

STAGES = ["normalize", "sentences", "entities", "relations"]
TABLES = ["documents", "sentences", "entities", "relations", "indicators"]


def _folder(tmp_path, name, seeds):
    folder = tmp_path / name
    folder.mkdir()
    for seed in seeds:
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_an_update_equals_a_full_run_and_processes_only_the_new(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = _folder(tmp_path, "in", seeds[:3])
    config = make_config(tmp_path, inputs=[str(folder)], stages=STAGES, rows_per_part=40)
    run(config, progress=False)
    for seed in seeds[3:]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / seeds[0].name).write_bytes(seeds[0].read_bytes() + "\n特此报告。".encode())  # changed
    info = run(config, progress=False, update=True)
    assert info["update"]["added"] == [str(folder / s.name) for s in seeds[3:]]
    assert info["update"]["changed"] == [str(folder / seeds[0].name)] and info["update"]["vanished"] == []
    assert sorted(doc["doc_id"] for doc in info["inputs"]) == [s.stem for s in seeds]
    full = make_config(tmp_path / "full", inputs=[str(folder)], stages=STAGES)
    run(full, progress=False)
    for table in TABLES:
        updated, expected = read_table(config.output, table), read_table(full.output, table)
        assert updated.equals(expected), table
        assert not updated.duplicated(KEYS[table]).any()
    (folder / seeds[1].name).unlink()
    nothing_new = run(config, progress=False, update=True)
    assert nothing_new["update"]["vanished"] == [str(folder / seeds[1].name)] and not nothing_new["update"]["added"]
    assert len(read_table(config.output, "documents")) == len(seeds)  # a vanished input's rows stay


def test_an_update_with_another_config_refuses(tmp_path):
    folder = _folder(tmp_path, "in", sorted(SEEDS.glob("*.txt"))[:1])
    run(make_config(tmp_path, inputs=[str(folder)], stages=STAGES), progress=False)
    other = make_config(tmp_path, inputs=[str(folder)], stages=STAGES, sentences={"max_chars": 80}, workers=2)
    with pytest.raises(UpdateError, match=r"config differs .*\(sentences\.max_chars\); a full run is needed"):
        run(other, progress=False, update=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".run")] == []
    (tmp_path / "run" / "indicators.parquet").unlink()  # a run an older version made
    with pytest.raises(UpdateError, match="has no indicators table"):
        run(make_config(tmp_path, inputs=[str(folder)], stages=STAGES), progress=False, update=True)
    with pytest.raises(UpdateError, match="no run to update"):
        run(make_config(tmp_path / "none", inputs=[str(folder)], stages=STAGES), progress=False, update=True)
