"""Cutting the repaired text into documents and tidying each one's edges.

Tidying is a repair like any other: a repeated title line is a ``boilerplate`` removal, and the
blank lines and spaces trimmed at a document's edges are ``whitespace`` removals, so replaying
the log on the original still gives each document's text exactly.
"""

from __future__ import annotations

import itertools

from extractor.offsets import Splice


def cut(length: int, boundaries: list[int]) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` between the boundaries, covering the whole text."""
    edges = [0, *(b for b in sorted(set(boundaries)) if 0 < b < length), length]
    return list(itertools.pairwise(edges))


def tidy(text: str, spans: list[tuple[int, int]]) -> list[Splice]:
    """Splices that drop a duplicated title line and trim whitespace at each span's edges."""
    splices: list[Splice] = []
    for start, end in spans:
        body = text[start:end]
        content_start = start + len(body) - len(body.lstrip())
        content_end = start + len(body.rstrip())
        if content_start >= content_end:
            if end > start:
                splices.append(Splice(start, end, "", "whitespace", "trim"))
            continue
        if content_start > start:
            splices.append(Splice(start, content_start, "", "whitespace", "trim"))
        duplicate = _duplicate_title(text, content_start, content_end)
        if duplicate:
            splices.append(Splice(*duplicate, "", "boilerplate", "duplicate_title"))
        if content_end < end:
            splices.append(Splice(content_end, end, "", "whitespace", "trim"))
    return splices


def _duplicate_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The second of two identical leading lines (``title\\ntitle``), with its line break."""
    first_end = text.find("\n", start, end)
    if first_end == -1:
        return None
    first = text[start:first_end].strip()
    second_end = text.find("\n", first_end + 1, end)
    second_end = end if second_end == -1 else second_end
    if first and text[first_end + 1 : second_end].strip() == first:
        return first_end, second_end
    return None
