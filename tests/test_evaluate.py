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
