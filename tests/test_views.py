"""The matching view: as long as the text, Simplified, ASCII width; the text itself untouched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.views import is_traditional, matching_view, to_simplified, to_traditional


@given(st.text(max_size=200))
def test_views_are_aligned_character_for_character(text):
    assert len(to_simplified(text)) == len(text)
    assert len(to_traditional(text)) == len(text)
    assert len(matching_view(text)) == len(text)


def test_the_view_folds_script_and_width_only():
    assert matching_view("畢節地區審計局（一）：，擴展閱讀") == "毕节地区审计局(一):,扩展阅读"
    assert matching_view("、。“”") == "、。“”"


def test_script_of_a_page():
    assert is_traditional("畢節地區審計局開展集團幫扶工作總結")
    assert not is_traditional("毕节地区审计局开展集团帮扶工作总结")
