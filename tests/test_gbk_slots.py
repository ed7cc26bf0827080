"""A slot with one field replaced by ``gbk_slots.replaced`` is ``Slot._replace``'s; a ranked row's
characters kept by ``gbk_slots._first_allowed`` are those the plain filter keeps, and the characters
a slot allows with no reading, sorted from rows already in order, are those sorted from the
table's rows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gbk import log_counts, pua_starters, table
from extractor.gbk_slots import (
    DROPPED_BEFORE,
    NAME,
    WRITTEN,
    Slot,
    _first_allowed,
    _marks_end,
    _row_by_count,
    _sorted_by_count,
    new_slot,
    replaced,
)
from extractor.lm import COMMON_PUNCTUATION

BYTES = st.none() | st.integers(0x40, 0xFE)
BYTE_SETS = st.none() | st.frozensets(st.integers(0x40, 0xFE), max_size=3)
TEXT = st.text(alphabet="政府局村校、。", max_size=3)


@given(BYTES, BYTES, BYTE_SETS, st.booleans(), st.booleans(), TEXT, TEXT)
def test_a_replaced_field_is_the_named_tuples_replace(
    lead, trail, trails, dropped_before, new_dropped, name, written
):
    slot = new_slot(lead, trail, None, None, trails, dropped_before)
    for field, value in ((DROPPED_BEFORE, new_dropped), (NAME, name), (WRITTEN, written)):
        made = replaced(slot, field, value)
        assert type(made) is Slot
        assert made == slot._replace(**{Slot._fields[field]: value})
    assert replaced(slot, WRITTEN, written).dropped_before == dropped_before


@settings(deadline=None)  # the first call loads the table and the counts
@given(st.integers(0x81, 0xFE), st.booleans(), BYTE_SETS, st.integers(0, 40))
def test_a_rows_first_allowed_are_the_plain_filters(byte, lead, allowed, width):
    row = _row_by_count(byte, lead)
    chars = [char for other, char in row if allowed is None or other in allowed]
    marks = [char for char in chars[width:] if char in COMMON_PUNCTUATION]
    assert _first_allowed(row, allowed, width, _marks_end(byte, lead)) == chars[:width] + marks


def test_the_marks_past_the_width_are_kept():
    row = _row_by_count(0xA1, True)  # the row of 、。“” …
    kept = _first_allowed(row, None, 1, _marks_end(0xA1, True))
    assert kept[0] == row[0][1]
    assert "。" in kept and "、" in kept


LEAD_SETS = st.frozensets(st.integers(0x81, 0xFE), min_size=1, max_size=4)
TRAIL_SETS = st.none() | st.frozensets(st.integers(0x40, 0xFE), min_size=1, max_size=30)


@settings(deadline=None)
@given(BYTES, BYTES, LEAD_SETS | st.none(), TRAIL_SETS | st.just(pua_starters()))
def test_the_characters_a_slot_allows_come_in_the_tables_order(lead, trail, leads, trails):
    gbk, logs = table(), log_counts()
    if lead is not None:
        options = [(lead, t, c) for t, c in gbk.by_lead.get(lead, [])]
    elif trail is not None:
        options = [(f, trail, c) for f, c in gbk.by_trail.get(trail, [])]
    elif leads is not None:
        options = [(f, t, c) for f in sorted(leads) for t, c in gbk.by_lead.get(f, [])]
    else:
        options = [(f, t, c) for t in sorted(trails or ()) for f, c in gbk.by_trail.get(t, [])]
    chars = [
        c
        for first, second, c in options
        if (leads is None or first in leads) and (trails is None or second in trails)
    ]
    chars.sort(key=logs.__getitem__, reverse=True)
    assert _sorted_by_count(lead, trail, leads, trails, None) == chars
