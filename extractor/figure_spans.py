"""Spans the money and count stages share: windows merged around sorted items, a veto
pattern's matches near them, and whether a span overlaps any of a sorted list.

A veto rule (not money, not a count) is sought only in the few characters around each
candidate, the only places its matches can overlap one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import regex

VETO_BEFORE, VETO_AFTER = 4, 8  # how far a veto pattern may reach around the item it vetoes


def veto_spans(
    pattern: regex.Pattern[str] | None, view: str, items: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Matches of a veto pattern near the (sorted) items: only there can they overlap one."""
    if pattern is None:
        return []
    spans: list[tuple[int, int]] = []
    for start, end in merged_windows(items, VETO_BEFORE, VETO_AFTER, len(view)):
        spans += [(m.start(), m.end()) for m in pattern.finditer(view, start, end)]
    return spans


def merged_windows(
    items: Iterable[tuple[int, int]], before: int, after: int, length: int
) -> list[tuple[int, int]]:
    """[start - before, end + after) around each sorted item, overlapping windows merged."""
    windows: list[tuple[int, int]] = []
    for start, end in items:
        low, high = max(0, start - before), min(length, end + after)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    return windows


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does any of the sorted, non-nested ``spans`` overlap [start, end)?"""
    i = bisect_left(spans, (start, start))
    return (i < len(spans) and spans[i][0] < end) or (i > 0 and spans[i - 1][1] > start)
