"""Reports as users have them: the five seeds written as web pages (UTF-8 and GBK), PDF files and
Word files (`tests/report_files.py` builds them), run with `python -m pipeline run CONFIG --input
DIR`, and compared per report and format with the run of the seeds' `.txt`: the same entities
(label, text, norm) and figures (text, value, unit, qualifier, metric, subject, year, indicator),
the same title, issuer and year, and every offset traced back into the raw text. Then the formats
that cannot be read, each run alone for its one-line error; then each reader's throughput on the
seeds (characters of raw document per second, the file read from disk each time).

usage: python bench/formats.py [--config configs/default.yaml] [--keep DIR] [--repeats 5]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.inputs import read_document  # noqa: E402
from pipeline.tables import read_table  # noqa: E402
from report_files import VARIANTS, unreadable_files  # noqa: E402

SEEDS = ROOT / "seeds"
ENTITY_COLUMNS = ["label", "text", "norm"]
FIGURE_COLUMNS = ["text", "value", "value_max", "unit", "qualifier", "metric", "subject", "year", "indicator"]
METADATA_COLUMNS = ["title", "issuer", "year"]


def write_reports(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8").removeprefix("\ufeff")
        for variant, (suffix, build) in VARIANTS.items():
            (folder / f"{seed.stem}_{variant}{suffix}").write_bytes(build(text))


def write_bad_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in unreadable_files().items():
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


def run_pipeline(config: str, inputs: Path | str, output: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "run", config, "--input", str(inputs),
                           "--output", str(output), "--quiet"], cwd=ROOT, capture_output=True, text=True)


def rows_by_document(run: Path, table: str, columns: list[str]) -> dict[str, Counter]:
    frame = read_table(run, table)
    return {doc_id: Counter(map(tuple, group[columns].astype(object).where(group[columns].notna(), None).values))
            for doc_id, group in frame.groupby("doc_id")}


def offset_errors(run: Path) -> tuple[int, int]:
    """Rows of entities and relations, and how many of them are not `raw_text[start:end]`."""
    raw = read_table(run, "documents").set_index("doc_id").raw_text
    rows = [row for table in ("entities", "relations") for row in read_table(run, table).itertuples()]
    return len(rows), sum(raw[row.doc_id][row.start:row.end] != row.text for row in rows)


def _shown(value) -> str:
    return "-" if pd.isna(value) else str(value)


def compare(txt_run: Path, formats_run: Path) -> bool:
    tables = {name: (rows_by_document(txt_run, table, columns), rows_by_document(formats_run, table, columns))
              for name, table, columns in [("entities", "entities", ENTITY_COLUMNS),
                                           ("figures", "relations", FIGURE_COLUMNS)]}
    txt_docs = read_table(txt_run, "documents").set_index("doc_id")
    docs = read_table(formats_run, "documents").set_index("doc_id")
    print("| report | format | chars (txt → this) | entities | same | figures | same | title, issuer, year | published |")
    print("| --- | --- | ---: | ---: | --- | ---: | --- | --- | --- |")
    all_same = True
    for doc_id, doc in docs.iterrows():
        variant = next(v for v in VARIANTS if doc_id.endswith(f"_{v}"))
        seed = doc_id.removesuffix(f"_{variant}")
        cells = []
        for name, (txt_rows, rows) in tables.items():
            same = txt_rows.get(seed, Counter()) == rows.get(doc_id, Counter())
            all_same &= same
            cells += [str(sum(rows.get(doc_id, Counter()).values())), "yes" if same else "NO"]
        meta_same = all(txt_docs.loc[seed, c] == doc[c] or (pd.isna(txt_docs.loc[seed, c]) and pd.isna(doc[c]))
                        for c in METADATA_COLUMNS)
        all_same &= meta_same
        print(f"| {seed} | {variant} | {txt_docs.loc[seed, 'n_chars']:,} → {doc.n_chars:,} | {' | '.join(cells)} "
              f"| {'same' if meta_same else 'DIFFERENT'} | {_shown(doc.published)} (txt: {_shown(txt_docs.loc[seed, 'published'])}) |")
    rows, errors = offset_errors(formats_run)
    print(f"\nentity and figure rows whose text is not raw_text[start:end]: {errors} of {rows}")
    return all_same and not errors


def throughput(repeats: int, folder: Path) -> None:
    print("\n| reader | files | chars | seconds (best of %d) | chars/s |" % repeats)
    print("| --- | ---: | ---: | ---: | ---: |")
    groups = {"txt": sorted(SEEDS.glob("*.txt")),
              **{variant: sorted(folder.glob(f"*_{variant}{suffix}")) for variant, (suffix, _) in VARIANTS.items()}}
    for name, paths in groups.items():
        best = float("inf")
        for _ in range(repeats):
            started = time.perf_counter()
            chars = sum(len(read_document(path, "utf-8").raw) for path in paths)
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {len(paths)} | {chars:,} | {best:.4f} | {chars / best:,.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--keep", help="build the report files in this folder and keep them")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "reports"
        write_reports(folder)
        runs = {"txt": (SEEDS / "*.txt", Path(tmp) / "txt"), "formats": (folder, Path(tmp) / "formats")}
        for name, (inputs, output) in runs.items():
            started = time.perf_counter()
            result = run_pipeline(args.config, inputs, output)
            if result.returncode:
                print(result.stderr)
                return 1
            print(f"ran {args.config} over {inputs} in {time.perf_counter() - started:.1f} s")
        print()
        same = compare(runs["txt"][1], runs["formats"][1])
        print("\n| bad file | exit | the one-line error |")
        print("| --- | ---: | --- |")
        for path in write_bad_files(Path(tmp) / "bad"):
            result = run_pipeline(args.config, path, Path(tmp) / "bad-run")
            lines = result.stderr.strip().splitlines()
            print(f"| {path.name} | {result.returncode} | {lines[-1] if lines else ''} ({len(lines)} line) |")
        throughput(args.repeats, folder)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
