"""Spans the money and count stages share: windows merged around sorted items, a veto
pattern's matches near them, and whether a span overlaps any of a sorted list.

A veto rule (not money, not a count) is sought only in the few characters around each
candidate, the only places its matches can overlap one.
"""

from __future__ import annotations

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
    """[start - before, end + after) around each sorted item, overlapping windows merged (the
    last window's end kept as an int of its own: compiled, compared in C, not read back)."""
    windows: list[tuple[int, int]] = []
    last_high = -1
    for start, end in items:
        low, high = max(0, start - before), min(length, end + after)
        if windows and low <= last_high:
            last_high = max(last_high, high)
            windows[-1] = (windows[-1][0], last_high)
        else:
            last_high = high
            windows.append((low, high))
    return windows


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does any of the sorted, non-nested ``spans`` overlap [start, end)?

    ``bisect_left(spans, (start, start))`` written out: compiled, its ints compared in C (the
    bisect's tuple comparisons cost ~1,800 instructions a call, and a page asks twice a count).
    """
    low, high = 0, len(spans)
    while low < high:
        middle = (low + high) // 2
        span_start, span_end = spans[middle]
        if span_start < start or (span_start == start and span_end < start):
            low = middle + 1
        else:
            high = middle
    return (low < len(spans) and spans[low][0] < end) or (low > 0 and spans[low - 1][1] > start)
