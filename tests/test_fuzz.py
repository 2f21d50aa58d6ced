"""The fuzz corpus, small (issue 17): every input runs through `python -m pipeline run` with the
default config or is skipped with a one-line reason; no traceback, and every row maps back to the
raw text. `bench/fuzz.py` runs the same inputs large and checks that their time is linear."""
import json

import yaml

from pipeline.cli import main
from pipeline.tables import read_table

from conftest import ROOT
from fuzz_inputs import FUZZ_INPUTS

SMALL = 3_000


def test_every_fuzz_input_runs_or_is_skipped_with_one_line(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, build in FUZZ_INPUTS.items():
        (inputs / f"{name}.txt").write_bytes(build(SMALL))
    config = yaml.safe_load((ROOT / "configs" / "default.yaml").read_text(encoding="utf-8"))
    config["on_error"] = "skip"
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "config.yaml"), "--input", str(inputs), "--output", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err.strip() == ""
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    ran = {doc["doc_id"] for doc in info["inputs"]}
    skipped = {entry["path"].rsplit("/", 1)[-1][:-4]: entry["error"] for entry in info["skipped"]}
    assert ran | set(skipped) == set(FUZZ_INPUTS) and not ran & set(skipped)
    assert all("\n" not in reason for reason in skipped.values())
    assert set(skipped) == {"random_bytes", "mixed_gbk_and_utf8", "whitespace_only"}
    raw = read_table(out, "documents").set_index("doc_id").raw_text
    for table in ("entities", "relations"):
        rows = read_table(out, table)
        assert all(raw[row.doc_id][row.start:row.end] == row.text for row in rows.itertuples())
