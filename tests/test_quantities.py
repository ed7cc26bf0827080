"""Counts: the case file (numbers with classifiers, and what is not a count)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from conftest import case_rows
from hypothesis import given
from hypothesis import strategies as st

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


QUANTITY_ALPHABET = "0123456789.一二三四五六七十百千万余多近约共名人户所个次位班年, 、。工学校和至"


def test_the_count_rules_run_on_re():
    assert all(isinstance(c.regex, re.Pattern) for c in COUNTS.rules)


@given(st.text(alphabet=QUANTITY_ALPHABET, max_size=40))
def test_the_count_rules_on_re_find_what_regex_finds(text):
    """The count rules run on `re` (``std_re_source``): `regex` finds the same matches and
    groups with their text (whose \\h and \\p{Han}, spelled out, ``test_pattern_syntax`` checks)."""
    for compiled in COUNTS.rules:
        reference = regex.compile(compiled.regex.pattern, regex.V0)
        assert [(m.span(), m.groupdict()) for m in compiled.regex.finditer(text)] == [
            (m.span(), m.groupdict()) for m in reference.finditer(text)
        ]


def _two_branch_count_number() -> str:
    """The count number as first written: a branch for Arabic digits, one for numerals."""
    from extractor import numbers as rules

    chinese = rules.CN_DIGIT_CLASS + rules.CN_SMALL_CLASS
    return (
        rf"\d{rules.COUNT_GUARD}{rules.ARABIC_TAIL}[万亿]?"
        rf"|[{chinese}]{rules.COUNT_GUARD}[{chinese}{rules.CN_BIG_CLASS}]*"
    )


@given(st.text(alphabet=QUANTITY_ALPHABET + "第,壹两亿", max_size=40))
def test_the_count_number_opening_with_one_class_finds_what_two_branches_find(text):
    """The count number opens with one class (so `re` skips to its characters) and tells
    digits from numerals after its guard: the same matches as the two branches it replaced."""
    from extractor.numbers import COUNT_NUMBER

    assert COUNT_NUMBER.startswith("[")
    found = re.compile(f"(?P<num>{COUNT_NUMBER})(?P<next>.?)")
    reference = re.compile(f"(?P<num>{_two_branch_count_number()})(?P<next>.?)")
    assert [(m.span(), m.groupdict()) for m in found.finditer(text)] == [
        (m.span(), m.groupdict()) for m in reference.finditer(text)
    ]
