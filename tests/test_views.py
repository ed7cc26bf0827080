"""The matching view: as long as the text, Simplified, ASCII width; the text itself untouched."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.views import (
    _LINE,
    _aligned,
    _by_character,
    _converted_line,
    _held_forms,
    _s2t_turnable,
    _s2t_turns_at_most,
    _simplified,
    _t2s_characters,
    _to_simplified,
    is_traditional,
    matching_view,
    to_simplified,
    to_traditional,
)


@settings(deadline=None)  # the first conversion reads OpenCC's dictionaries (_t2s_characters)
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
    assert _held_forms(text) == {char for char in text if ord(char) in folded}  # compiled's way
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


def test_s2t_turns_no_more_characters_than_the_bound_on_real_pages():
    """The bound that spares a Traditional page its s2t conversion, in both scripts."""
    assert _s2t_turnable() is not None  # the wheel's OpenCC ships its dictionaries
    corpus = Path(__file__).parent.parent / "corpus" / "clean"
    pages = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    for page in pages + [to_traditional(page) for page in pages]:
        turned = sum(map(str.__ne__, page, to_traditional(page)))
        assert turned <= _s2t_turns_at_most(page) < len(page)


@given(st.text(alphabet="后以里面干部发展头一二净著名乾隆麼\uf900\U0002f800 a\n", max_size=60))
def test_s2t_turns_no_more_characters_than_the_bound(text):
    assert sum(map(str.__ne__, text, to_traditional(text))) <= _s2t_turns_at_most(text)


def test_each_character_s2t_turns_alone_is_within_the_bound():
    chars = [chr(code) for code in range(0x10000) if code != 0x0A and not 0xD800 <= code < 0xE000]
    converted = to_traditional("\n".join(chars)).split("\n")
    for char, form in zip(chars, converted, strict=True):
        assert form == char or _s2t_turns_at_most(char) == 1, char


def test_a_surrogate_is_left_to_opencc():
    """OpenCC refuses it: no bound, so the conversion raises as it did."""
    assert _s2t_turns_at_most("后\ud800的") == 3


def test_only_lines_of_modest_length_are_kept_as_converted():
    """A page written as one huge line must not stay in memory thousands of times over."""
    page = "開發區\n" + "經濟發展" * _LINE + "\n" + "總結"
    _converted_line.cache_clear()
    assert _simplified(page) == _aligned(_to_simplified(), page)
    assert _converted_line.cache_info().currsize == 2  # 開發區 and 總結


def test_each_character_converts_alone_as_opencc_converts_it():
    """Every character of the BMP and beyond, each converted alone (in one call: no phrase
    holds a line break): the character-by-character answer, where there is one, is OpenCC's."""
    chars = [chr(code) for code in range(0x110000) if code != 0x0A and not 0xD800 <= code < 0xE000]
    converted = _to_simplified().convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars)
    answered = 0
    for char, form in zip(chars, converted, strict=True):
        found = _by_character(char)
        if found is not None:
            assert found == form, char
            answered += 1
    assert answered > 60_000  # the BMP's characters but normalised ones


def test_a_text_where_a_phrase_starts_is_left_to_opencc():
    assert _t2s_characters() is not None  # the wheel's OpenCC ships its dictionaries
    _, _, phrase_starts = _t2s_characters()
    for start in phrase_starts:
        assert _by_character(f"的{start}了") is None
    assert _by_character("憑藉") is None and _to_simplified().convert("憑藉") == "凭借"


def test_a_long_text_turns_by_character_too():
    assert _by_character("總結" * 400) == "总结" * 400 == _to_simplified().convert("總結" * 400)
    assert _by_character("总结" * 40) == "总结" * 40


def test_a_surrogate_stays_among_the_characters_that_turn():
    assert _by_character("總\ud800結a") == "总\ud800结a"


@given(st.text(alphabet="憑藉深沈慰乾隆著一干二淨後髮發开會議\n,a\uf900\U0002f800", max_size=80))
def test_characters_convert_as_opencc_converts_the_text(text):
    found = _by_character(text)
    assert found is None or found == _to_simplified().convert(text)
