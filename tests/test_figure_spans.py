"""The spans the money and count stages share."""

from __future__ import annotations

import re

from extractor.figure_spans import merged_windows, overlaps, veto_spans


def test_windows_around_sorted_items_merge_where_they_meet() -> None:
    assert merged_windows([(5, 7), (9, 10), (30, 31)], 2, 3, 33) == [(3, 13), (28, 33)]


def test_overlaps_touches_but_not_adjoins() -> None:
    spans = [(2, 4), (10, 12)]
    assert overlaps(spans, 3, 6) and overlaps(spans, 11, 20)
    assert not overlaps(spans, 4, 10) and not overlaps(spans, 0, 2)


def test_veto_matches_are_sought_only_near_the_items() -> None:
    view = "个百分点" + "。" * 20 + "个百分点3个村"
    assert veto_spans(re.compile("个百分点"), view, [(25, 27)]) == [(24, 28)]
    assert veto_spans(None, view, [(25, 27)]) == []
