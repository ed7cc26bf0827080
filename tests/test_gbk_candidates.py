"""``gbk_candidates.allowed_leads`` and ``fits``: after a dropped private-use pair, the lead
bytes that make one with the trail byte of the character before, as the codec says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.gbk import decode_pair, pua_partners, two_bytes
from extractor.gbk_candidates import allowed_leads, fits
from extractor.gbk_slots import new_slot

CHARS = st.sampled_from([*"政府的工会局村学校,。、a1？", ""])


@given(CHARS, CHARS, st.booleans())
def test_a_character_fits_after_a_dropped_pair_when_the_pair_was_private_use(
    previous, char, dropped
):
    slot = new_slot(None, None, dropped_before=dropped)
    before, own = two_bytes(previous), two_bytes(char)
    plain = not dropped or (
        before is not None and own is not None and decode_pair(before[1], own[0]) == ""
    )
    assert fits(previous, char, slot) == plain


@given(CHARS)
def test_the_leads_allowed_are_the_private_use_partners(previous):
    assert allowed_leads(previous, new_slot(None, None)) is None
    leads = allowed_leads(previous, new_slot(None, None, dropped_before=True))
    before = two_bytes(previous) if previous else None
    assert leads == (pua_partners(before[1]) if before is not None else frozenset())
    assert all(decode_pair(before[1], lead) == "" for lead in leads)  # type: ignore[index]
