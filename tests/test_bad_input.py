"""SPEC § Bad input: a clear one-line error naming the file, nothing lost, nothing half-written."""
import json
import shutil

import pytest
import yaml

from pipeline.cli import main
from pipeline.config import ConfigError, load_config, validate_config
from pipeline.inputs import InputError
from pipeline.runner import run
from pipeline.tables import read_table

from conftest import SEEDS, make_config

GOOD = SEEDS / "003_c00ca69fb3eee698.txt"
REPORT_GBK = "信阳市司法局2023年法治政府建设情况的报告\n全年办理法律援助案件1200件。\n"


@pytest.fixture
def folder(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(GOOD, inputs / "a_good.txt")
    return inputs


def write_config(tmp_path, **settings):
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return str(path)


def cli_error(capsys, argv):
    code = main(argv)
    err = capsys.readouterr().err.strip()
    return code, err


@pytest.mark.parametrize("name, content, reason", [
    ("b_empty.txt", b"", "file is empty"),
    ("b_blank.txt", "\ufeff \n\n".encode("utf-8"), "file is empty"),
    ("b_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("b_gbk.txt", REPORT_GBK.encode("gbk"), "not valid utf-8"),
])
@pytest.mark.parametrize("workers", [1, 2])
def test_bad_file_fails_with_one_line_naming_it(tmp_path, folder, capsys, name, content, reason, workers):
    (folder / name).write_bytes(content)
    config = write_config(tmp_path, inputs=[str(folder)], output=str(tmp_path / "out"), workers=workers)
    code, err = cli_error(capsys, ["run", config, "--quiet"])
    assert code == 1
    assert len(err.splitlines()) == 1
    assert str(folder / name) in err and reason in err
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_gbk_is_decoded_when_the_config_says_so(tmp_path):
    path = tmp_path / "b_gbk.txt"
    path.write_bytes(REPORT_GBK.encode("gbk"))
    run(make_config(tmp_path, inputs=[str(path)], encoding="gbk"), progress=False)
    documents = read_table(tmp_path / "run", "documents").set_index("doc_id")
    assert documents.loc["b_gbk", "raw_text"] == REPORT_GBK


def test_skip_records_the_file_and_goes_on(tmp_path, folder, capsys):
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02binary")
    config = write_config(tmp_path, inputs=[str(folder)], output=str(tmp_path / "out"), on_error="skip")
    code, _ = cli_error(capsys, ["run", config, "--quiet"])
    assert code == 0
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert info["skipped"] == [{"path": str(folder / "b_binary.txt"),
                                "error": "binary file (contains NUL bytes), not a text document"}]
    assert [doc["doc_id"] for doc in info["inputs"]] == ["a_good"]


def test_skip_exits_non_zero_when_nothing_was_processed(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    config = write_config(tmp_path, inputs=[str(inputs)], output=str(tmp_path / "out"), on_error="skip")
    code, err = cli_error(capsys, ["run", config, "--quiet"])
    assert code == 1
    assert "no document was processed" in err
    assert not (tmp_path / "out").exists()


def test_folder_without_report_files(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    (empty / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"folder holds no report files \(.txt, .html, .htm, .pdf, .docx\)"):
        run(make_config(tmp_path, inputs=[str(empty)]), progress=False)


def test_doc_id_clash_is_an_error_before_any_work(tmp_path, folder):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(GOOD, other / "a_good.txt")
    with pytest.raises(InputError, match="doc_id 'a_good' clashes"):
        run(make_config(tmp_path, inputs=[str(folder), str(other)]), progress=False)
    assert not (tmp_path / "run").exists()


def test_a_run_failing_midway_leaves_the_previous_run_untouched(tmp_path, folder):
    config = make_config(tmp_path, inputs=[str(folder)], batch_size=1)
    run(config, progress=False)
    before = {p.name: p.read_bytes() for p in (tmp_path / "run").iterdir()}
    (folder / "z_bad.txt").write_bytes(b"\xff\xfe\xfa bad bytes")
    with pytest.raises(InputError, match="z_bad.txt"):
        run(config, progress=False)
    assert {p.name: p.read_bytes() for p in (tmp_path / "run").iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "run"]


@pytest.mark.parametrize("settings, key", [
    ({"stagez": ["normalize"]}, "stagez"),
    ({"workers": 0}, "workers"),
    ({"on_error": "ignore"}, "on_error"),
    ({"stages": ["normalize", "parse"]}, "stages"),
    ({"sentences": {"max_char": 100}}, "sentences.max_char"),
    ({"encoding": "klingon"}, "encoding"),
])
def test_bad_config_is_rejected_naming_the_key(settings, key):
    with pytest.raises(ConfigError, match=f"config key '{key}'"):
        validate_config(settings)


def test_bad_config_fails_before_any_work(tmp_path, capsys):
    config = write_config(tmp_path, inputs=[str(SEEDS)], output=str(tmp_path / "out"), workerz=2)
    code, err = cli_error(capsys, ["run", config])
    assert code == 2
    assert "config key 'workerz': unknown key" in err
    assert not (tmp_path / "out").exists()


def test_cli_flags_override_inputs_output_and_stages(tmp_path):
    config = load_config(write_config(tmp_path, inputs=["nowhere/*.txt"]),
                         {"inputs": [str(GOOD)], "output": "x", "stages": ["sentences"]})
    assert (config.inputs, config.output, config.stages) == ([str(GOOD)], "x", ["sentences"])


def test_inputs_that_are_not_what_they_seem(tmp_path):
    from pipeline.inputs import InputError, discover

    seed = sorted(SEEDS.glob("*.txt"))[0]
    folder = tmp_path / "报告 2023"                     # spaces and non-ASCII in names
    folder.mkdir()
    (folder / "某市 司法局.txt").write_bytes(seed.read_bytes())
    outside = tmp_path / "secret.txt"
    outside.write_text("不在输入文件夹里的文件。", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    with pytest.raises(InputError, match="outside the input folder; name that file as an input"):
        discover([str(folder)])
    (folder / "link.txt").unlink()
    # the output inside the input folder: its files and its temporary folders are no inputs
    config = make_config(tmp_path, inputs=[str(folder / "**" / "*")], output=str(folder / "run"),
                         stages=["normalize", "sentences"])
    run(config, progress=False)
    (folder / ".run.tmp-x").mkdir()
    (folder / ".run.tmp-x" / "left.txt").write_text("一个被杀死的运行留下的。", encoding="utf-8")
    assert discover(config.inputs, config.output) == [folder / "某市 司法局.txt"]
    run(config, progress=False)
    assert list(read_table(config.output, "documents").doc_id) == ["某市 司法局"]


def test_the_same_name_in_two_folders_clashes_unless_ids_are_relative(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    for year, seed in (("2022", seeds[0]), ("2023", seeds[1])):
        (tmp_path / "in" / year).mkdir(parents=True)
        (tmp_path / "in" / year / "report.txt").write_bytes(seed.read_bytes())
    inputs = [str(tmp_path / "in" / "2022"), str(tmp_path / "in" / "2023")]
    with pytest.raises(InputError, match="clashes with .*set `doc_ids: relative`"):
        run(make_config(tmp_path, inputs=inputs), progress=False)
    config = make_config(tmp_path, inputs=inputs, doc_ids="relative", stages=["normalize", "sentences"])
    run(config, progress=False)
    assert list(read_table(config.output, "documents").doc_id) == ["2022/report", "2023/report"]
