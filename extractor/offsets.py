"""Repaired text that never forgets where each character came from.

``EditableText`` starts as the decoded input and takes rounds of ``Splice`` edits from the
repair stages. It keeps a piecewise map from the current text back to the original: a *copy*
piece maps character for character, a *replaced* piece (what a repair wrote, possibly empty for
a deletion) maps as a whole onto the original span it replaced. Replaced pieces are the repair
log: they never overlap in the original, so replaying them on the original gives the text back.
A later edit that touches an earlier replaced piece swallows it whole and lists its kind in
``absorbed``, so the log stays a set of disjoint, auditable substitutions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Splice:
    """Replace ``text[start:end]`` with ``replacement``; ``kind`` says which repair it is."""

    start: int
    end: int
    replacement: str
    kind: str
    rule: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RepairRecord:
    """A net substitution ``original[raw_start:raw_end] -> after``, at ``start`` in the text."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    start: int
    rule: str | None
    note: str | None
    absorbed: tuple[str, ...]

    def moved(self, shift: int) -> RepairRecord:
        """The same record with its text position moved by ``shift``."""
        return RepairRecord(
            self.kind,
            self.raw_start,
            self.raw_end,
            self.before,
            self.after,
            self.start + shift,
            self.rule,
            self.note,
            self.absorbed,
        )


class _Pieces:
    """The piecewise map as parallel lists: piece ``i`` is text from ``text_starts[i]`` to the
    next piece's start, standing for ``original[raw_starts[i]:raw_ends[i]]``; ``splices[i]`` is
    None for a copied piece, else the repair that wrote it, which ``absorbed[i]`` lists the kinds
    of the earlier repairs it swallowed."""

    __slots__ = ("absorbed", "raw_ends", "raw_starts", "splices", "text_starts")

    def __init__(self) -> None:
        self.text_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.raw_ends: list[int] = []
        self.splices: list[Splice | None] = []
        self.absorbed: list[Sequence[str]] = []  # copied pieces share one empty tuple

    def append(
        self, text_start: int, raw: tuple[int, int], splice: Splice | None, absorbed: Sequence[str]
    ) -> None:
        self.text_starts.append(text_start)
        self.raw_starts.append(raw[0])
        self.raw_ends.append(raw[1])
        self.splices.append(splice)
        self.absorbed.append(absorbed)

    def extend_moved(self, other: _Pieces, first: int, stop: int, shift: int) -> None:
        """Copy pieces ``first:stop`` of ``other``, their text starts moved by ``shift``."""
        starts = other.text_starts[first:stop]
        self.text_starts.extend([start + shift for start in starts] if shift else starts)
        self.raw_starts.extend(other.raw_starts[first:stop])
        self.raw_ends.extend(other.raw_ends[first:stop])
        self.splices.extend(other.splices[first:stop])
        self.absorbed.extend(other.absorbed[first:stop])


class EditableText:
    """The current text, its map to the original, and the log of what changed."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._pieces = _Pieces()
        if original:
            self._pieces.append(0, (0, len(original)), None, ())
        self._starts: list[int] = [0] if original else []  # text starts of non-empty pieces
        self._holders: list[int] = [0] if original else []  # their indices in _pieces

    # -- lookups ------------------------------------------------------------------------

    def _piece_index(self, position: int) -> int:
        """Index of the non-empty piece holding text character ``position``."""
        return self._holders[bisect_right(self._starts, position) - 1]

    def raw_start_of(self, position: int) -> int:
        """Original offset where text character ``position`` begins (len(original) at the end)."""
        if position >= len(self.text):
            return len(self.original)
        index = self._piece_index(position)
        pieces = self._pieces
        if pieces.splices[index] is None:
            return pieces.raw_starts[index] + position - pieces.text_starts[index]
        return pieces.raw_starts[index]

    def raw_end_of(self, position: int) -> int:
        """Original offset where text character ``position`` ends (0 before the start)."""
        if position < 0:
            return 0
        index = self._piece_index(position)
        pieces = self._pieces
        if pieces.splices[index] is None:
            return pieces.raw_starts[index] + position - pieces.text_starts[index] + 1
        return pieces.raw_ends[index]

    def text_position(self, raw: int) -> int | None:
        """Where original character ``raw`` stands in the text, if it was kept as it was."""
        pieces = self._pieces
        index = bisect_right(pieces.raw_starts, raw) - 1
        if index < 0 or pieces.splices[index] is not None or raw >= pieces.raw_ends[index]:
            return None
        return pieces.text_starts[index] + raw - pieces.raw_starts[index]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that backs ``text[start:end]``."""
        if end <= start:
            position = self.raw_start_of(start)
            return position, position
        return self.raw_start_of(start), self.raw_end_of(end - 1)

    # -- edits --------------------------------------------------------------------------

    def apply(self, splices: Iterable[Splice]) -> None:
        """Apply non-overlapping splices given in current-text coordinates."""
        changes = [s for s in splices if self.text[s.start : s.end] != s.replacement]
        ordered = self._widen(sorted(changes, key=lambda s: (s.start, s.end)))
        if not ordered:
            return
        raw_spans = [self.raw_span(splice.start, splice.end) for splice in ordered]
        self._pieces = _Sweep(self._pieces, len(self.text), ordered, raw_spans).run()
        self.text = _spliced(self.text, ordered)
        self._index_pieces()

    def _index_pieces(self) -> None:
        """Index the non-empty pieces: empty ones stay in the log but hold no character."""
        starts = self._pieces.text_starts
        ends = [*starts[1:], len(self.text)]
        self._holders = [i for i, (s, e) in enumerate(zip(starts, ends, strict=True)) if e > s]
        self._starts = [starts[i] for i in self._holders]

    def _true_end(self, index: int) -> int:
        starts = self._pieces.text_starts
        return starts[index + 1] if index + 1 < len(starts) else len(self.text)

    def _widen(self, splices: Sequence[Splice]) -> list[Splice]:
        """Grow splices to whole replaced pieces; splices that then overlap become one."""
        groups: list[list[Splice]] = []
        bounds: list[tuple[int, int]] = []
        previous_end = -1
        for splice in splices:
            if splice.start < previous_end:
                raise ValueError(f"overlapping splices at {splice.start}: {splice}")
            previous_end = splice.end
            start, end = splice.start, splice.end
            if end > start:
                start, end = self._replaced_bounds(start, end)
            if bounds and start < bounds[-1][1]:
                groups[-1].append(splice)
                bounds[-1] = (bounds[-1][0], max(end, bounds[-1][1]))
            else:
                groups.append([splice])
                bounds.append((start, end))
        widened = []
        for group, (start, end) in zip(groups, bounds, strict=True):
            last = group[-1]
            if len(group) == 1 and (start, end) == (last.start, last.end):
                widened.append(last)
                continue
            inner = [Splice(s.start - start, s.end - start, s.replacement, s.kind) for s in group]
            replacement = _spliced(self.text[start:end], inner)
            widened.append(Splice(start, end, replacement, last.kind, last.rule, last.note))
        return widened

    def _replaced_bounds(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` grown to the whole replaced pieces its first and last characters
        fall in (one lookup each, inlined: every splice of a round comes through here)."""
        holders, nonempty, pieces = self._holders, self._starts, self._pieces
        if start < len(self.text):
            index = holders[bisect_right(nonempty, start) - 1]
            if pieces.splices[index] is not None:
                start = pieces.text_starts[index]
        index = holders[bisect_right(nonempty, end - 1) - 1]
        if pieces.splices[index] is not None:
            end = max(end, self._true_end(index))
        return start, end

    # -- the log ------------------------------------------------------------------------

    def repairs(self) -> list[RepairRecord]:
        """Every net change, in original order."""
        pieces, original, text = self._pieces, self.original, self.text
        starts = pieces.text_starts
        ends = [*starts[1:], len(text)] if starts else []
        return [
            RepairRecord(
                splice.kind,
                raw_start,
                raw_end,
                original[raw_start:raw_end],
                text[start:end],
                start,
                splice.rule,
                splice.note,
                tuple(absorbed),
            )
            for splice, start, end, raw_start, raw_end, absorbed in zip(
                pieces.splices,
                starts,
                ends,
                pieces.raw_starts,
                pieces.raw_ends,
                pieces.absorbed,
                strict=True,
            )
            if splice is not None
        ]


class _Sweep:
    """One pass that builds the pieces after a round of splices from the pieces before it.

    Pieces come out in text order: at one old position a deletion gap comes before a splice,
    and a splice before kept text. A replaced piece inside a splice is swallowed (its kind goes
    to the splice's ``absorbed``); a copy piece keeps only what no splice touches. Runs of
    pieces that touch no splice are only moved, as whole slices.
    """

    def __init__(
        self, old: _Pieces, length: int, ordered: list[Splice], raw_spans: list[tuple[int, int]]
    ) -> None:
        self.old, self.length, self.ordered, self.raw_spans = old, length, ordered, raw_spans
        self.starts = [splice.start for splice in ordered]
        self.absorbed: list[list[str]] = [[] for _ in ordered]
        self.kept = _complement(ordered, length)
        self.new = _Pieces()
        self.shift = self.waiting = 0

    def run(self) -> _Pieces:
        starts = self.old.text_starts
        ends = [*starts[1:], self.length]
        cursor = 0
        for splice in self.ordered:
            low = max(bisect_left(ends, splice.start), cursor)  # pieces touching the splice
            high = bisect_right(starts, splice.end)
            if cursor < low:
                self._emit_splices(starts[cursor], inclusive=True)
                self.new.extend_moved(self.old, cursor, low, self.shift)
            for index in range(low, high):
                self._touched(index, starts[index], ends[index])
            cursor = max(cursor, high)
        if cursor < len(starts):
            self._emit_splices(starts[cursor], inclusive=True)
            self.new.extend_moved(self.old, cursor, len(starts), self.shift)
        self._emit_splices(self.length + 1, inclusive=True)
        return self.new

    def _touched(self, index: int, start: int, end: int) -> None:
        """A piece that touches a splice: swallowed, moved, or cut to what is kept of it."""
        old = self.old
        splice = old.splices[index]
        owner = _containing(self.starts, self.ordered, start, end)
        if owner is not None and splice is not None:
            self.absorbed[owner].extend([splice.kind, *old.absorbed[index]])
        elif start == end:
            self._emit_splices(start, inclusive=False)
            self.new.extend_moved(old, index, index + 1, self.shift)
        elif splice is not None:  # a replaced piece is never cut, only moved
            for kept_start, _ in _overlaps(self.kept, start, end):
                self._emit_splices(kept_start, inclusive=True)
                raw = (old.raw_starts[index], old.raw_ends[index])
                self.new.append(kept_start + self.shift, raw, splice, old.absorbed[index])
        else:
            for kept_start, kept_end in _overlaps(self.kept, start, end):
                self._emit_splices(kept_start, inclusive=True)
                raw_start = old.raw_starts[index] + kept_start - start
                raw = (raw_start, raw_start + kept_end - kept_start)
                self.new.append(kept_start + self.shift, raw, None, ())

    def _emit_splices(self, position: int, *, inclusive: bool) -> None:
        """The pieces of the splices that start before ``position`` (or at it, inclusive)."""
        ordered, starts = self.ordered, self.starts
        while self.waiting < len(ordered) and (
            starts[self.waiting] < position or (inclusive and starts[self.waiting] == position)
        ):
            number = self.waiting
            splice = ordered[number]
            self.new.append(
                splice.start + self.shift, self.raw_spans[number], splice, self.absorbed[number]
            )
            self.shift += len(splice.replacement) - (splice.end - splice.start)
            self.waiting += 1


def _complement(splices: Sequence[Splice], length: int) -> list[tuple[int, int]]:
    """The stretches of the old text that no splice touches."""
    kept: list[tuple[int, int]] = []
    cursor = 0
    for splice in splices:
        if splice.start > cursor:
            kept.append((cursor, splice.start))
        cursor = max(cursor, splice.end)
    if cursor < length:
        kept.append((cursor, length))
    return kept


def _overlaps(intervals: list[tuple[int, int]], start: int, end: int) -> Iterable[tuple[int, int]]:
    for index in range(max(bisect_right(intervals, (start, start)) - 1, 0), len(intervals)):
        interval_start, interval_end = intervals[index]  # no slice: that copies the tail
        if interval_start >= end:
            break
        low, high = max(interval_start, start), min(interval_end, end)
        if low < high:
            yield low, high


def _containing(starts: list[int], splices: Sequence[Splice], start: int, end: int) -> int | None:
    """Index of the splice that swallows old piece ``[start, end)``, if any.

    A non-empty piece is swallowed when it lies within the splice; an empty one (a deletion
    gap) only when strictly inside, so gaps at a splice's edges keep their own record.
    """
    index = bisect_right(starts, start) - 1
    if start == end:
        index = bisect_right(starts, start - 1) - 1
    if index < 0:
        return None
    splice = splices[index]
    if start == end:
        return index if splice.start < start < splice.end else None
    return index if splice.start <= start and end <= splice.end else None


def _spliced(text: str, splices: Sequence[Splice]) -> str:
    parts: list[str] = []
    cursor = 0
    for splice in splices:
        parts.append(text[cursor : splice.start])
        parts.append(splice.replacement)
        cursor = splice.end
    parts.append(text[cursor:])
    return "".join(parts)


class Substitution(Protocol):
    """What replaying needs of a repair: a ``RepairRecord`` or a model ``Repair`` both fit."""

    raw_start: int
    raw_end: int
    after: str


def replay(original: str, records: Iterable[Substitution], base: int = 0) -> str:
    """Apply a repair log to ``original[base:]`` (raw offsets are absolute)."""
    parts: list[str] = []
    cursor = base
    for record in sorted(records, key=lambda r: (r.raw_start, r.raw_end)):
        parts.append(original[cursor : record.raw_start])
        parts.append(record.after)
        cursor = record.raw_end
    parts.append(original[cursor:])
    return "".join(parts)
