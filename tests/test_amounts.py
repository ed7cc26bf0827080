"""Money: the case file, the clause around an amount, the pipeline's offsets, and speed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import case_rows
from hypothesis import given
from hypothesis import strategies as st

import extractor
from extractor.amounts import CLAUSE_END, CLAUSE_REACH, clause_start_before
from extractor.figure_rules import load_money_rules, load_quantity_rules
from extractor.figures import find_figures

CASES = Path(__file__).parent / "cases" / "amounts.tsv"
MONEY, COUNTS = load_money_rules(), load_quantity_rules()


def _rows() -> list:
    return case_rows(CASES)


@pytest.mark.parametrize(("sentence", "text", "value", "currency", "bound", "per"), _rows())
def test_amount_cases(sentence, text, value, currency, bound, per):
    amounts, _ = find_figures(sentence, MONEY, COUNTS)
    if text == "-":
        assert amounts == [], [sentence[a.start : a.end] for a in amounts]
        return
    assert [sentence[a.start : a.end] for a in amounts] == [text]
    (amount,) = amounts
    assert amount.value == (None if value == "-" else Decimal(value))
    assert amount.masked == (value == "-")
    assert (amount.currency, amount.bound) == (currency, bound)
    assert amount.per == (None if per == "-" else per)


def _document(text: str) -> extractor.Document:
    (document,) = extractor.extract(text)
    return document


def test_bounds_fill_low_and_high():
    amounts = _document("收入1萬多元，近3万元，3至5万元，约2万元。").amounts
    assert [(a.bound, a.low, a.high) for a in amounts] == [
        ("at_least", Decimal(10000), None),
        ("at_most", None, Decimal(30000)),
        ("range", Decimal(30000), Decimal(50000)),
        ("about", None, None),
    ]


def test_action_giver_recipient_and_beneficiaries():
    document = _document(
        "同時，局机关干部职工捐资5,310元為該村117名困難群眾交納了新農合參合金。"
        "地區審計局出資5萬元，用于建设党员活动室。"
    )
    first, second = document.amounts
    assert first.action == "捐资"
    assert first.giver is not None and first.giver.text == "局机关干部职工"
    assert first.recipient is not None and first.recipient.text == "該村117名困難群眾"
    count = document.quantities[first.beneficiaries]
    assert count.text == "117名"
    assert first.per_beneficiary == Decimal("45.38")
    assert second.action == "出资" and second.giver.text == "地區審計局"
    assert second.purpose == "建设党员活动室"


def test_recipient_after_the_amount():
    document = _document("局机关干部职工捐款6,800元，为石板村86名困难群众交纳医疗保险。")
    (amount,) = document.amounts
    assert amount.recipient is not None and amount.recipient.text == "石板村86名困难群众"
    assert document.quantities[amount.beneficiaries].text == "86名"
    assert amount.per_beneficiary == Decimal("79.07")


def test_totals_and_parts():
    document = _document(
        "查出违规金额326万元，其中挪用资金86万元，虚报冒领12万元。共计发放慰问金29,000元。"
    )
    total, first, second, last = document.amounts
    assert total.action == "查出违规金额" and total.role == "total"
    assert (first.role, first.part_of) == ("part", 0)
    assert (second.role, second.part_of) == ("part", 0)
    assert last.role == "total" and last.part_of is None


def test_raw_offsets_point_at_the_evidence(seed_bytes):
    for document in extractor.extract(seed_bytes):
        for item in (*document.amounts, *document.quantities):
            assert document.text[item.start : item.end] == item.text
            raw = document.original[item.raw_start : item.raw_end]
            assert raw[0] == item.text[0] and raw[-1] == item.text[-1], (item.text, raw)


def test_section_paths():
    document = _document("一、基本情况\n捐款6,800元。\n二、成效\n（一）帮扶\n资助20户，共5万元。\n")
    assert [a.section_path for a in document.amounts] == [[0], [1, 0]]
    assert document.quantities[0].section_path == [1, 0]


@given(st.text(alphabet="捐款元,;:!?。\na", max_size=150), st.data())
def test_a_clause_starts_after_the_last_mark_before_the_amount_within_reach(view, data):
    start = data.draw(st.integers(0, len(view)))
    marks = [m.start() for m in CLAUSE_END.finditer(view) if m.start() < start]
    expected = max(marks[-1] + 1 if marks else 0, start - CLAUSE_REACH)
    assert clause_start_before(view, start) == expected
