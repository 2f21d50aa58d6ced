"""The commands of the contract: run, evaluate, train, export, inspect, report."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.config import ConfigError, load_config
from pipeline.errors import SetupError, StageError
from pipeline.inputs import InputError


def _run(args: argparse.Namespace) -> int:
    from pipeline.runner import RunError, run
    from pipeline.tables import OutputLockedError
    from pipeline.update import UpdateError

    overrides = {
        "inputs": args.input,
        "output": args.output,
        "stages": args.stages.split(",") if args.stages else None,
    }
    config = load_config(args.config, overrides)
    try:
        info = run(config, progress=not args.quiet, update=args.update)
    except (InputError, RunError, SetupError, StageError, OutputLockedError, UpdateError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(run_summary(info, config.output))
    return 0


def run_summary(info: dict, output: str) -> str:
    lines = [f"run written to {output}: {len(info['inputs'])} documents, {len(info['skipped'])} skipped"]
    if update := info.get("update"):
        lines.append(f"  update: {len(update['added'])} new, {len(update['changed'])} changed (re-run), "
                     f"{len(update['vanished'])} gone (their rows kept)")
        lines += [f"  changed {path}" for path in update["changed"]] + [f"  gone {path}" for path in update["vanished"]]
    for skipped in info["skipped"]:
        stage = f"the {skipped['stage']} stage failed: " if "stage" in skipped else ""
        lines.append(f"  skipped {skipped['path']}: {stage}{skipped['error']}")
    lines.append(f"  {'table':<12}{'rows':>10}")
    for table, count in info["rows"].items():
        lines.append(f"  {table:<12}{count:>10,}")
    n_chars = sum(doc["n_chars"] for doc in info["inputs"])
    lines.append(f"  {'stage':<12}{'seconds':>10}{'chars/s':>14}")
    for stage, seconds in info["seconds"].items():
        rate = f"{n_chars / seconds:,.0f}" if seconds > 0 else "-"
        lines.append(f"  {stage:<12}{seconds:>10.2f}{rate:>14}")
    return "\n".join(lines)


def _inspect(args: argparse.Namespace) -> int:
    from pipeline.inspect import describe_run

    print(describe_run(Path(args.run_dir), top=args.top))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from pipeline.evaluate import evaluate_run, format_by_document, format_errors, format_scores, run_tables

    run_dir = Path(args.run)
    tables = run_tables(run_dir)
    results = []
    for gold in args.gold:
        result, errors = evaluate_run(Path(gold), run_dir, tables, documents=args.by_document)
        results.append(result)
        print(f"== {gold} ({result['documents']} documents)")
        if result.get("not_in_run"):
            print(f"   {len(result['not_in_run'])} of them are not in the run and count as all missed")
        print(format_scores(result))
        if args.by_document:
            print(format_by_document(result["by_document"]))
        if args.errors:
            print(format_errors(errors, run_dir))
    (run_dir / "eval.json").write_text(json.dumps({"run": str(run_dir), "sets": results}, ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pipeline.export import export_panel

    path = export_panel(Path(args.run_dir), Path(args.output) if args.output else None, args.format)
    print(f"panel written to {path}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.report import write_report

    limit = {"max_documents": args.max_documents} if args.max_documents is not None else {}
    path = write_report(Path(args.run_dir), Path(args.output) if args.output else None, **limit)
    print(f"report written to {path}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from pipeline.config import TrainSegConfig, load_yaml_config

    command = f"python -m pipeline train {args.what} {args.config}"
    if args.what == "seg":
        from pipeline.train.seg import train_segmenter

        meta = train_segmenter(load_yaml_config(args.config, TrainSegConfig), command)
        print(f"model written to {meta['config']['output']}")
        for segmenter, by_test in meta["scores"].items():
            for test, scores in by_test.items():
                print(f"  {segmenter:<6} {test:<12} " + (f"F1 {scores['f1']:.4f}" if isinstance(scores, dict) else scores))
        return 0
    from pipeline.config import TrainNerConfig
    from pipeline.train.ner import train_ner

    meta = train_ner(load_yaml_config(args.config, TrainNerConfig), command)
    print(f"model written to {meta['output']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the configured stages over the inputs")
    run.add_argument("config", help="YAML config (see configs/default.yaml)")
    run.add_argument("--input", action="append", help="file, folder or glob of .txt/.html/.htm/.pdf/.docx reports; repeat for several (replaces the config's inputs)")
    run.add_argument("--output", help="run folder (replaces the config's output)")
    run.add_argument("--stages", help="comma-separated stage names (replaces the config's stages)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--update", action="store_true",
                     help="process only the inputs the run in the output does not hold; the new run holds both")
    run.set_defaults(handler=_run)

    evaluate = commands.add_parser("evaluate", help="score a run against gold annotations")
    evaluate.add_argument("--gold", required=True, nargs="+", action="extend",
                          help="gold JSONL (shared/annotation format); several are scored one by one")
    evaluate.add_argument("--run", required=True, help="run folder")
    evaluate.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    evaluate.add_argument("--by-document", action="store_true", help="a table of scores per document of each gold set")
    evaluate.set_defaults(handler=_evaluate)

    train = commands.add_parser("train", help="train the NER model or the pkuseg segmenter")
    train.add_argument("what", choices=("ner", "seg"))
    train.add_argument("config", help="training config (configs/train-ner.yaml, configs/train-seg.yaml)")
    train.set_defaults(handler=_train)

    export = commands.add_parser("export", help="the indicator panel of a run")
    export.add_argument("what", choices=("panel",))
    export.add_argument("run_dir")
    export.add_argument("--format", choices=("csv", "parquet"), default="csv")
    export.add_argument("--output", help="file to write (default: DIR/panel.<format>)")
    export.set_defaults(handler=_export)

    inspect = commands.add_parser("inspect", help="what a run holds")
    inspect.add_argument("run_dir")
    inspect.add_argument("--top", type=int, default=10, help="how many organisations, regulations and metrics to list")
    inspect.set_defaults(handler=_inspect)

    report = commands.add_parser("report", help="one self-contained HTML page to look at a run")
    report.add_argument("run_dir")
    report.add_argument("--output", help="file to write (default: DIR/report.html)")
    report.add_argument("--max-documents", type=int,
                        help="how many documents' texts the page carries, the first by doc_id "
                             "(default: MAX_DOCUMENT_TEXTS in pipeline/report.py); every document is listed")
    report.set_defaults(handler=_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the output piped into `head` and the like, closed early
        sys.stderr.close()
        return 0
