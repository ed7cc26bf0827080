"""Sorted spans and runs of a view for the organisations' search (``extractor.entities``).

The suffix words' ends, the spans starting in a window, the cuts' reach and the places' heads
are found by bisection; the runs of Han characters that may hold a name by their edges around
one suffix end. A module of their own, compiled: called for every suffix word and segment of a
page, they are C calls from ``entities`` (cimported, ``entity_spans.pxd``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import itemgetter

from extractor.pattern_syntax import HAN

# compiled, C loops beat the calls they replace (``_run_scanned``: a run's three searches,
# ``_bisected``: ``bisect_right``); interpreted, the calls are the faster (the compiled
# module's file is no ``.py``)
_COMPILED = not __file__.endswith(".py")


class Ends:
    """The suffix words' ends, sorted, and the start of each (``starts``): the ends in a
    segment are found by bisection."""

    def __init__(self, ends: dict[int, int]) -> None:
        self.ends = sorted(ends)
        self.starts = ends

    def get_range(self, low: int, high: int) -> list[int]:
        return self.ends[count_up_to(self.ends, low) : count_up_to(self.ends, high)]


class Spans:
    """Spans sorted, their starts apart: the ones starting in a window are found by bisection
    (a dict probed at every position of the window cost more)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def near(self, low: int, high: int) -> list[tuple[int, int]]:
        """The spans starting in ``low:high``."""
        starts = self.starts
        return self.spans[count_up_to(starts, low - 1) : count_up_to(starts, high - 1)]


def count_up_to(values: list[int], value: int) -> int:
    """How many of the sorted ``values`` are at most ``value`` (``bisect_right``): compiled, by
    ``_bisected``'s C loop (a call of the library's function cost more than its search)."""
    return _bisected(values, value) if _COMPILED else bisect_right(values, value)


def _bisected(values: list[int], value: int) -> int:
    """``bisect_right(values, value)`` as a loop (C integers compiled)."""
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        probe = values[middle]  # a C integer compiled, compared as one
        if value < probe:
            high = middle
        else:
            low = middle + 1
    return low


def segments_holding(
    view: str, cuts: list[tuple[int, int]], ends: list[int]
) -> list[tuple[int, int]]:
    """The runs of Han characters and quotes, once the ``cuts`` are blanked out, that hold one
    of the sorted suffix ``ends`` (start < end <= run end), in order: only they can name an
    organisation. Each is found from its end, not among all the runs of the view (a page has
    few of them among hundreds; listing them all was a tenth of the stage), and bounded by
    the cuts around it (``CutReach``), not in a copy of the view with the cuts blanked."""
    cut_reach = CutReach(cuts)
    length = len(view)
    table = _in_run_table() if _COMPILED else ""
    backwards = "" if _COMPILED else view[::-1]  # `re` searches forwards only
    found: list[tuple[int, int]] = []
    for end in ends:
        if end < 1 or (found and end <= found[-1][1]):
            continue  # before the text, or inside the run found last
        index = count_up_to(cut_reach.starts, end - 1)  # the cuts starting up to end - 1
        covered_to = cut_reach.reach[index - 1] if index else 0
        if covered_to >= end:
            continue  # at a blank
        stop = cut_reach.next_start(index, length)
        run = (
            _run_scanned(view, table, end, covered_to, stop)
            if _COMPILED
            else _run_searched(view, backwards, end, covered_to, stop)
        )
        if run is not None:
            found.append(run)
    return found


def _run_searched(
    view: str, backwards: str, end: int, low: int, stop: int
) -> tuple[int, int] | None:
    """The run holding ``view[end - 1]``, from ``low`` at the earliest to ``stop`` at the
    latest (None if that character is outside a run), found by ``_OUTSIDE``'s searches
    (``backwards``: the view reversed)."""
    if _OUTSIDE.match(view, end - 1):
        return None
    length = len(view)
    before = _OUTSIDE.search(backwards, length - end + 1)  # the last one before end - 1
    after = _OUTSIDE.search(view, end, stop)
    start = length - before.start() if before else 0
    return max(start, low), after.start() if after else stop


def _run_scanned(view: str, table: str, end: int, low: int, stop: int) -> tuple[int, int] | None:
    """``_run_searched``'s run, found by a loop over its characters, each looked up in
    ``table`` (``_in_run_table``)."""
    if not _in_run(view, table, end - 1):
        return None
    start, after = end - 1, end
    while start > low and _in_run(view, table, start - 1):
        start -= 1
    while after < stop and _in_run(view, table, after):
        after += 1
    return start, after


def _in_run(view: str, table: str, at: int) -> bool:
    """Whether ``view[at]`` may stand in a run (``_OUTSIDE`` does not match it): looked up in
    ``table`` in the Basic Multilingual Plane, matched beyond it."""
    code = ord(view[at])
    if code < len(table):
        return table[code] != "\0"
    return _OUTSIDE.match(view, at) is None


@lru_cache(maxsize=1)
def _in_run_table() -> str:
    """The Basic Multilingual Plane with each character ``_OUTSIDE`` matches as NUL (built once,
    in 8 ms: at the first page, not at import)."""
    return _OUTSIDE.sub("\0", "".join(map(chr, range(0x10000))))


class CutReach:
    """The non-empty cuts' starts in order, and how far the cuts up to each one reach: the
    cuts starting up to a position cover nothing after the reach of the last of them. Sorted
    by start only: of cuts with one start, only the reach of the last is read (a search for a
    position counts them all), and that is the furthest end whatever their order."""

    def __init__(self, cuts: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.reach: list[int] = []
        furthest = 0
        for start, end in sorted(cuts, key=itemgetter(0)):  # ints compared, not tuples
            if end > start:
                furthest = end if end > furthest else furthest
                self.starts.append(start)
                self.reach.append(furthest)

    def next_start(self, index: int, length: int) -> int:
        """Where the ``index``-th cut starts, at most the view's ``length``."""
        return min(self.starts[index], length) if index < len(self.starts) else length


_OUTSIDE = re.compile(f'[^{HAN[1:-1]}“”"]')  # what ends a run that may hold a name


class PlaceHeads:
    """Where places start, sorted, and where they end (of each start's longest place): the
    place starting nearest before a suffix is found by bisection, not by probing each
    position back to the segment's start, and a start that another place ends at by a set."""

    def __init__(self, places: list[tuple[int, int]]) -> None:
        by_start = dict(places)  # start -> end
        self.starts = sorted(by_start)
        self.ends = set(by_start.values())

    def last(self, low: int, high: int) -> int | None:
        """The last place start in ``low..high`` (both included)."""
        index = count_up_to(self.starts, high) - 1
        return self.starts[index] if index >= 0 and self.starts[index] >= low else None
