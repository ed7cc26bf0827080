"""A run's slots made by ``gbk_slots.new_slot`` are the slots ``Slot`` makes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.gbk_slots import Slot, new_slot

BYTES = st.none() | st.integers(0x40, 0xFE)
BYTE_SETS = st.none() | st.frozensets(st.integers(0x40, 0xFE), max_size=3)


@given(
    BYTES, BYTES, st.none() | st.sampled_from(["gōng", "zuo"]), BYTE_SETS, BYTE_SETS, st.booleans()
)
def test_a_slot_made_without_the_named_tuples_constructor_is_the_samenew_slot(
    lead, trail, hint, leads, trails, dropped_before
):
    made = new_slot(lead, trail, hint, leads, trails, dropped_before)
    assert type(made) is Slot
    assert made == Slot(lead, trail, hint, leads, trails, dropped_before=dropped_before)
    assert new_slot(lead, trail) == Slot(lead, trail)
