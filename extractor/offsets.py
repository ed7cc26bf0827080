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

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class Piece:
    """A stretch of the current text and the original span it stands for."""

    text_start: int
    raw_start: int
    raw_end: int
    splice: Splice | None = None  # None: copied verbatim from the original
    absorbed: list[str] = field(default_factory=list)

    @property
    def is_copy(self) -> bool:
        return self.splice is None


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


class EditableText:
    """The current text, its map to the original, and the log of what changed."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._pieces: list[Piece] = [Piece(0, 0, len(original))] if original else []
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
        piece = self._pieces[self._piece_index(position)]
        if piece.is_copy:
            return piece.raw_start + position - piece.text_start
        return piece.raw_start

    def raw_end_of(self, position: int) -> int:
        """Original offset where text character ``position`` ends (0 before the start)."""
        if position < 0:
            return 0
        piece = self._pieces[self._piece_index(position)]
        if piece.is_copy:
            return piece.raw_start + position - piece.text_start + 1
        return piece.raw_end

    def text_position(self, raw: int) -> int | None:
        """Where original character ``raw`` stands in the text, if it was kept as it was."""
        index = bisect_right([piece.raw_start for piece in self._pieces], raw) - 1
        if index < 0:
            return None
        piece = self._pieces[index]
        if not piece.is_copy or raw >= piece.raw_end:
            return None
        return piece.text_start + raw - piece.raw_start

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
        splice_starts = [splice.start for splice in ordered]
        absorbed: list[list[str]] = [[] for _ in ordered]
        # Each event: (old position, rank, order, item); at one position a deletion gap comes
        # before a splice, and a splice before kept text.
        events: list[tuple[int, int, int, Piece | Splice]] = [
            (splice.start, 1, number, splice) for number, splice in enumerate(ordered)
        ]
        kept = _complement(ordered, len(self.text))
        for index, piece in enumerate(self._pieces):
            start, end = piece.text_start, self._true_end(index)
            owner = _containing(splice_starts, ordered, start, end)
            if owner is not None and piece.splice is not None:
                absorbed[owner].extend([piece.splice.kind, *piece.absorbed])
            elif start == end:
                events.append((start, 0, index, piece))
            else:
                for kept_start, kept_end in _overlaps(kept, start, end):
                    events.append((kept_start, 2, index, _clip(piece, start, kept_start, kept_end)))
        events.sort(key=lambda event: (event[0], event[1], event[2]))

        new_pieces: list[Piece] = []
        shift = 0
        for position, _rank, order, item in events:
            if isinstance(item, Splice):
                raw_start, raw_end = self.raw_span(item.start, item.end)
                new_pieces.append(
                    Piece(position + shift, raw_start, raw_end, item, absorbed[order])
                )
                shift += len(item.replacement) - (item.end - item.start)
            else:
                new_pieces.append(_moved(item, position + shift))
        self.text = _spliced(self.text, ordered)
        self._pieces = new_pieces
        self._index_pieces()

    def _index_pieces(self) -> None:
        """Index the non-empty pieces: empty ones stay in the log but hold no character."""
        self._starts = []
        self._holders = []
        for index, piece in enumerate(self._pieces):
            if self._true_end(index) > piece.text_start:
                self._starts.append(piece.text_start)
                self._holders.append(index)

    def _true_end(self, index: int) -> int:
        following = index + 1
        if following < len(self._pieces):
            return self._pieces[following].text_start
        return len(self.text)

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
                start = min(start, self._replaced_piece_start(start))
                end = max(end, self._replaced_piece_end(end - 1))
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

    def _replaced_piece_start(self, position: int) -> int:
        if position >= len(self.text):
            return position
        piece = self._pieces[self._piece_index(position)]
        return position if piece.is_copy else piece.text_start

    def _replaced_piece_end(self, position: int) -> int:
        index = self._piece_index(position)
        return position + 1 if self._pieces[index].is_copy else self._true_end(index)

    # -- the log ------------------------------------------------------------------------

    def repairs(self) -> list[RepairRecord]:
        """Every net change, in original order."""
        records = []
        for index, piece in enumerate(self._pieces):
            if piece.splice is None:
                continue
            start = piece.text_start
            records.append(
                RepairRecord(
                    kind=piece.splice.kind,
                    raw_start=piece.raw_start,
                    raw_end=piece.raw_end,
                    before=self.original[piece.raw_start : piece.raw_end],
                    after=self.text[start : self._true_end(index)],
                    start=start,
                    rule=piece.splice.rule,
                    note=piece.splice.note,
                    absorbed=tuple(piece.absorbed),
                )
            )
        return records


def _moved(piece: Piece, text_start: int) -> Piece:
    if piece.text_start == text_start:
        return piece
    return Piece(text_start, piece.raw_start, piece.raw_end, piece.splice, piece.absorbed)


def _clip(piece: Piece, piece_start: int, start: int, end: int) -> Piece:
    """The part of a piece that lies in ``[start, end)`` of the old text."""
    if piece.splice is not None:
        return piece
    offset = start - piece_start
    return Piece(start, piece.raw_start + offset, piece.raw_start + offset + end - start)


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
    first = max(bisect_right(intervals, (start, start)) - 1, 0)
    for interval_start, interval_end in intervals[first:]:
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
