"""Corpus scale, measured in one go on this machine (needs ../shared for the Government Work
Reports; skips with a message without it):

- executors: the GWR ×4 (288 reports) with the local executor (1 and 2 processes) and the dask
  executor on a LocalCluster of 1 and 2 workers: chars/s, speed-up, peak RSS;
- the default config end to end on the GWR (72 reports), seconds and chars/s per stage, with and
  without the pkuseg tokens stage, next to building single-character spaCy Docs of the same text;
- start-up: a one-file run, wall time of the whole command;
- documents of any length: the GWR joined into one 10 M-character document, and 2.4 M characters
  on one line: seconds, the longest sentence, peak RSS;
- `run --update`: 10 new reports added to a 72-report run, against the full run.

    python bench/scale.py [--skip-executors] [--json bench/scale.json]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import write_government_work_reports  # noqa: E402

RULES = ["normalize", "sentences", "entities", "relations"]


def measured(settings: dict) -> dict:
    """One run in a fresh process (bench/measure.py)."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "measure.py"), json.dumps(settings)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed_cli(*args: str) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB, largest process) of one `python -m pipeline` command."""
    started = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "pipeline", *args],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, round(int(out.stderr.strip().splitlines()[-1]) / 1024)


def char_docs_rate(folder: Path) -> float:
    """chars/s of spaCy's blank Chinese pipeline (one Doc per character) making Docs of the texts."""
    import spacy

    nlp = spacy.blank("zh")
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    started = time.perf_counter()
    for text in texts:
        for start in range(0, len(text), 100_000):  # spaCy's max_length
            nlp.make_doc(text[start:start + 100_000])
    return sum(map(len, texts)) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-executors", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    try:
        work = Path(tempfile.mkdtemp(prefix="scale-"))
        gwr = write_government_work_reports(work / "gwr")
    except FileNotFoundError as error:
        print(f"skipped: {error}")
        return
    results: dict = {}

    if not args.skip_executors:
        write_government_work_reports(work / "gwr4", copies=4)
        base = {"inputs": [str(work / "gwr4")], "stages": RULES, "batch_size": 8}
        runs = {"local, 1 process": {**base, "workers": 1}, "local, 2 processes": {**base, "workers": 2},
                "dask, 1 worker": {**base, "executor": "dask", "workers": 1},
                "dask, 2 workers": {**base, "executor": "dask", "workers": 2}}
        results["executors"] = {name: measured(settings) for name, settings in runs.items()}

    default = json.loads(json.dumps(__import__("yaml").safe_load((ROOT / "configs" / "default.yaml").read_text())))
    results["default"] = measured({**default, "inputs": [str(work / "gwr")]})
    results["default + tokens"] = measured({**default, "inputs": [str(work / "gwr")], "stages": [*RULES[:2], "tokens", *RULES[2:]]})
    results["char Docs chars/s"] = round(char_docs_rate(work / "gwr"))

    one = work / "one"
    one.mkdir()
    (one / gwr[0].name).write_bytes(gwr[0].read_bytes())
    results["one-file run"] = dict(zip(("seconds", "peak_rss_mb"), timed_cli(
        "run", "configs/default.yaml", "--quiet", "--input", str(one), "--output", str(work / "one-run"))))

    joined = "\n".join(path.read_text(encoding="utf-8") for path in gwr)
    for name, text in (("10M document", "\n".join([joined] * 9)), ("2.4M line", (joined.replace("\n", "") * 3)[:2_400_000])):
        folder = work / name.replace(" ", "_")
        folder.mkdir()
        (folder / "long.txt").write_text(text, encoding="utf-8")
        seconds, rss = timed_cli("run", "configs/default.yaml", "--quiet", "--input", str(folder),
                                 "--output", str(work / f"{folder.name}-run"))
        import pandas as pd

        sentences = pd.read_parquet(work / f"{folder.name}-run" / "sentences.parquet", columns=["start", "end"])
        results[name] = {"chars": len(text), "seconds": round(seconds, 1), "chars_per_second": round(len(text) / seconds),
                         "longest_sentence": int((sentences.end - sentences.start).max()), "peak_rss_mb": rss}

    grown = work / "grown"
    grown.mkdir()
    for path in gwr[:72]:
        (grown / path.name).write_bytes(path.read_bytes())
    full_seconds, _ = timed_cli("run", "configs/default.yaml", "--quiet", "--input", str(grown), "--output", str(work / "grown-run"))
    for index, path in enumerate(gwr[:10]):  # ten new reports: the first ten under new names and bytes
        (grown / f"new_{index}.txt").write_text(path.read_text(encoding="utf-8") + "\n（补充）", encoding="utf-8")
    update_seconds, _ = timed_cli("run", "configs/default.yaml", "--quiet", "--update", "--input", str(grown),
                                  "--output", str(work / "grown-run"))
    results["update"] = {"full run of 72, seconds": round(full_seconds, 1), "update adding 10, seconds": round(update_seconds, 1)}

    print(json.dumps(results, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
