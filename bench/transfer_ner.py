"""Transfer check: ORG recognition on corpora annotated by other standards (CLUENER dev
government+organization, MSRA test ORG). A report, not a target: their guidelines differ from ours.

usage: python bench/transfer_ner.py [--method rules|model|both] [--model PATH] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpora import SHARED  # noqa: E402
from pipeline.evaluate import Counts, match_entities  # noqa: E402
from pipeline.ner.corpora import read_bio, read_cluener  # noqa: E402
from pipeline.ner.pipeline import build_entity_pipeline  # noqa: E402
from pipeline.text.normalize import normalize  # noqa: E402

CORPORA = {
    "cluener_dev": lambda: read_cluener(SHARED / "corpora/ner/cluener_dev.json", ("government", "organization")),
    "msra_test": lambda: read_bio(SHARED / "corpora/ner/msra_test.bio"),
}


def score_corpus(nlp, examples) -> dict:
    examples = list(examples)
    norms = [normalize(text) for text, _ in examples]
    strict, lenient = Counts(), Counts()
    started = time.perf_counter()
    for (text, gold), norm, doc in zip(examples, norms, nlp.pipe([n.text for n in norms], batch_size=256)):
        predicted = [{"label": e.label_, "start": s, "end": t}
                     for e in doc.ents if e.label_ == "ORG"
                     for s, t in [norm.raw_span(e.start_char, e.end_char)]]
        gold_rows = [{"label": label, "start": s, "end": t} for s, t, label in gold]
        strict.add(match_entities(gold_rows, predicted, "ORG", lenient=False)[0])
        lenient.add(match_entities(gold_rows, predicted, "ORG", lenient=True)[0])
    seconds = time.perf_counter() - started
    n_chars = sum(len(text) for text, _ in examples)
    return {"sentences": len(examples), "strict": strict.scores(), "lenient": lenient.scores(),
            "chars_per_second": round(n_chars / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--method", default="rules", choices=("rules", "model", "both"))
    parser.add_argument("--model", default=None)
    parser.add_argument("--limit", type=int, default=None, help="first N sentences of each corpus")
    parser.add_argument("--output", default=None, help="write the scores as JSON here")
    args = parser.parse_args()
    if not (SHARED / "corpora/ner").exists():
        print(f"skipped: {SHARED / 'corpora/ner'} is absent (../shared is not part of a fresh clone)")
        return 0
    nlp = build_entity_pipeline(args.method, args.model)
    results = {}
    for name, reader in CORPORA.items():
        examples = list(reader())[: args.limit]
        results[name] = score_corpus(nlp, examples)
        s, l = results[name]["strict"], results[name]["lenient"]
        print(f"{name:<12} {args.method:<6} strict P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}   "
              f"lenient F1 {l['f1']:.3f}   ({results[name]['sentences']} sentences)")
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
