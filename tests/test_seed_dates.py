"""The seed's dates: every date expression found, and the masked years resolved.

The first document is signed 2011-12-09 and plans for the next year in its third section; the
second is signed 2011-07-08 about the 2010 autumn – 2011 spring school year.
"""

from __future__ import annotations

import pytest

import extractor

FIRST = [
    ("201*年度", 2011),
    ("201*年", 2011),
    ("“十一五”", None),
    ("“十二五”時期", None),
    ("201*-201*年", 2011),
    ("201*年春節", 2011),
    ("今年5月", 2011),
    ("201*年", 2012),
    ("201*年", 2012),
    ("“十二五”時期", None),
    ("二0一一年十二月九日", 2011),
]
SECOND_MASKED = [
    ("201*年春", 2011),
    ("201*年秋-201*年春學年度", 2010),
    ("201*年春", 2011),
    ("201*年9月30日", 2010),
    ("201*年秋季", 2010),
    ("201*年12月12日", 2010),
    ("201*年3月18日", 2011),
    ("201*年4月12日", 2011),
    ("201*年4月13日", 2011),
]


@pytest.fixture(scope="module")
def documents(seed_bytes):
    return extractor.extract(seed_bytes, source="seed")


def test_first_document_dates_and_years(documents):
    assert [(d.text, d.year_inferred) for d in documents[0].dates] == FIRST


def test_second_document_school_year_and_meetings(documents):
    dates = documents[1].dates
    masked = [(d.text, d.year_inferred) for d in dates if d.year_masked][: len(SECOND_MASKED)]
    assert masked == SECOND_MASKED
    texts = [d.text for d in dates]
    assert "3月21日" in texts and "上年度" in texts and "本年度" in texts
    assert texts[-1] == "二一一年七月八日" and dates[-1].flags == ["lost_zero"]
    assert len(dates) >= 23


def test_masked_years_carry_their_decade_and_evidence(documents):
    for document in documents:
        for date in document.dates:
            if date.year_masked:
                assert (date.year_low, date.year_high) == (2010, 2019)
                assert date.evidence


def test_signed_dates_carry_precision_and_flags(documents):
    first, second = (document.signed_date for document in documents)
    assert (first.precision, first.year_inferred, first.flags) == ("day", 2011, [])
    assert (second.year, second.flags) == (2011, ["lost_zero"])
