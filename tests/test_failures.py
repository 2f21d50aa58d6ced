"""A stage that raises on one document loses only that document (`on_error: skip`) or names it
and the stage (`fail`); one run at a time into an output; a killed run leaves the previous output
as it was."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.errors import StageError
from pipeline.runner import run
from pipeline.stages import Stage, register
from pipeline.tables import OutputLockedError, RunWriter, read_table

from conftest import ROOT, SEEDS, make_config

MARKER = "触发故障"


@register
class ExplodingStage(Stage):
    """A stage of a user's own (the registry is the extension point) that fails on one document."""

    name = "explode_on_marker"
    requires = ("sentences",)

    def process(self, docs) -> None:
        for doc in docs:
            if MARKER in doc.text:
                raise RuntimeError(f"cannot handle {MARKER}\nsecond line")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "bad.txt").write_text(f"2023年，某市司法局{MARKER}，办理法律援助案件12件。", encoding="utf-8")
    return folder


STAGES = ["normalize", "sentences", "explode_on_marker", "entities", "relations"]


@pytest.mark.parametrize("workers", [1, 2])
def test_skip_drops_the_failing_document_from_every_table(tmp_path, inputs, workers):
    config = make_config(tmp_path, inputs=[str(inputs)], stages=STAGES, on_error="skip", workers=workers, batch_size=4)
    info = run(config, progress=False)
    assert info["skipped"] == [{"path": str(inputs / "bad.txt"), "doc_id": "bad", "stage": "explode_on_marker",
                                "error": f"RuntimeError: cannot handle {MARKER} second line"}]
    for table in ("documents", "sentences", "entities", "relations"):
        frame = read_table(config.output, table)
        assert "bad" not in set(frame.doc_id) and len(set(frame.doc_id)) == 3, table
    assert json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))["skipped"] == info["skipped"]
    assert "Traceback" in (tmp_path / "run" / "errors.log").read_text(encoding="utf-8")


def test_fail_names_the_document_and_the_stage_in_one_line(tmp_path, inputs):
    config = make_config(tmp_path, inputs=[str(inputs)], stages=STAGES, on_error="fail")
    with pytest.raises(StageError) as raised:
        run(config, progress=False)
    message = str(raised.value)
    assert "\n" not in message and str(inputs / "bad.txt") in message and "explode_on_marker stage" in message
    log = tmp_path / "run.errors.log"
    assert str(log) in message and "RuntimeError" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "run").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".run")] == []


def test_a_second_run_into_the_same_output_refuses(tmp_path):
    config = make_config(tmp_path, inputs=[str(sorted(SEEDS.glob("*.txt"))[0])])
    holder = RunWriter(tmp_path / "run", ["documents"])
    with pytest.raises(OutputLockedError, match="another run is writing this output"):
        run(config, progress=False)
    holder.abort()
    run(config, progress=False)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".run")] == []


def _cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(ROOT / "configs" / "default.yaml"),
                             "--quiet", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_a_killed_run_leaves_the_previous_output_and_nothing_in_the_way(tmp_path):
    output, many = tmp_path / "out", tmp_path / "many"
    many.mkdir()
    for copy in range(20):
        for seed in SEEDS.glob("*.txt"):
            (many / f"{copy}_{seed.name}").write_bytes(seed.read_bytes())
    assert _cli("--output", str(output)).wait() == 0
    previous = (output / "run.json").read_bytes()
    for delay in (0.0, 1.0, 2.0):  # after the run has started writing
        process = _cli("--input", str(many), "--output", str(output))
        while process.poll() is None and not list(tmp_path.glob(".out.tmp-*")):
            time.sleep(0.05)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert (output / "run.json").read_bytes() == previous
    finished = _cli("--output", str(output))
    assert finished.wait() == 0, finished.stderr.read().decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many", "out"]


def test_a_run_killed_in_the_swap_gets_its_previous_output_back(tmp_path, inputs):
    config = make_config(tmp_path, inputs=[str(sorted(SEEDS.glob("*.txt"))[0])])
    run(config, progress=False)
    # killed between moving the old output aside and moving the new one in
    os.rename(tmp_path / "run", tmp_path / ".run.old-4242")
    (tmp_path / ".run.tmp-dead").mkdir()
    bad = make_config(tmp_path, inputs=[str(inputs)], stages=STAGES, on_error="fail")
    with pytest.raises(StageError):
        run(bad, progress=False)
    assert (tmp_path / "run" / "run.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".run")] == []
