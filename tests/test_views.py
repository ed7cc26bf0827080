"""The matching view: as long as the text, Simplified, ASCII width; the text itself untouched."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractor.views import (
    _LINE,
    _aligned,
    _converted_line,
    _simplified,
    _to_simplified,
    is_traditional,
    matching_view,
    to_simplified,
    to_traditional,
)


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


@given(
    st.text(
        alphabet=st.sampled_from(
            "\u3000\uff01\uff08\uff09\uff0c\uff10\uff21\uff5e\uff5f\uff00a，、。甲乙\n"
        ),
        max_size=300,
    )
)
def test_width_folding_maps_each_full_width_form_to_its_ascii_twin(text):
    folded = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
    assert matching_view(text) == to_simplified(text).translate(folded)
    assert matching_view(text * 3) == to_simplified(text * 3).translate(folded)  # long: uncached


def test_a_text_converts_as_its_lines_do():
    """OpenCC's phrases hold no line break: the line-by-line conversion (kept per line) gives
    what converting the whole text at once gives, on real pages in both scripts."""
    corpus = Path(__file__).parent.parent / "corpus" / "clean"
    pages = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    for page in pages + [to_traditional(page) for page in pages]:
        assert "\n" in page
        assert _simplified(page) == _aligned(_to_simplified(), page)


@given(st.text(alphabet="畢節地區审计局开展集團幫扶工作總结乾隆著 \n", max_size=40))
def test_the_script_is_weighed_as_counting_each_changed_character(text):
    traditional_only = sum(map(str.__ne__, text, to_simplified(text)))
    simplified_only = sum(map(str.__ne__, text, to_traditional(text)))
    assert is_traditional(text) == (traditional_only > 0 and traditional_only > simplified_only)


def test_only_lines_of_modest_length_are_kept_as_converted():
    """A page written as one huge line must not stay in memory thousands of times over."""
    page = "開發區\n" + "經濟發展" * _LINE + "\n" + "總結"
    _converted_line.cache_clear()
    assert _simplified(page) == _aligned(_to_simplified(), page)
    assert _converted_line.cache_info().currsize == 2  # 開發區 and 總結
