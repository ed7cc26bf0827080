"""The entity stage's faster scans find exactly what the plain patterns they replace find."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor.people import _list_heads

LIST_HEAD = regex.compile(r"([^\s:,，。、;；]{1,12}?)[:：]")
TEXTS = st.text(alphabet="组长成员李:：,，。、;； \n\u3000ab", max_size=60)


@given(TEXTS)
def test_list_heads_are_the_lazy_pattern_matches(text):
    expected = [(m.start(1), m.end(1)) for m in LIST_HEAD.finditer(text)]
    assert list(_list_heads(text)) == expected


def test_a_heading_longer_than_twelve_characters_keeps_its_last_twelve():
    text = "成员" * 7 + ":李明、组长:王刚"
    assert list(_list_heads(text)) == [(2, 14), (18, 20)]
