"""The real seed: its six money amounts exactly, and its counts (a hand annotation of 35)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

import extractor

# (text, value, bound, low): 1萬多元 is at least 10000.
SEED_AMOUNTS = [
    ("6000元", "6000", "exact", None),
    ("1萬多元", "10000", "at_least", "10000"),
    ("5,310元", "5310", "exact", None),
    ("10,000元", "10000", "exact", None),
    ("5萬元", "50000", "exact", None),
    ("10000元", "10000", "exact", None),
]
# The counts a careful reader marks (ANNOTATION.md): not 三個建設年 or 三個代表 (names), not
# 十屆十次 (a session number), not 兩個多小時 (a duration), not 心往一處想 (an idiom).
SEED_COUNTS = (
    ["一名", "20戶", "一袋", "一桶", "一件", "117名", "25戶"]
    + ["五所"] * 12
    + ["一個", "194個教學班", "58個教學班", "5個", "4所", "14所", "136個班", "441人"]
    + ["8522人", "二位", "二位", "兩所", "一次", "15人", "5人", "4名"]
)


@pytest.fixture(scope="module")
def documents(seed_bytes):
    return extractor.extract(seed_bytes, source="seed")


def test_all_six_amounts_with_exact_value_and_bound(documents):
    found = [(a.text, a.value, a.bound, a.low, a.currency) for d in documents for a in d.amounts]
    expected = [
        (text, Decimal(value), bound, low and Decimal(low), "CNY")
        for text, value, bound, low in SEED_AMOUNTS
    ]
    assert found == expected


def test_the_donation_for_117_people_is_linked_to_them(documents):
    amount = next(a for a in documents[0].amounts if a.text == "5,310元")
    assert amount.action == "捐资"
    assert amount.recipient is not None and amount.recipient.text == "該村117名困難群眾"
    assert documents[0].quantities[amount.beneficiaries].text == "117名"
    assert amount.per_beneficiary == Decimal("45.38")


def test_counts_recall_at_least_90_percent(documents):
    assert len(SEED_COUNTS) == 35
    found = Counter(q.text for d in documents for q in d.quantities)
    matched = sum((found & Counter(SEED_COUNTS)).values())
    assert matched / len(SEED_COUNTS) >= 0.9, sorted((Counter(SEED_COUNTS) - found).elements())
    assert sum(found.values()) - matched <= 3


def test_amount_raw_offsets_show_the_scraped_evidence(documents):
    original = documents[0].original
    for document in documents:
        for amount in document.amounts:
            raw = original[amount.raw_start : amount.raw_end]
            assert raw.startswith(amount.text[0]) and raw.endswith(amount.text[-1])
            assert amount.section_path, amount.text
