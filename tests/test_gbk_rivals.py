"""The rivals of a filled-in character: shortcuts that must agree with what they stand for."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gbk import decode_pair
from extractor.gbk_candidates import allowed_leads, fits
from extractor.gbk_rivals import _fits_between, _lead_byte

_DROPPED = SimpleNamespace(dropped_before=True)  # all ``fits`` reads of a slot


def _character(lead: int, trail: int) -> str:
    """The character of two GBK bytes, "" where they make none (a private-use pair)."""
    return decode_pair(lead, trail) or ""


# characters of any two bytes (private-use pairs are the dropped ones), letters and digits
# (folded pairs), marks with no two bytes, and no character at all (a reading's start)
_CHARS = st.one_of(
    st.builds(_character, st.integers(0x81, 0xFE), st.integers(0x40, 0xFE)),
    st.sampled_from(["a", "Z", "7", ",", "?", "\n", "", "\ue4c6", "\U00020000"]),
)


@settings(max_examples=1000, deadline=None)
@given(_CHARS, _CHARS, _CHARS, st.booleans(), st.booleans())
def test_a_rival_fits_between_its_neighbours_as_fits_says(before, rival, then, left, right):
    partners = allowed_leads(before, _DROPPED) if left else None
    then_lead = _lead_byte(then) if right else None
    expected = (not left or fits(before, rival, _DROPPED)) and (
        not right or fits(rival, then, _DROPPED)
    )
    assert _fits_between(rival, _lead_byte(rival), partners, then_lead) == expected
