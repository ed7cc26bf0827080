"""Where a run with no seam before it may have started: its likeliest starts, read cheaply.

A run starts after a character outside GB2312 (``gbk_marks.after_extension``); of those places
before a run, the few whose window reads best, text as found before the start and its bytes
re-paired one along after it, are searched in full (``gbk_hypotheses``).
"""

from __future__ import annotations

from functools import lru_cache

from extractor.gbk import decode_pair, two_bytes
from extractor.gbk_marks import after_extension
from extractor.gbk_runs import Segment
from extractor.lm import LanguageModel
from extractor.views import to_simplified

STARTS_TRIED = 3


def likely_starts(text: str, segment: Segment, model: LanguageModel) -> list[int]:
    """Starts whose reading of the whole window, text as found before the start and re-paired
    bytes after it, is likeliest: a cheap filter before the full search."""
    starts = list(_ranked_starts(text, segment.reach, segment.end, model))
    if segment.terminator == "letter" or (
        segment.terminator == "question" and after_extension(text, segment.end)
    ):
        starts.append(segment.end)
    return starts


@lru_cache(maxsize=64)
def _ranked_starts(text: str, reach: int, end: int, model: LanguageModel) -> tuple[int, ...]:
    """The STARTS_TRIED likeliest starts of a run from ``reach`` to ``end`` (``likely_starts``),
    kept: the two segments of a run that ends in a ``?`` (one each way) ask for the same.
    A lone start is not read: it comes first whatever it scores (28 of the 62 asks that find
    a start on the benchmark's pages)."""
    placed = [start for start in range(reach, end) if after_extension(text, start)]
    if not placed:
        return ()
    streamed, inside = _re_paired_from(text, placed[0], end)
    starts = [start for start in placed if start >= streamed]
    if len(starts) < 2:
        return tuple(starts)
    options: list[tuple[float, int]] = []
    for start in starts:
        window = to_simplified(text[reach:start] + "".join(inside[start - streamed :]))
        options.append((model.score(window) / max(len(window), 1), start))
    return tuple([start for _, start in sorted(options, reverse=True)[:STARTS_TRIED]])


def _re_paired_from(text: str, first: int, end: int) -> tuple[int, list[str]]:
    """The first start from ``first`` on whose characters up to ``end`` all have two bytes,
    and the characters those bytes re-pair one along ("\ufffd" for a pair that is none): a
    later start's are the tail of these (``likely_starts`` reads them for every start)."""
    parts = [two_bytes(char) for char in text[first:end]]
    streamed = end
    while streamed > first and parts[streamed - 1 - first] is not None:
        streamed -= 1
    stream = b"".join(parts[streamed - first :])  # type: ignore[arg-type]
    pairs = range(1, len(stream) - 1, 2)
    return streamed, [decode_pair(stream[i], stream[i + 1]) or "\ufffd" for i in pairs]
