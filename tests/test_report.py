"""`report DIR`: the page's data covers every document's text and extractions, and escapes them."""
from __future__ import annotations

import json
import re

import pytest

import pipeline
from pipeline.cli import main
from pipeline.report import render_report, report_data

from conftest import make_config


@pytest.fixture(scope="module")
def data(seed_run):
    return report_data(pipeline.open_run(seed_run))


def covering(segments):
    """Each segment with its raw-text offsets."""
    offset = 0
    for text, classes, tip, rel_ids in segments:
        yield offset, offset + len(text), set(classes.split()), rel_ids
        offset += len(text)


def test_every_text_is_shown_whole_with_its_extractions_marked(seed_run, data):
    run = pipeline.open_run(seed_run)
    assert set(data["texts"]) == set(run.documents.doc_id)
    for document in run.documents.itertuples():
        view = data["texts"][document.doc_id]
        assert "".join(segment[0] for segment in view["segments"]) == document.raw_text
        pieces = list(covering(view["segments"]))
        for entity in run.entities[run.entities.doc_id == document.doc_id].itertuples():
            inside = [p for p in pieces if entity.start <= p[0] and p[1] <= entity.end]
            assert inside and all(entity.label.lower() in classes for _, _, classes, _ in inside)
        relations = run.relations[run.relations.doc_id == document.doc_id]
        for figure in relations.itertuples():
            inside = [p for p in pieces if figure.start <= p[0] and p[1] <= figure.end]
            assert inside and all("fig" in classes and figure.rel_id in rel_ids for _, _, classes, rel_ids in inside)
            metric = [p for p in pieces if figure.metric_start <= p[0] and p[1] <= figure.metric_end]
            assert all("metric" in classes for _, _, classes, _ in metric)
        assert [row[0] for row in view["figures"]] == list(relations.rel_id)


def test_overview_and_charts_count_the_run(seed_run, data):
    run = pipeline.open_run(seed_run)
    assert data["run"]["documents"] == len(run.documents)
    assert data["run"]["rows"] == {name: len(getattr(run, name)) for name in run.tables}
    charts = {chart["id"]: dict(chart["bars"]) for chart in data["charts"]}
    assert charts["chart-indicators"] == run.relations.indicator.value_counts().to_dict()
    regulations = run.entities[run.entities.label == "REG"].norm.value_counts()
    assert list(charts["chart-regulations"].values()) == list(regulations.head(15).values)


def test_texts_are_capped_and_every_document_listed(seed_run):
    capped = report_data(pipeline.open_run(seed_run), max_documents=2)
    assert len(capped["documents"]) == 5 and [d["shown"] for d in capped["documents"]] == [True] * 2 + [False] * 3
    assert len(capped["texts"]) == 2 and capped["limits"]["max_documents"] == 2


HOSTILE = "</script><script>window.injected = 1</script><img src=x onerror=alert(1)><!--"


def hostile_run(tmp_path):
    """A run over a report whose text is markup meant to break out of the page."""
    source = tmp_path / "hostile.txt"
    source.write_text(f"{HOSTILE}\n2023年，市司法局办理行政复议案件12件。\n", encoding="utf-8")
    config = make_config(tmp_path, inputs=[str(source)], stages=["normalize", "sentences", "entities", "relations"])
    return pipeline.run(config)


def test_document_text_cannot_become_markup(tmp_path):
    run = hostile_run(tmp_path)
    page = render_report(report_data(run))
    assert page.count("</script") == 2 and "<img" not in page and "<!--" not in page
    blob = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S).group(1)
    assert HOSTILE in "".join(segment[0] for segment in json.loads(blob)["texts"]["hostile"]["segments"])


def test_report_command_writes_the_page(seed_run, tmp_path, capsys):
    output = tmp_path / "page.html"
    assert main(["report", str(seed_run), "--output", str(output), "--max-documents", "1"]) == 0
    assert f"report written to {output}" in capsys.readouterr().out
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(tmp_path)]) == 1
