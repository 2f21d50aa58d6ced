"""The external corpora the benchmarks read, from ../shared/corpora (absent on a fresh clone)."""
from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
GOVERNMENT_WORK_REPORTS = SHARED / "corpora" / "government_work_reports.jsonl"


def write_government_work_reports(dest: Path, copies: int = 1) -> list[Path]:
    """Each Government Work Report as `<dest>/gwr_<n>.txt` (the corpus `copies` times over)."""
    if not GOVERNMENT_WORK_REPORTS.exists():
        raise FileNotFoundError(f"{GOVERNMENT_WORK_REPORTS} is absent (../shared is not part of a fresh clone)")
    dest.mkdir(parents=True, exist_ok=True)
    reports = [json.loads(line) for line in GOVERNMENT_WORK_REPORTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = []
    for copy in range(copies):
        for index, report in enumerate(reports):
            path = dest / f"gwr_{copy:02d}_{index:03d}.txt"
            path.write_text(f"{report['title']}\n{report['content']}", encoding="utf-8")
            paths.append(path)
    return paths
