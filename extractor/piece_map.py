# cython: boundscheck=False, wraparound=False
# (every index the sweep reads is in range and not negative: list items read in C, unchecked)
"""The piece map behind ``offsets.EditableText`` and its one-pass merge with a round of splices.

Kept apart from ``offsets``: ``EditableText`` says what an edit means (splices grown to whole
repairs, lookups, the log); this module only keeps the parallel lists and rebuilds them, the
part tuned for speed (a pinyin page gives hundreds of pieces a round).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from extractor.offsets import Splice


class Pieces:
    """The piecewise map as parallel lists: piece ``i`` is text from ``text_starts[i]`` to the
    next piece's start, standing for ``original[raw_starts[i]:raw_ends[i]]``; ``splices[i]`` is
    None for a copied piece, else the repair that wrote it, which ``absorbed[i]`` lists the kinds
    of the earlier repairs it swallowed. A replaced piece holds its splice's replacement, so it
    is empty (a deletion gap) exactly when that replacement is; a copied piece is never empty.
    Compiled, a C class (piece_map.pxd): the sweep and the lookups read its lists as C fields,
    where the Python object's were looked up by name (about 130 instructions a read)."""

    __slots__ = ("absorbed", "raw_ends", "raw_starts", "splices", "text_starts")

    def __init__(self) -> None:
        self.text_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.raw_ends: list[int] = []
        self.splices: list[Splice | None] = []
        self.absorbed: list[tuple[str, ...]] = []

    def append(
        self,
        text_start: int,
        raw_start: int,
        raw_end: int,
        splice: Splice | None = None,
        absorbed: tuple[str, ...] = (),
    ) -> None:
        self.text_starts.append(text_start)
        self.raw_starts.append(raw_start)
        self.raw_ends.append(raw_end)
        self.splices.append(splice)
        self.absorbed.append(absorbed)


class Round(NamedTuple):
    """A round of (widened) splices in position order, as parallel lists: each splice, its
    text span and replacement, and the original span it replaces. Read off the splices once
    (``EditableText.apply``), where the merge and the new text each read a splice's fields
    again (about 110 instructions a field, compiled, on a named tuple)."""

    splices: list[Splice]
    starts: list[int]
    ends: list[int]
    replacements: list[str]
    raw_starts: list[int]
    raw_ends: list[int]


def rebuild(old: Pieces, length: int, spliced: Round) -> Pieces:
    """The pieces after a round of (widened) splices: one merge of old pieces and splices."""
    sweep = _Sweep(old, spliced)
    index, total = 0, len(old.text_starts)
    while index < total:
        index = sweep.moved_run(index)
        if index < total:
            sweep.piece(index, old.text_starts[index + 1] if index + 1 < total else length)
            index += 1
    sweep.emit_through(length)
    return sweep.new


class _Sweep:
    """Builds the new pieces in text order: at one old position a deletion gap comes before a
    splice, and a splice before kept text. A replaced piece inside a splice is swallowed (its
    kind goes to the splice's ``absorbed``); a copied piece keeps only what no splice touches.
    """

    def __init__(self, old: Pieces, spliced: Round) -> None:
        self.old, self.new = old, Pieces()
        self.ordered, self.starts, self.ends = spliced.splices, spliced.starts, spliced.ends
        self.replacements = spliced.replacements
        self.raw_starts, self.raw_ends = spliced.raw_starts, spliced.raw_ends
        self.waiting = self.shift = 0
        self.last_start = self.last_end = self.last_index = -1  # the splice emitted last

    def emit_through(self, position: int) -> None:
        """Emit the splices that start at or before ``position``."""
        new, starts, count = self.new, self.starts, len(self.starts)
        while self.waiting < count and starts[self.waiting] <= position:
            at = self.waiting
            start, end = starts[at], self.ends[at]
            self.last_start, self.last_end = start, end
            self.last_index = len(new.text_starts)
            new.append(start + self.shift, self.raw_starts[at], self.raw_ends[at], self.ordered[at])
            self.shift += len(self.replacements[at]) - (end - start)
            self.waiting += 1

    def moved_run(self, index: int) -> int:
        """Move pieces from ``index`` on that no splice reaches, as whole slices; the next one."""
        old, new = self.old, self.new
        old_starts = old.text_starts
        if old_starts[index] < self.last_end:
            return index
        if self.waiting < len(self.starts):
            reach = bisect_right(old_starts, self.starts[self.waiting], index) - 1
        else:
            reach = len(old_starts)
        if reach <= index:
            return index
        if not index:  # the pieces before the first splice, into empty lists: one copy each
            new.text_starts, new.raw_starts = old_starts[:reach], old.raw_starts[:reach]
            new.raw_ends, new.splices = old.raw_ends[:reach], old.splices[:reach]
            new.absorbed = old.absorbed[:reach]
            return reach
        shift = self.shift
        if shift:  # by index, no slice: compiled, each start and its sum are C integers
            text_starts = new.text_starts
            for at in range(index, reach):
                start = old_starts[at]
                text_starts.append(start + shift)
        else:
            new.text_starts.extend(old_starts[index:reach])
        new.raw_starts.extend(old.raw_starts[index:reach])
        new.raw_ends.extend(old.raw_ends[index:reach])
        new.splices.extend(old.splices[index:reach])
        new.absorbed.extend(old.absorbed[index:reach])
        return reach

    def piece(self, index: int, end: int) -> None:
        """Old piece ``index`` (ending at ``end``), which some splice may reach."""
        old, new = self.old, self.new
        start, splice = old.text_starts[index], old.splices[index]
        if splice is None:
            self.copied(start, end, old.raw_starts[index] - start)
            return
        gap = start == end  # replaced: swallowed whole or moved whole, never cut
        self.emit_through(start - 1 if gap else start)
        if gap:
            swallowed = self.last_start < start < self.last_end
        else:
            swallowed = self.last_start <= start and end <= self.last_end
        if swallowed:
            new.absorbed[self.last_index] += (splice.kind, *old.absorbed[index])
            return
        raw_start, raw_end = old.raw_starts[index], old.raw_ends[index]
        new.append(start + self.shift, raw_start, raw_end, splice, old.absorbed[index])

    def copied(self, start: int, end: int, raw_offset: int) -> None:
        """Copied text ``[start, end)``: the stretches no splice touches, and between them the
        splices that start inside it, in one pass (a pinyin page puts hundreds in one piece)."""
        self.emit_through(start)
        kept = max(start, self.last_end)
        first, stop = self.waiting, bisect_left(self.starts, end, self.waiting)
        new, shift = self.new, self.shift
        # straight onto the columns, no row tuples: a pinyin page gives hundreds of pieces here
        # (the lists held, not their bound ``append``: compiled, ``list.append`` is inlined)
        text_starts, raw_starts, raw_ends = new.text_starts, new.raw_starts, new.raw_ends
        splices, absorbed = new.splices, new.absorbed
        starts, ends, replacements = self.starts, self.ends, self.replacements
        spliced_raw_starts, spliced_raw_ends = self.raw_starts, self.raw_ends
        # A stretch between two splices of this piece copies the original from where the first
        # one's span ends to where the next one's begins: their ints, not new ones (a splice
        # that ends or starts inside a copied piece is not widened, so its span is the text
        # offset plus ``raw_offset``; one widened to a replaced piece leaves no stretch here).
        kept_raw = None
        for at in range(first, stop):  # by index into the round's lists: no slices, no zip
            splice_start, splice_end = starts[at], ends[at]
            if kept < splice_start:  # the copied stretch before it
                text_starts.append(kept + shift)
                raw_starts.append(kept + raw_offset if kept_raw is None else kept_raw)
                raw_ends.append(spliced_raw_starts[at])
                splices.append(None)
                absorbed.append(())
            kept_raw = spliced_raw_ends[at]
            text_starts.append(splice_start + shift)
            raw_starts.append(spliced_raw_starts[at])
            raw_ends.append(kept_raw)
            splices.append(self.ordered[at])
            absorbed.append(())
            shift += len(replacements[at]) - (splice_end - splice_start)
            kept = splice_end
        if stop > first:
            self.last_start, self.last_end = self.starts[stop - 1], kept
            self.last_index, self.waiting, self.shift = len(new.text_starts) - 1, stop, shift
        if kept < end:
            new.append(kept + shift, kept + raw_offset, end + raw_offset)
