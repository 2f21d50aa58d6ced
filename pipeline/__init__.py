"""Information extraction for Chinese law-based government reports.

`open_run(DIR)` opens a run's tables for analysis and `run(CONFIG, inputs=…)` runs the pipeline
from Python (both in `pipeline.runs`); they are loaded on first use, so that `python -m pipeline`
and the stages do not import what only analysis needs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.runs import Run, open_run, run

__version__ = "0.1.0"
__all__ = ["Run", "open_run", "run"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline import runs

        return getattr(runs, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
