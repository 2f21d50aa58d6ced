"""evaluate's arithmetic on hand-made predictions."""
import pandas as pd
import pytest

from pipeline.evaluate import score

GOLD = {"d": {
    "doc_id": "d",
    "entities": [
        {"start": 0, "end": 6, "label": "ORG", "text": "江苏省司法厅"},
        {"start": 10, "end": 15, "label": "REG", "text": "行政处罚法"},
    ],
    "quantities": [
        {"start": 30, "end": 34, "text": "893件", "value": 893.0, "value_max": None, "unit": "件",
         "qualifier": "exact", "metric": "受理行政复议申请", "metric_start": 22, "metric_end": 30, "subject": "市本级"},
        {"start": 40, "end": 47, "text": "11.6万余件", "value": 116000.0, "value_max": None, "unit": "件",
         "qualifier": "more_than", "metric": "办理法律援助案件", "metric_start": 35, "metric_end": 40, "subject": None},
    ],
}}


def entities(*rows):
    return pd.DataFrame([{"doc_id": "d", "label": label, "start": s, "end": e, "text": "x", "source": "test"}
                         for label, s, e in rows], columns=["doc_id", "label", "start", "end", "text", "source"])


def relations(*rows):
    columns = ["doc_id", "start", "end", "text", "value", "unit", "qualifier", "metric", "metric_start", "metric_end"]
    return pd.DataFrame([{"doc_id": "d", "start": s, "end": e, "text": "x", "value": v, "unit": u, "qualifier": q,
                          "metric": "m", "metric_start": ms, "metric_end": me} for s, e, v, u, q, ms, me in rows],
                        columns=columns)


def test_a_perfect_run_scores_one():
    result, errors = score(GOLD, entities(("ORG", 0, 6), ("REG", 10, 15)),
                           relations((30, 34, 893.0, "件", "exact", 22, 30), (40, 47, 116000.0, "件", "more_than", 35, 40)))
    assert result["entities"]["strict"]["micro"]["f1"] == 1.0
    assert result["quantities"]["value"]["f1"] == 1.0
    assert result["quantities"]["metric"]["f1"] == 1.0
    assert result["quantities"]["qualifier_accuracy"] == 1.0
    assert errors.false_positives == errors.false_negatives == []


def test_an_empty_run_scores_zero():
    result, errors = score(GOLD, entities(), relations())
    assert result["entities"]["strict"]["micro"]["f1"] == 0.0
    assert result["entities"]["lenient"]["ORG"]["recall"] == 0.0
    assert result["quantities"]["value"]["f1"] == 0.0
    assert len(errors.false_negatives) == 4


def test_a_shifted_span_is_lenient_but_not_strict():
    result, _ = score(GOLD, entities(("ORG", 2, 6), ("REG", 10, 15)), None)
    assert result["entities"]["strict"]["ORG"]["tp"] == 0
    assert result["entities"]["strict"]["ORG"]["fp"] == 1
    assert result["entities"]["lenient"]["ORG"]["f1"] == 1.0
    assert result["entities"]["strict"]["micro"]["f1"] == pytest.approx(0.5)


def test_a_wrong_label_matches_nothing():
    result, _ = score(GOLD, entities(("REG", 0, 6)), None)
    assert result["entities"]["lenient"]["REG"]["fp"] == 1
    assert result["entities"]["lenient"]["ORG"]["fn"] == 1


def test_each_gold_entity_is_matched_once_in_lenient_mode():
    result, _ = score(GOLD, entities(("ORG", 0, 3), ("ORG", 3, 6)), None)
    assert result["entities"]["lenient"]["ORG"]["tp"] == 1
    assert result["entities"]["lenient"]["ORG"]["fp"] == 1


def test_quantity_needs_unit_and_value_and_metric_needs_half_overlap():
    result, _ = score(GOLD, None, relations(
        (30, 34, 893.0, "件", "more_than", 26, 30),       # value ok, metric 4 of 4 chars inside gold, qualifier wrong
        (40, 47, 116000.0, "个", "more_than", 35, 40),    # wrong unit: no value match
    ))
    q = result["quantities"]
    assert (q["value"]["tp"], q["value"]["fp"], q["value"]["fn"]) == (1, 1, 1)
    assert q["metric"]["tp"] == 1
    assert q["qualifier_accuracy"] == 0.0


def test_metric_overlap_below_half_the_shorter_span_fails():
    # predicted metric 20-24 overlaps gold 22-30 by 2 chars; shorter span is 4: 2 >= 2 counts
    ok, _ = score(GOLD, None, relations((30, 34, 893.0, "件", "exact", 20, 24)))
    assert ok["quantities"]["metric"]["tp"] == 1
    # 19-23 overlaps by 1 of 4: fails
    bad, _ = score(GOLD, None, relations((30, 34, 893.0, "件", "exact", 19, 23)))
    assert bad["quantities"]["metric"]["tp"] == 0


def documents(**meta):
    return pd.DataFrame([{"doc_id": "d", "title": None, "issuer": None, "year": None, **meta}])


def test_metadata_is_scored_per_field_with_null_equal_to_null():
    gold = {"d": {**GOLD["d"], "meta": {"title": None, "issuer": "江苏省司法厅", "year": 2022}}}
    result, errors = score(gold, None, None, documents(issuer="江苏省司法厅", year=2021))
    assert result["metadata"] == {"title": 1.0, "issuer": 1.0, "year": 0.0}
    assert [e[3] for e in errors.false_negatives] == ["META year: gold 2022 got 2021"]


def test_org_norm_accuracy_counts_strict_matches_only():
    gold = {"d": {**GOLD["d"], "entities": [{**GOLD["d"]["entities"][0], "norm": "江苏省司法厅"},
                                            {"start": 20, "end": 23, "label": "ORG", "text": "市政府", "norm": "南京市政府"}]}}
    frame = entities(("ORG", 0, 6), ("ORG", 20, 23), ("ORG", 30, 33)).assign(norm=["江苏省司法厅", "市政府", "x"])
    result, _ = score(gold, frame, None)
    assert result["org_norm_accuracy"] == 0.5


def test_indicator_pairs_are_scored_where_gold_or_prediction_has_one():
    gold = {"d": {**GOLD["d"], "quantities": [{**GOLD["d"]["quantities"][0], "indicator": "reconsideration_cases"},
                                              {**GOLD["d"]["quantities"][1], "indicator": None}]}}
    frame = relations((30, 34, 893.0, "件", "exact", 22, 30), (40, 47, 116000.0, "件", "more_than", 35, 40))
    frame["indicator"] = ["reconsideration_cases", "legal_aid_cases"]
    result, _ = score(gold, None, frame)
    assert (result["quantities"]["indicator"]["tp"], result["quantities"]["indicator"]["fp"],
            result["quantities"]["indicator"]["fn"]) == (1, 1, 0)


def test_the_by_document_table_has_one_row_per_gold_document():
    from pipeline.evaluate import by_document

    gold = {"d": GOLD["d"], "e": {"doc_id": "e", "entities": [{"start": 0, "end": 3, "label": "ORG", "text": "市政府"}],
                                  "quantities": []}}
    rows = by_document(gold, {"documents": None, "entities": entities(("ORG", 0, 6), ("REG", 10, 15)),
                              "relations": relations()})
    assert [row["doc_id"] for row in rows] == ["d", "e"]
    assert rows[0]["ORG"] == rows[0]["REG"] == 1.0 and rows[0]["value"] == 0.0
    assert rows[1]["ORG"] == 0.0 and rows[1]["REG"] is None and rows[1]["value"] is None


def test_evaluate_scores_each_gold_set_and_writes_them_all(seed_run, tmp_path, capsys):
    import json

    from pipeline.cli import main

    from conftest import GOLD as SEED_GOLD

    lines = SEED_GOLD.read_text(encoding="utf-8").splitlines()
    first = tmp_path / "first.jsonl"
    first.write_text(lines[0] + "\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(SEED_GOLD), str(first), "--run", str(seed_run), "--by-document"]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") == 2 and "metadata issuer" in out
    written = json.loads((seed_run / "eval.json").read_text(encoding="utf-8"))
    assert [s["documents"] for s in written["sets"]] == [5, 1]
    assert len(written["sets"][0]["by_document"]) == 5
