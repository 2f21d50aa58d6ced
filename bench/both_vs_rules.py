"""What `both` changes against the rules on text nobody annotated: runs the entities stage with each
method over the Government Work Reports (or --input), counts the entities `both` adds, drops and
re-bounds, and prints a seeded random sample of them in context, for a reader to judge.

usage: python bench/both_vs_rules.py [--input 'DIR/*.txt'] [--model models/ner-zh-gov] [--sample 60]

Without --input the GWR are written as .txt files to a temporary folder first.
"""
from __future__ import annotations

import argparse
import glob
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import SHARED, write_government_work_reports  # noqa: E402
from bench.cv_ner import entities_table  # noqa: E402


def entities(method: str, inputs: str, model: str, output: Path) -> dict[tuple, str]:
    table = entities_table(method, inputs, model, output)
    return {(row.doc_id, row.start, row.end, row.label): row.text for row in table.itertuples()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default=None, help="a glob of .txt files (default: the GWR)")
    parser.add_argument("--model", default=str(ROOT / "models" / "ner-zh-gov"))
    parser.add_argument("--sample", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = args.input
        if inputs is None:
            if not (SHARED / "corpora").exists():
                print(f"skipped: {SHARED / 'corpora'} is absent (../shared is not part of a fresh clone)")
                return 0
            write_government_work_reports(Path(tmp) / "gwr")
            inputs = str(Path(tmp) / "gwr" / "*.txt")
        rules = entities("rules", inputs, args.model, Path(tmp) / "rules")
        both = entities("both", inputs, args.model, Path(tmp) / "both")
        texts = {Path(path).stem: Path(path).read_text(encoding="utf-8") for path in glob.glob(inputs)}
    added = sorted(set(both) - set(rules))
    dropped = set(rules) - set(both)
    rebounded = [key for key in added if any(key[0] == d[0] and key[1] < d[2] and d[1] < key[2] for d in dropped)]
    print(f"rules {len(rules):,} entities, both {len(both):,}: {len(added) - len(rebounded)} added, "
          f"{len(rebounded)} re-bounded, {len(dropped) - len(rebounded)} dropped")
    sample = random.Random(0).sample(added, min(args.sample, len(added)))
    for doc_id, start, end, label in sorted(sample):
        text = texts.get(doc_id, "")
        kind = "re-bounded" if (doc_id, start, end, label) in rebounded else "added"
        print(f"{kind:10} {label} {both[(doc_id, start, end, label)]} | "
              f"{text[max(0, start - 8):start]}[{text[start:end]}]{text[end:end + 6]}".replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
