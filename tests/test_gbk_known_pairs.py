"""``gbk_known_pairs``: the forms found among a character's followers by their bits are those
``in`` finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.gbk_known_pairs import _among, _among_following, _bits, _flagged

# characters whose code points share their last twelve bits (一 4e00, 帀 5e00, 縀 7e00) and others
FORMS = st.text(alphabet="一帀縀政府局的工会学校人民", max_size=40)


@given(st.frozensets(st.sampled_from("一帀縀政府局的工会学校人民"), max_size=12), FORMS)
def test_forms_found_by_their_bits_are_those_among_the_characters(simples, chars):
    found = _flagged(tuple(simples), chars, _bits(chars))
    assert sorted(found) == sorted(simple for simple in simples if simple in chars)
    assert _among_following(simples, tuple(simples), chars) == _among(simples, chars)
