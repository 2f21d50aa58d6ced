"""Benchmark: throughput per stage and in total, with 1 and 2 workers, peak RSS at 1x and 4x the
Government Work Reports corpus, and peer tools on the same text. Writes bench/results.json.

usage: python bench/run.py [--quick]
Skips the corpus parts with a message when ../shared is absent; the seeds always run.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import GOVERNMENT_WORK_REPORTS, write_government_work_reports  # noqa: E402
from bench.machine import two_process_speedup  # noqa: E402
from bench.peers import measure_peers  # noqa: E402

RULE_STAGES = ["normalize", "sentences", "entities", "relations"]
# The rule runs take seconds and vary by ±10% or more with the machine's load: five pairs of them.
RULE_REPEATS = 5
WITH_MODEL = {"entities": {"method": "both", "model": str(ROOT / "models" / "ner-zh-gov")}}
WITH_MODEL_AND_PKUSEG = {**WITH_MODEL, "stages": ["normalize", "sentences", "tokens", "entities", "relations"],
                         "tokens": {"segmenter": "pkuseg", "model": str(ROOT / "models" / "pkuseg-pku")}}
TOKENS_ONLY = {"stages": ["normalize", "sentences", "tokens"], "tokens": WITH_MODEL_AND_PKUSEG["tokens"]}
# What re-splitting made-up words costs: pkuseg runs with it and without, in alternation.
TOKENS_REPEATS = 3


def measure(inputs: list[str], **settings) -> dict:
    """One run in a fresh process."""
    settings = {"inputs": inputs, "stages": RULE_STAGES, **settings}
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "measure.py"), json.dumps(settings)],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_workers(inputs: list[str], repeats: int) -> tuple[dict, dict, float]:
    """1 and 2 workers in alternation, `repeats` times, so that the machine's drift falls on both:
    the best run of each, and the median of the pairs' speed-ups."""
    pairs = [(measure(inputs, workers=1), measure(inputs, workers=2)) for _ in range(repeats)]
    speedup = statistics.median(one["wall_seconds"] / two["wall_seconds"] for one, two in pairs)
    return _best([one for one, _ in pairs]), _best([two for _, two in pairs]), round(speedup, 2)


def _best(runs: list[dict]) -> dict:
    best = min(runs, key=lambda run: run["wall_seconds"])
    return {**best, "wall_seconds_of_each_run": [run["wall_seconds"] for run in runs]}


def stage_table(name: str, result: dict) -> list[str]:
    lines = [f"\n{name}: {result['documents']} documents, {result['chars']:,} chars, "
             f"{result['wall_seconds']:.2f} s wall, {result['chars_per_second']:,} chars/s, peak RSS {result['peak_rss_mb']} MB",
             f"  {'stage':<12}{'seconds':>10}{'chars/s':>14}"]
    if len(result.get("wall_seconds_of_each_run", [])) > 1:
        lines[0] += f" (best of runs of {', '.join(f'{s:.2f}' for s in result['wall_seconds_of_each_run'])} s)"
    for stage, seconds in result["stage_seconds"].items():
        rate = f"{result['chars'] / seconds:,.0f}" if seconds else "-"
        lines.append(f"  {stage:<12}{seconds:>10.2f}{rate:>14}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 4x memory run")
    args = parser.parse_args()
    results: dict = {}
    lines: list[str] = []
    results["machine: pure-CPU speed-up of 2 processes"] = two_process_speedup()
    results["seeds, 1 worker"] = measure([str(ROOT / "seeds" / "*.txt")])
    if not GOVERNMENT_WORK_REPORTS.exists():
        print(f"corpus runs skipped: {GOVERNMENT_WORK_REPORTS} is absent (../shared is not part of a fresh clone)")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            once = Path(tmp) / "x1"
            write_government_work_reports(once)
            glob = [str(once / "*.txt")]
            results["gwr, 1 worker"], results["gwr, 2 workers"], results["speedup, 2 workers"] = \
                measure_workers(glob, RULE_REPEATS)
            results["gwr, statistical NER (both), 1 worker"] = measure(glob, workers=1, **WITH_MODEL)
            results["gwr, NER + pkuseg tokens, 1 worker"] = measure(glob, workers=1, **WITH_MODEL_AND_PKUSEG)
            results["gwr, NER + pkuseg tokens, 2 workers"] = measure(glob, workers=2, **WITH_MODEL_AND_PKUSEG)
            pairs = [(measure(glob, **TOKENS_ONLY),
                      measure(glob, **{**TOKENS_ONLY, "tokens": {**TOKENS_ONLY["tokens"], "resegment_unknown": False}}))
                     for _ in range(TOKENS_REPEATS)]
            results["gwr, pkuseg tokens re-split, 1 worker"] = _best([on for on, _ in pairs])
            results["gwr, pkuseg tokens, the model's own words, 1 worker"] = _best([off for _, off in pairs])
            if not args.quick:
                four = Path(tmp) / "x4"
                write_government_work_reports(four, copies=4)
                results["gwr x4, 1 worker"], results["gwr x4, 2 workers"], results["speedup x4, 2 workers"] = \
                    measure_workers([str(four / "*.txt")], RULE_REPEATS)
            texts = [path.read_text(encoding="utf-8") for path in sorted(once.glob("*.txt"))]
            results["peers on gwr"] = measure_peers(texts)
        if "gwr x4, 1 worker" in results:
            results["peak RSS x4 / x1"] = round(results["gwr x4, 1 worker"]["peak_rss_mb"]
                                                / results["gwr, 1 worker"]["peak_rss_mb"], 2)
    for name, result in results.items():
        if isinstance(result, dict) and "stage_seconds" in result:
            lines += stage_table(name, result)
    if "peers on gwr" in results:
        lines.append("\npeers on the same text")
        for name, peer in results["peers on gwr"].items():
            lines.append(f"  {name:<40}{peer.get('chars_per_second', peer.get('skipped')):>14,}"
                         if "chars_per_second" in peer else f"  {name:<40}{peer['skipped']}")
    lines.append(f"\nmachine: pure-CPU speed-up of 2 processes: {results['machine: pure-CPU speed-up of 2 processes']['speedup']}")
    for key in ("speedup, 2 workers", "speedup x4, 2 workers", "peak RSS x4 / x1"):  # speed-ups: medians of pairs
        if key in results:
            lines.append(f"\n{key}: {results[key]}")
    print("\n".join(lines))
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
