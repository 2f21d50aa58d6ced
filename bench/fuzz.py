"""The fuzz corpus, large (issue 17): each input of `tests/fuzz_inputs.py` built at SIZE characters
and at twice that (one clause repeated 10^5 and 2x10^5 times), run through the default config's
stages in this process to time them, and through `python -m pipeline run` to check that each runs
or stops with a one-line error. Prints each input's chars/s at both sizes and the ratio of their
times (linear: about 2), names the slowest, flags any ratio above 2.6 and writes bench/fuzz.json.

usage: python bench/fuzz.py [--size 100000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzz_inputs import CLAUSE, FUZZ_INPUTS  # noqa: E402
from pipeline.config import validate_config  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.inputs import InputError, decode  # noqa: E402
from pipeline.stages import STAGES, resolve  # noqa: E402

DEFAULT_CONFIG = ROOT / "configs" / "default.yaml"
QUADRATIC_RATIO = 2.6  # doubling the input more than this is not linear


def input_size(name: str, size: int) -> int:
    """Characters to build an input at; the repeated clause counts repetitions (10^5 by default)."""
    return len(CLAUSE) * size if name == "one_clause_repeated" else size


def stage_seconds(stages, name: str, data: bytes) -> tuple[int, dict[str, float]] | str:
    """(characters, seconds per stage) of one input, or its one-line input error."""
    try:
        raw = decode(data, name, "utf-8")
    except InputError as error:
        return str(error)
    doc = Document(doc_id=name, path=name, raw=raw, sha256="")
    seconds = {}
    for stage in stages:
        started = time.perf_counter()
        stage.process([doc])
        seconds[stage.name] = time.perf_counter() - started
    return len(raw), seconds


def cli_run(path: Path, output: Path) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(DEFAULT_CONFIG), "--input", str(path),
                           "--output", str(output), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    return done.returncode, done.stderr.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="characters of each input (the smaller size)")
    args = parser.parse_args()
    config = validate_config(yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8")))
    stages = [STAGES[name](config) for name in resolve(config.stages)]
    results, failures = {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in FUZZ_INPUTS.items():
            size = input_size(name, args.size)
            timed = [stage_seconds(stages, name, build(n)) for n in (size, 2 * size)]
            path = Path(tmp) / f"{name}.txt"
            path.write_bytes(build(size))
            code, err = cli_run(path, Path(tmp) / "out")
            one_line = code == 0 or (len(err.splitlines()) == 1 and err.startswith("error:"))
            if not one_line:
                failures.append(f"{name}: exit {code}, stderr {err[-300:]!r}")
            if isinstance(timed[0], str):
                results[name] = {"error": timed[0], "cli_exit": code, "one_line": one_line}
                print(f"{name:34} error: {timed[0]}")
                continue
            (small_chars, small), (large_chars, large) = timed
            ratio = sum(large.values()) / max(sum(small.values()), 1e-9)
            results[name] = {
                "chars": [small_chars, large_chars],
                "chars_per_second": [round(small_chars / sum(small.values())), round(large_chars / sum(large.values()))],
                "seconds_per_stage": [{k: round(v, 3) for k, v in small.items()},
                                      {k: round(v, 3) for k, v in large.items()}],
                "doubling_ratio": round(ratio, 2), "cli_exit": code, "one_line": one_line}
            if ratio > QUADRATIC_RATIO:
                failures.append(f"{name}: doubling the input multiplied its time by {ratio:.2f}")
            print(f"{name:34} {small_chars:>10,} {results[name]['chars_per_second'][0]:>10,} c/s  "
                  f"{large_chars:>10,} {results[name]['chars_per_second'][1]:>10,} c/s  x{ratio:.2f}  "
                  f"slowest stage {max(large, key=large.get)}")
    timed_inputs = {name: r for name, r in results.items() if "chars" in r}
    slowest = min(timed_inputs, key=lambda name: timed_inputs[name]["chars_per_second"][1])
    print(f"slowest: {slowest} at {timed_inputs[slowest]['chars_per_second'][1]:,} chars/s")
    (ROOT / "bench" / "fuzz.json").write_text(json.dumps(
        {"command": f"python bench/fuzz.py --size {args.size}", "slowest": slowest, "inputs": results,
         "failures": failures}, ensure_ascii=False, indent=1), encoding="utf-8")
    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
