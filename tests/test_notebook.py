"""examples/analysis.ipynb runs from top to bottom against the seeds' run."""
from __future__ import annotations

import os

import pytest

from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "examples" / "analysis.ipynb"


def test_analysis_notebook_runs_on_the_seed_run(seed_run, monkeypatch):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells), "commit the notebook with its outputs stripped"
    monkeypatch.setenv("PIPELINE_RUN", str(seed_run))
    # the kernel imports this checkout's package, wherever the environment installed it from
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    printed = "".join(output.get("text", "") for output in outputs if output.output_type == "stream")
    assert "sentence: " in printed and "【" in printed
    assert any("image/png" in output.get("data", {}) for output in outputs), "the chart was not drawn"
