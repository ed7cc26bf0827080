"""The report's ratios: micro-averaged from counts, null (not zero) when nothing is counted."""

from __future__ import annotations

import pytest

from extractor.eval_report import Counts


def test_nothing_on_either_side_is_null_not_zero():
    counts = Counts()
    assert (counts.precision, counts.recall, counts.f1) == (None, None, None)


def test_nothing_predicted_is_zero_recall_and_null_precision():
    counts = Counts(matched=0, gold=4, predicted=0)
    assert (counts.precision, counts.recall, counts.f1) == (None, 0.0, 0.0)


def test_f1_is_micro_averaged_from_counts():
    counts = Counts(matched=3, gold=4, predicted=6)
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.75 / (0.5 + 0.75))
