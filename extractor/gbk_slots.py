"""A character of a shifted run with some of its bytes lost, and the characters it may be.

A ``Slot`` holds the bytes known of one original character (None where lost) and what narrows
the rest (a seam's leads, a dropped pair's trails, a reading); its candidates are the characters
those allow, ranked by how much each is used in words (``gbk.log_counts``), at most a few dozen.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from extractor.gbk import _read_bonus, decode_pair, log_counts, pua_starters, table
from extractor.lm import COMMON_PUNCTUATION
from extractor.pinyin_table import characters_read_as

CANDIDATES = 32  # characters tried for a lost byte: those most used in words
CANDIDATES_WITH_TRAIL = 24  # … when the trail byte is known, fewer are enough
CANDIDATES_WHOLE = 160  # … when both bytes are lost and only a seam or a reading narrows them


class Slot(NamedTuple):
    """One original character: its known bytes (None where lost) and what narrows the rest.

    ``leads``/``trails`` restrict a lost byte (a seam names the lead; a dropped private-use
    pair or a byte the decoder swallowed names the kind of trail). ``dropped_before``: the pair
    (previous character's trail, own lead) was private-use, so the decoder dropped it.
    A named tuple: slots key the search's tables, looked up a hundred thousand times a batch,
    and a tuple hashes and compares without running Python code.
    """

    lead: int | None
    trail: int | None
    hint: str | None = None
    leads: frozenset[int] | None = None
    trails: frozenset[int] | None = None
    dropped_before: bool = False
    swallowed: str = ""  # not a GBK character: the ASCII byte a "?" took with it, one of these
    # What a choice's context rules weigh (``gbk_swallowed`` for a "?", ``gbk_punctuation`` for
    # a mark of lead byte 0xA1 or an enumeration comma): the text after the "?" or the run (a
    # few characters, none when unknown), and the line up to the slot.
    then: str = ""
    line: str = ""
    name: str = ""  # the part of a person's name it may be (``gbk_names``), "" for none
    # the classifier after the figure whose first digit a "?" after this character swallowed
    # (所 of 學?所), "" for none: the character may end the noun it counts (``counted_fit``)
    counted: str = ""
    # known by its reading alone, printed after an intact character (学(qī), of 学期): only
    # characters read so are offered; a reading inside a run may be garbled with it
    read_alone: bool = False
    # the characters (Simplified) the page writes elsewhere after the two it shows right before
    # this one (岩腳 of 岩腳村): its own phrases are what its damaged ones likeliest were
    written: str = ""

    @property
    def lost_bytes(self) -> int:
        return 1 if self.swallowed else (self.lead is None) + (self.trail is None)

    def allows(self, encoded: bytes | None) -> bool:
        """Whether a character with these two bytes fits what is known of this one."""
        if encoded is None or len(encoded) != 2 or self.swallowed:
            return False
        lead, trail = encoded
        return (
            (self.lead is None or lead == self.lead)
            and (self.trail is None or trail == self.trail)
            and (self.leads is None or lead in self.leads)
            and (self.trails is None or trail in self.trails)
        )

    def candidates(self) -> list[str]:
        """The characters the known bytes allow, likeliest first, at most CANDIDATES of them."""
        if self.swallowed:
            return list(self.swallowed)
        return _ranked(self.lead, self.trail, self.leads, self.trails, self.hint)


# the places of the fields ``replaced`` sets, in a slot as a tuple
DROPPED_BEFORE = Slot._fields.index("dropped_before")
NAME = Slot._fields.index("name")
WRITTEN = Slot._fields.index("written")
# a slot's fields after ``dropped_before``, at their defaults (``new_slot``)
_LATER_DEFAULTS = tuple(Slot(None, None))[DROPPED_BEFORE + 1 :]


def new_slot(
    lead: int | None,
    trail: int | None,
    hint: str | None = None,
    leads: frozenset[int] | None = None,
    trails: frozenset[int] | None = None,
    dropped_before: bool = False,
) -> Slot:
    """``Slot(lead, trail, hint, leads, trails, dropped_before)``, its other fields at their
    defaults, made without the named tuple's constructor: the runs of 30 pages make thousands
    of slots, each a call of Python code (about 3,500 instructions)."""
    shown = (lead, trail, hint, leads, trails, dropped_before)
    return tuple.__new__(Slot, shown + _LATER_DEFAULTS)  # joined in C: no list made


def replaced(slot: Slot, field: int, value: object) -> Slot:
    """``slot`` with its field at place ``field`` (``DROPPED_BEFORE``, ``NAME``, ``WRITTEN``)
    set to ``value``: ``Slot._replace`` without its Python code (a dictionary of keywords and
    a pass over every field, about 10,000 instructions a slot)."""
    fields = list(slot)
    fields[field] = value
    return tuple.__new__(Slot, fields)


@lru_cache(maxsize=8192)
def _ranked(
    lead: int | None,
    trail: int | None,
    leads: frozenset[int] | None,
    trails: frozenset[int] | None,
    hint: str | None,
) -> list[str]:
    """Ranked by how much the character is used in words, not alone: 育 is rare as a word of
    its own but common in 教育, and a lost byte is usually filled inside a word."""
    if lead is not None and trail is not None:
        char = decode_pair(lead, trail)
        return [char] if char else []
    width = _width(lead, trail, leads, trails, hint)
    if hint is None and lead is not None:
        if leads is not None and lead not in leads:
            return []
        return _first_allowed(_row_by_count(lead, True), trails, width, _marks_end(lead, True))
    if hint is None and trail is not None:
        if trails is not None and trail not in trails:
            return []
        return _first_allowed(_row_by_count(trail, False), leads, width, _marks_end(trail, False))
    chars = _sorted_by_count(lead, trail, leads, trails, hint)
    # punctuation has no count in a word list but is common: it is always tried
    return chars[:width] + [c for c in chars[width:] if c in COMMON_PUNCTUATION]


def _first_allowed(
    row: list[tuple[int, str]], allowed: frozenset[int] | None, width: int, marks_end: int
) -> list[str]:
    """The characters of a ranked row whose other byte is ``allowed`` (any, for None): the
    first ``width``, then the marks among the rest, as ``_ranked`` keeps them, found in one
    pass (no list made of every character allowed: most of a row of 190 is) that stops once
    ``width`` are kept past the row's last mark (``_marks_end``): most rows hold none, and the
    first ``width`` allowed are found a quarter of the way along."""
    chars = []
    for place in range(len(row)):
        if place >= marks_end and len(chars) >= width:
            break
        byte, char = row[place]
        if (allowed is None or byte in allowed) and (
            len(chars) < width or char in COMMON_PUNCTUATION
        ):
            chars.append(char)
    return chars


def _marks_end(byte: int, lead: bool) -> int:
    """The place after the last mark (``COMMON_PUNCTUATION``) in ``_row_by_count``'s row, 0
    for a row with none: past it ``_first_allowed`` keeps nothing once it has its width."""
    _, _, lead_ends, trail_ends = _rows_by_count()
    return (lead_ends if lead else trail_ends).get(byte, 0)


@cache
def _row_by_count(byte: int, lead: bool) -> list[tuple[int, str]]:
    """The table's row of a lead byte, as (trail, character), or of a trail byte, as (lead,
    character), commonest first: ``_ranked`` keeps a slot's share of it in that order (a sort
    is stable, so the share sorted alone comes out the same) rather than sort it again."""
    by_lead, by_trail, _, _ = _rows_by_count()
    return (by_lead if lead else by_trail).get(byte, [])


_Rows = dict[int, list[tuple[int, str]]]


@lru_cache(maxsize=1)
def _rows_by_count() -> tuple[_Rows, _Rows, dict[int, int], dict[int, int]]:
    """Every row of the table (``_row_by_count``'s), by lead byte and by trail byte, dealt
    from the table's characters sorted once (a stable sort: ties stay in the order of their
    bytes, lead byte first, so in each row's own order): one sort for the process where each
    row sorted alone cost ~65,000 instructions the first time a page asked for it. With them,
    each row's ``_marks_end``, found in the same pass (a row read for it on a page's first
    ask cost more than the pass it saves)."""
    gbk, logs = table(), log_counts()
    entries = [(lead, trail, char) for lead, row in gbk.by_lead.items() for trail, char in row]
    entries.sort(key=lambda entry: logs[entry[2]], reverse=True)
    by_lead: _Rows = {}
    by_trail: _Rows = {}
    lead_ends: dict[int, int] = {}
    trail_ends: dict[int, int] = {}
    for lead, trail, char in entries:
        row, other = by_lead.setdefault(lead, []), by_trail.setdefault(trail, [])
        row.append((trail, char))
        other.append((lead, char))
        if char in COMMON_PUNCTUATION:
            lead_ends[lead], trail_ends[trail] = len(row), len(other)
    return by_lead, by_trail, lead_ends, trail_ends


def _sorted_by_count(
    lead: int | None,
    trail: int | None,
    leads: frozenset[int] | None,
    trails: frozenset[int] | None,
    hint: str | None,
) -> list[str]:
    """The characters the bytes and the reading allow, likeliest first."""
    logs = log_counts()
    if hint is None:  # hint_bonus is 0: the counts alone, looked up in C (thousands of them)
        chars = _in_rows(lead, trail, leads, trails)
        chars.sort(key=logs.__getitem__, reverse=True)
        return chars
    gbk = table()
    options: list[tuple[int, int, str]]
    if lead is not None:
        options = [(lead, t, c) for t, c in gbk.by_lead.get(lead, [])]
    elif trail is not None:
        options = [(first, trail, c) for first, c in gbk.by_trail.get(trail, [])]
    else:
        options = gbk.by_reading.get(hint, [])
    chars = [
        c
        for first, second, c in options
        if (leads is None or first in leads) and (trails is None or second in trails)
    ]
    marked, plain = characters_read_as(hint)
    chars.sort(key=lambda c: logs[c] + _read_bonus(c, marked, plain), reverse=True)
    return chars


def _in_rows(
    lead: int | None,
    trail: int | None,
    leads: frozenset[int] | None,
    trails: frozenset[int] | None,
) -> list[str]:
    """The characters the bytes allow, row by row in ``_row_by_count``'s order (the rows of
    the lead byte or a seam's leads, else of the trail byte or its kinds): the characters the
    table's rows give, each row a run in order, which a stable sort by the counts merges in a
    few comparisons a character and leaves as it would leave the table's rows (ties in their
    rows' order, the rows in theirs)."""
    if lead is not None or (trail is None and leads is not None):
        return _rows_allowed(lead, leads, trails, True)
    return _rows_allowed(trail, trails, leads, False)


def _rows_allowed(
    byte: int | None,
    allowed: frozenset[int] | None,
    partners: frozenset[int] | None,
    is_lead: bool,
) -> list[str]:
    """The characters of the rows of ``byte`` (else of each allowed byte, in order) whose other
    byte is among ``partners``: ``_in_rows`` by lead rows or by trail rows."""
    rows = [byte] if byte is not None else sorted(allowed or ())
    return [
        c
        for row in rows
        if allowed is None or row in allowed
        for partner, c in _row_by_count(row, is_lead)
        if partners is None or partner in partners
    ]


def _width(
    lead: int | None,
    trail: int | None,
    leads: frozenset[int] | None,
    trails: frozenset[int] | None,
    hint: str | None,
) -> int:
    """How many candidates a slot tries. A character none of whose bytes shows, known only to
    end in a byte that starts a private-use pair (between two dropped pairs, or before one at a
    run's start), tries the commonest CANDIDATES_WITH_TRAIL: its neighbours' words choose
    among them (dev seeds 11-13: as many restored as with 32; with all 160, and the character
    sought in every step of a run, one fewer in a sixth more time)."""
    if trail is not None:
        return CANDIDATES if lead is not None else CANDIDATES_WITH_TRAIL
    if lead is not None:
        return CANDIDATES
    if leads is None and hint is None and trails == pua_starters():
        return CANDIDATES_WITH_TRAIL
    return CANDIDATES_WHOLE
