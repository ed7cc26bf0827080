"""Matching one document against its gold, on tiny hand-made pairs."""

from __future__ import annotations

import pytest

from extractor.eval_match import (
    garbled_counts,
    match_field,
    match_roles,
    normalise_decimal,
    same_value,
)
from extractor.eval_report import Counts


def _amount(text: str, value: str | None, bound: str = "exact") -> dict:
    return {"text": text, "value": value, "bound": bound}


@pytest.mark.parametrize("spelling", ["864000", "8.64E+5", "864000.00", "864000.0"])
def test_decimal_values_compare_by_number_not_spelling(spelling):
    assert normalise_decimal(spelling) == "864000"


def test_a_missing_value_stays_missing():
    assert normalise_decimal(None) is None


def test_mentions_match_as_multisets():
    gold = [_amount("5万元", "50000")] * 2 + [_amount("500元", "500")]
    predicted = [_amount("5万元", "50000"), _amount("9元", "9"), _amount("9元", "9")]
    assert match_field("amounts", gold, predicted) == Counts(matched=1, gold=3, predicted=3)


def test_a_repeated_prediction_matches_only_as_often_as_gold_has_it():
    gold = [_amount("5万元", "50000")]
    predicted = [_amount("5万元", "50000")] * 3
    assert match_field("amounts", gold, predicted) == Counts(matched=1, gold=1, predicted=3)


def test_amount_values_match_through_decimal_and_bound_counts():
    gold = [_amount("86.4万元", "864000"), _amount("近3万元", "30000", "at_most")]
    predicted = [_amount("86.4万元", "8.64E+5"), _amount("近3万元", "30000", "about")]
    assert match_field("amounts", gold, predicted).matched == 1


def test_predicted_sections_are_matched_through_their_tree():
    child = {"level": 2, "marker": "（一）", "title": "加强领导", "children": []}
    predicted = [{"level": 1, "marker": "一、", "title": "基本情况", "children": [child]}]
    gold = [{"level": 1, "marker": "一、", "title": "基本情况"}, dict(child)]
    assert match_field("sections", gold, predicted) == Counts(matched=2, gold=2, predicted=2)


def test_roles_recall_counts_only_people_found_by_name():
    gold = [{"name": "罗建平", "roles": ["组长", "局长"]}, {"name": "田晓燕", "roles": ["副组长"]}]
    predicted = [{"name": "罗建平", "roles": ["局长", "书记"]}]
    ratio = match_roles(gold, predicted)
    assert (ratio.hits, ratio.total, ratio.value) == (1, 2, 0.5)


def test_a_signed_date_is_equal_in_year_month_and_day():
    gold = {"text": "2019年12月20日", "year": 2019, "month": 12, "day": 20}
    assert same_value("signed_date", gold, {**gold, "text": "2019.12.20"})
    assert not same_value("signed_date", gold, {**gold, "day": 2})
    assert not same_value("signed_date", gold, None)
    assert same_value("issuer", None, None)


def test_garbled_and_undamaged_characters_on_a_hand_built_alignment():
    truth = "做到每户有人"  # 到每 was garbled (offsets 1-3)
    predicted = "做?每户有个"  # 到 lost, 每 restored, 人 (undamaged) changed
    restored, recoverable, changed = garbled_counts(truth, predicted, [[1, 3, "gbk_shift"]])
    assert (restored.hits, restored.total) == (1, 2)
    assert (recoverable.hits, recoverable.total) == (1, 2)  # an older truth file: no traceless
    assert (changed.hits, changed.total) == (1, 4)


def test_traceless_characters_are_left_out_of_the_recoverable_count():
    truth = "做到每户有人"  # 到每 was garbled, nothing of 到 was left on the page
    predicted = "做每户有人"
    restored, recoverable, changed = garbled_counts(truth, predicted, [[1, 3, "gbk_shift"]], [1])
    assert (restored.hits, restored.total) == (1, 2)
    assert (recoverable.hits, recoverable.total) == (1, 1)
    assert (changed.hits, changed.total) == (0, 4)
