# cython: cdivision=True
# (C division: ``position_index``'s middle is of indices never negative)
"""Repaired text that never forgets where each character came from.

``EditableText`` starts as the decoded input and takes rounds of ``Splice`` edits from the
repair stages. It keeps a piecewise map from the current text back to the original: a *copy*
piece maps character for character, a *replaced* piece (what a repair wrote, possibly empty for
a deletion) maps as a whole onto the original span it replaced. Replaced pieces are the repair
log: they never overlap in the original, so replaying them on the original gives the text back.
A later edit that touches an earlier replaced piece swallows it whole and lists its kind in
``absorbed``, so the log stays a set of disjoint, auditable substitutions. The map itself, and
its rebuild after each round, are ``piece_map``'s.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter
from typing import NamedTuple, Protocol

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

from extractor.piece_map import Pieces, Round, rebuild


class Splice(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; ``kind`` says which repair it is.

    A named tuple, not a frozen dataclass: stages make one per reading (tens of thousands a
    page batch) and a tuple costs a quarter as much to build.
    """

    start: int
    end: int
    replacement: str
    kind: str
    rule: str | None = None
    note: str | None = None


class RepairRecord(NamedTuple):
    """A net substitution ``original[raw_start:raw_end] -> after``, at ``start`` in the text."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    start: int
    rule: str | None
    note: str | None
    absorbed: list[str]


# A ``RepairRecord``'s fields as a plain tuple, which costs less to make than the record.
RepairRow = tuple[str, int, int, str, str, int, str | None, str | None, list[str]]
# A piece of the map as ``EditableText.log`` hands it out.
LoggedPiece = tuple[Splice | None, int, int, int, int, tuple[str, ...]]

_POSITION = attrgetter("start", "end")


class EditableText:
    """The current text, its map to the original, and the log of what changed.

    Lookups need no index of their own: the last piece starting at or before a character is
    the non-empty one holding it (a deletion gap shares its start with the piece after it).
    """

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = original
        self._pieces = Pieces()
        if original:
            self._pieces.append(0, 0, len(original))

    # -- lookups ------------------------------------------------------------------------

    def _piece_index(self, position: int) -> int:
        """Index of the non-empty piece holding text character ``position``."""
        return bisect_right(self._pieces.text_starts, position) - 1

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
        """The original span that backs ``text[start:end]``: ``raw_start_of(start)`` and
        ``raw_end_of(end - 1)`` written out (every item the stages extract asks for one, and
        the method calls cost more than the lookups; a property test compares them). Compiled,
        a C method of a C class (offsets.pxd): its fields read in C, where the Python class's
        were looked up by name (about 2,200 instructions a call)."""
        pieces = self._pieces
        return _raw_span(pieces, len(self.text), len(self.original), start, end)

    # -- edits --------------------------------------------------------------------------

    def apply(self, splices: Iterable[Splice]) -> None:
        """Apply non-overlapping splices given in current-text coordinates."""
        text = self.text
        changes: list[Splice] = []
        starts: list[int] = []
        ends: list[int] = []
        replacements: list[str] = []
        in_order = _changes(text, splices, changes, starts, ends, replacements)
        if not changes:
            return
        if not in_order:
            changes.sort(key=_POSITION)
            clash = _overlapping(changes)
            if clash is not None:
                raise ValueError(f"overlapping splices at {clash.start}: {clash}")
            starts, ends, replacements = _fields(changes)
        spliced = self._widen(changes, starts, ends, replacements)
        self._pieces = rebuild(self._pieces, len(text), spliced)
        self.text = _spliced(text, spliced.starts, spliced.ends, spliced.replacements)

    def _widen(
        self, splices: list[Splice], starts: list[int], ends: list[int], replacements: list[str]
    ) -> Round:
        """Grow splices to whole replaced pieces; splices that then overlap become one.

        A splice grows when its first or last character (for an insertion: the characters on
        either side of it) lies in a replaced piece: a repair is never cut, only swallowed.
        Returns the round of splices with the original spans they replace.
        """
        if self._pieces.splices in ([], [None]):  # nothing edited yet: offsets are raw ones
            return Round(splices, starts, ends, replacements, starts, ends)
        spans = []
        grown = False
        for start, end in zip(starts, ends, strict=True):
            span = self._grown(start, end)
            spans.append(span)
            grown = grown or span[0] != start or span[1] != end
        if grown:
            return self._merged(splices, spans)
        raw_starts, raw_ends = [span[2] for span in spans], [span[3] for span in spans]
        return Round(splices, starts, ends, replacements, raw_starts, raw_ends)

    def _merged(self, splices: Sequence[Splice], spans: list[tuple[int, int, int, int]]) -> Round:
        """Grown splices that overlap become one, written over the text they cover."""
        groups: list[list[Splice]] = []
        bounds: list[list[int]] = []  # start, end, raw start, raw end of each group
        for splice, (start, end, raw_start, raw_end) in zip(splices, spans, strict=True):
            if bounds and start < bounds[-1][1]:
                groups[-1].append(splice)
                if end > bounds[-1][1]:
                    bounds[-1][1], bounds[-1][3] = end, raw_end
            else:
                groups.append([splice])
                bounds.append([start, end, raw_start, raw_end])
        widened = []
        for group, (start, end, _, _) in zip(groups, bounds, strict=True):
            last = group[-1]
            if len(group) == 1 and start == last.start and end == last.end:
                widened.append(last)
                continue
            starts, ends, replacements = _fields(group)
            replacement = _spliced(
                self.text[start:end],
                [inner - start for inner in starts],
                [inner - start for inner in ends],
                replacements,
            )
            widened.append(Splice(start, end, replacement, last.kind, last.rule, last.note))
        starts, ends, replacements = _fields(widened)
        return Round(
            widened, starts, ends, replacements, [b[2] for b in bounds], [b[3] for b in bounds]
        )

    def _grown(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``[start, end)`` grown to the replaced pieces at its edges, with its original span
        (the lookups of ``raw_span``, inlined: every splice of a round comes through here)."""
        pieces = self._pieces
        text_starts, splices = pieces.text_starts, pieces.splices
        if start < len(self.text):
            index = bisect_right(text_starts, start) - 1
            if splices[index] is None:
                raw_start = pieces.raw_starts[index] + start - text_starts[index]
            else:
                start, raw_start = text_starts[index], pieces.raw_starts[index]
        else:
            raw_start = len(self.original)
        if end <= start:
            return start, end, raw_start, raw_start
        index = bisect_right(text_starts, end - 1) - 1
        if splices[index] is None:
            return start, end, raw_start, pieces.raw_starts[index] + end - text_starts[index]
        piece_end = text_starts[index + 1] if index + 1 < len(text_starts) else len(self.text)
        return start, max(end, piece_end), raw_start, pieces.raw_ends[index]

    # -- the log ------------------------------------------------------------------------

    def repairs(self) -> list[RepairRecord]:
        """Every net change, in original order."""
        return [RepairRecord._make(row) for row in self.repair_rows(0, len(self.text), last=True)]

    def repair_rows(self, start: int, end: int, *, last: bool) -> list[RepairRow]:
        """The net changes whose replacement begins in ``[start, end)`` (at ``end`` too when
        ``last``), in original order, as tuples of ``RepairRecord``'s fields with ``start``
        counted from ``start``: a document's share of the log, made straight from the map (a
        pinyin page logs hundreds; a record each and then a row cost half as much again)."""
        original, text = self.original, self.text
        return [
            (
                splice.kind,
                raw_start,
                raw_end,
                original[raw_start:raw_end],
                text[at:piece_end],
                at - start,
                splice.rule,
                splice.note,
                list(absorbed) if absorbed else [],  # mostly none: no copy call
            )
            for splice, at, piece_end, raw_start, raw_end, absorbed in self.log(
                start, end, last=last
            )
            if splice is not None
        ]

    def log(self, start: int, end: int, *, last: bool) -> Iterator[LoggedPiece]:
        """The pieces that ``repair_rows(start, end, last=last)`` reads, copied ones too (their
        splice None): each its splice, text start and end, original span and ``absorbed``. A
        batch writes the repairs' JSON from them (``model_json.repairs_json``) with no row each."""
        pieces, first, stop = self.log_range(start, end, last=last)
        starts = pieces.text_starts
        ends = [*starts[first + 1 : stop + 1], len(self.text)][: stop - first]  # each piece's end
        return zip(
            pieces.splices[first:stop],
            starts[first:stop],
            ends,
            pieces.raw_starts[first:stop],
            pieces.raw_ends[first:stop],
            pieces.absorbed[first:stop],
            strict=True,
        )

    def log_range(self, start: int, end: int, *, last: bool) -> tuple[Pieces, int, int]:
        """The map, and the range ``[first, stop)`` of the pieces ``log(start, end, last=last)``
        reads: a piece ends where the next one begins (the last, at the text's end). A batch
        reads the repairs' JSON off the map's lists by index (``model_json.repairs_json``), with no
        tuple a piece nor slices of the lists."""
        starts = self._pieces.text_starts
        first = bisect_left(starts, start)
        stop = bisect_right(starts, end) if last else bisect_left(starts, end)
        return self._pieces, first, stop


def _raw_span(
    pieces: Pieces, length: int, original_length: int, start: int, end: int
) -> tuple[int, int]:
    """``EditableText.raw_span`` on the map's lists, for a text of ``length`` characters and
    an original of ``original_length``: a function the wheel types (offsets.pxd), where the
    method's offsets and indices were Python ints (about 5,900 instructions a call)."""
    text_starts, raw_starts, splices = pieces.text_starts, pieces.raw_starts, pieces.splices
    index = -1
    if start >= length:
        raw_start = original_length
    else:
        index = position_index(text_starts, start) - 1
        raw_start = raw_starts[index]
        if splices[index] is None:
            piece_start = text_starts[index]
            raw_start += start - piece_start
    if end <= start:
        return raw_start, raw_start
    last = end - 1
    if last < 0:
        return raw_start, 0
    # most spans end in the piece they start in: then its index serves both ends
    piece_end = text_starts[index + 1] if 0 <= index < len(text_starts) - 1 else length
    if index < 0 or last >= piece_end:
        index = position_index(text_starts, last) - 1
    if splices[index] is None:
        piece_start, piece_raw_start = text_starts[index], raw_starts[index]
        return raw_start, piece_raw_start + last - piece_start + 1
    return raw_start, pieces.raw_ends[index]


def position_index(starts: list[int], position: int) -> int:
    """``bisect_right(starts, position)``: how many of the sorted ``starts`` are at or before
    ``position``, as a loop the wheel runs on C integers (the builtin, a Python call on Python
    ints, cost about 1,400 instructions a lookup compiled). Sections' paths use it too."""
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        middle_start = starts[middle]
        if position < middle_start:
            high = middle
        else:
            low = middle + 1
    return low


def _changes(
    text: str,
    splices: Iterable[Splice],
    changes: list[Splice],
    starts: list[int],
    ends: list[int],
    replacements: list[str],
) -> bool:
    """Fill ``changes`` with the splices that change ``text``, and the other lists with their
    starts, ends and replacements; whether they came in position order (stages mostly give
    them so: no sort then). A function the wheel types (offsets.pxd): in the method, each
    splice's fields were Python ints, compared and subtracted as objects."""
    in_order, previous_end = True, -1
    for splice in splices:
        if cython.compiled:  # a ``Splice`` read as the tuple it is: three items read in C
            fields = cython.cast(tuple, splice)
            start, end, replacement = fields[0], fields[1], fields[2]
        else:  # one slice costs less than three fields
            start, end, replacement = splice[:3]
        # compiled, C copies to compare (the lists keep the splice's own ints, no new ones)
        low, high = start, end
        # lengths first: a deletion (most splices) changes its text without a slice
        if high - low != len(replacement) or text[low:high] != replacement:
            changes.append(splice)
            starts.append(start)
            ends.append(end)
            replacements.append(replacement)
            in_order = in_order and low >= previous_end
            previous_end = high
    return in_order


def _overlapping(splices: Sequence[Splice]) -> Splice | None:
    """The first splice that starts before the one before it ends; None when they are disjoint
    and in position order, as a stable sort by position would leave them."""
    previous_end = -1
    for splice in splices:
        if splice.start < previous_end:
            return splice
        previous_end = splice.end
    return None


def _fields(splices: Sequence[Splice]) -> tuple[list[int], list[int], list[str]]:
    """The splices' starts, ends and replacements, as a ``Round`` keeps them."""
    return (
        [splice.start for splice in splices],
        [splice.end for splice in splices],
        [splice.replacement for splice in splices],
    )


def _spliced(text: str, starts: list[int], ends: list[int], replacements: list[str]) -> str:
    """``text`` with ``text[starts[i]:ends[i]]`` replaced by ``replacements[i]`` (in order).
    An empty replacement (a deletion, most splices) is not put in the parts to join."""
    parts: list[str] = []
    cursor = 0
    for at in range(len(starts)):
        parts.append(text[cursor : starts[at]])
        replacement = replacements[at]
        if replacement:
            parts.append(replacement)
        cursor = ends[at]
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
