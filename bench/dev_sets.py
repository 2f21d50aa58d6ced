"""The default config on both dev sets, scored as the guidelines say: the seeds (in the repository)
and the wide set (30 other issuers; its texts are restored into data/wide, see
../shared/annotation/wide/README.md). Prints each set's scores and its per-document table.

usage: python bench/dev_sets.py [--config configs/default.yaml] [--errors]
The wide set is skipped with a message when its gold or its texts are absent.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpora import SHARED  # noqa: E402
from pipeline.config import validate_config  # noqa: E402
from pipeline.evaluate import evaluate_run, format_by_document, format_errors, format_scores  # noqa: E402
from pipeline.runner import run  # noqa: E402

WIDE_GOLD = SHARED / "annotation" / "wide" / "wide.gold.jsonl"
WIDE_TEXTS = ROOT / "data" / "wide"
DEV_SETS = {"seeds": (ROOT / "seeds" / "gold.jsonl", ROOT / "seeds"), "wide": (WIDE_GOLD, WIDE_TEXTS)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default=str(ROOT / "configs" / "default.yaml"))
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()
    base = yaml.safe_load(Path(args.config).read_text(encoding="utf-8"))
    for name, (gold, texts) in DEV_SETS.items():
        if not gold.exists() or not any(texts.glob("*.txt")):
            print(f"== {name}: skipped, {gold if not gold.exists() else texts} is absent "
                  "(restore the wide set's texts as ../shared/annotation/wide/README.md says)")
            continue
        output = ROOT / "outputs" / f"dev-{name}"
        run(validate_config({**base, "inputs": [str(texts / "*.txt")], "output": str(output)}), progress=False)
        result, errors = evaluate_run(gold, output, documents=True)
        print(f"== {name} ({result['documents']} documents, config {args.config})")
        print(format_scores(result))
        print(format_by_document(result["by_document"]))
        if args.errors:
            print(format_errors(errors, output))
    return 0


if __name__ == "__main__":
    sys.exit(main())
