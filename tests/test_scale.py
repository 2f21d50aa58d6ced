"""Documents of any length: no limit from spaCy's max_length, sentences within max_chars, offsets
intact (the scale figures themselves are measured in bench/, not here)."""
from pipeline.runner import run
from pipeline.stages.entities import sentence_runs
from pipeline.tables import read_table
from pipeline.text.sentences import Sentence

from conftest import SEEDS, make_config, raw_of


def test_a_document_longer_than_spacys_max_length_runs(tmp_path):
    seed = sorted(SEEDS.glob("*.txt"))[3]  # one that ends with its date, not with a page tail
    report = raw_of(seed)
    copies = 1_050_000 // len(report) + 1
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text("\n".join([report] * copies), encoding="utf-8")
    config = make_config(tmp_path, inputs=[str(tmp_path / "in")], stages=["normalize", "sentences", "entities", "relations"])
    run(config, progress=False)
    raw = read_table(config.output, "documents").raw_text[0]
    assert len(raw) > 1_000_000
    sentences = read_table(config.output, "sentences")
    assert (sentences.end - sentences.start).max() <= config.sentences.max_chars
    for table in ("entities", "relations"):
        rows = read_table(config.output, table)
        assert all(raw[start:end] == text for start, end, text in zip(rows.start, rows.end, rows.text))
    single = make_config(tmp_path / "one", inputs=[str(seed)], stages=config.stages)
    run(single, progress=False)
    # every copy of the report gives the entities of the report alone
    assert len(read_table(config.output, "entities")) == copies * len(read_table(single.output, "entities"))


def test_sentence_runs_are_whole_sentences_within_the_limit():
    sentences = [Sentence(start, start + 40, None) for start in range(0, 1000, 50)]
    runs = sentence_runs(sentences, 120)
    assert runs[0] == (0, 90) and all(end - start <= 120 for start, end in runs)
    assert {start for start, _ in runs} <= {s.start for s in sentences}
    assert {end for _, end in runs} <= {s.end for s in sentences}
    assert sentence_runs([Sentence(0, 500, None)], 120) == [(0, 500)]
