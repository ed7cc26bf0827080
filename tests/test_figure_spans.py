"""The spans the money and count stages share."""

from __future__ import annotations

import re
from bisect import bisect_left

from extractor.figure_spans import merged_windows, overlaps, veto_spans


def test_windows_around_sorted_items_merge_where_they_meet() -> None:
    assert merged_windows([(5, 7), (9, 10), (30, 31)], 2, 3, 33) == [(3, 13), (28, 33)]


def test_overlaps_touches_but_not_adjoins() -> None:
    spans = [(2, 4), (10, 12)]
    assert overlaps(spans, 3, 6) and overlaps(spans, 11, 20)
    assert not overlaps(spans, 4, 10) and not overlaps(spans, 0, 2)


def test_overlaps_finds_the_place_bisect_would() -> None:
    spans = [(0, 0), (2, 4), (4, 4), (6, 9), (9, 10), (13, 15)]
    for start in range(18):
        for end in range(start, 18):
            i = bisect_left(spans, (start, start))
            expected = (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)
            assert overlaps(spans, start, end) == expected, (start, end)
    assert not overlaps([], 3, 5)


def test_veto_matches_are_sought_only_near_the_items() -> None:
    view = "个百分点" + "。" * 20 + "个百分点3个村"
    assert veto_spans(re.compile("个百分点"), view, [(25, 27)]) == [(24, 28)]
    assert veto_spans(None, view, [(25, 27)]) == []
