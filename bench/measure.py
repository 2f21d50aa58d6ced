"""One measured run in a fresh process: the pipeline over some inputs, reporting per-stage seconds,
characters per second and the peak RSS of the process and its workers. Used by bench/run.py."""
from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.config import validate_config  # noqa: E402
from pipeline.runner import run  # noqa: E402


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)  # ru_maxrss is in KiB on Linux


def main() -> None:
    settings = json.loads(sys.argv[1])
    with tempfile.TemporaryDirectory() as out:
        settings["output"] = str(Path(out) / "run")
        config = validate_config(settings)
        started = time.perf_counter()
        info = run(config, progress=False)
        wall = time.perf_counter() - started
    n_chars = sum(doc["n_chars"] for doc in info["inputs"])
    print(json.dumps({
        "documents": len(info["inputs"]), "chars": n_chars, "wall_seconds": round(wall, 3),
        "chars_per_second": round(n_chars / wall), "stage_seconds": info["seconds"], "rows": info["rows"],
        "peak_rss_mb": peak_rss_mb(),
    }))


if __name__ == "__main__":
    main()
