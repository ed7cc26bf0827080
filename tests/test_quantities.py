"""Counts: the case file (numbers with classifiers, and what is not a count)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import case_rows

from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.figures import find_figures

CASES = Path(__file__).parent / "cases" / "quantities.tsv"
MONEY, COUNTS = load_money_rules(), load_quantity_rules()


def _rows() -> list:
    return case_rows(CASES)


@pytest.mark.parametrize(("sentence", "texts", "values", "units"), _rows())
def test_quantity_cases(sentence, texts, values, units):
    _, counts = find_figures(sentence, MONEY, COUNTS)
    found = [sentence[c.start : c.end] for c in counts]
    if texts == "-":
        assert found == []
        return
    assert found == texts.split("|")
    assert [c.value for c in counts] == [Decimal(v) for v in values.split("|")]
    assert [sentence[c.unit_start : c.unit_end] for c in counts] == units.split("|")


def test_ranges_and_bounds():
    _, counts = find_figures("每人联系3至5户，服务300余人次，筛查4,000人次以上", MONEY, COUNTS)
    assert [(c.bound, c.low, c.high) for c in counts] == [
        ("range", 3, 5),
        ("at_least", 300, None),
        ("at_least", 4000, None),
    ]


def test_what_is_counted_follows_the_classifier():
    text = "为该村117名困难群众交纳"
    _, (count,) = find_figures(text, MONEY, COUNTS)
    assert count.counted is not None
    assert text[slice(*count.counted)] == "困难群众"
