"""The word cut gives jieba's own words (``jieba.lcut``, its dictionary route and its HMM)."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jieba import finalseg

from extractor.dictionary import dictionary
from extractor.word_cut import cut

jieba.setLogLevel(60)
jieba.initialize()  # its own copy of the dictionary, loaded before the examples are timed

# Words of the dictionary side by side make long routes with rival cuts; lone characters the HMM
# has never seen (in jieba's Han range, so it reads them) make its scores tie at the floor.
DICTIONARY_WORDS = sorted(word for word, count in dictionary().counts.items() if count)
UNSEEN = [
    chr(code)
    for code in range(0x4E00, 0x9FD6)
    if all(chr(code) not in finalseg.emit_P[state] for state in "BMES")
][:50]
PIECES = st.one_of(
    st.sampled_from(DICTIONARY_WORDS),
    st.sampled_from("县乡镇村局委会组的了和与为在对凹猪寨昆雍纳柏杨调研帮扶"),
    st.sampled_from(UNSEEN),
    st.sampled_from("aZ09.%-+#&_ \t\r\n，。、“”《》\U00020000ａ１"),
)


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_cut_is_what_jieba_cuts(text):
    assert cut(text) == jieba.lcut(text)


@pytest.mark.parametrize(
    "text",
    [
        "纳雍县昆寨乡凹猪河村",
        "",
        "猪寨寨猪猪猪",  # two routes weigh the same: the one with the longer first word
        "纳杨" + "".join(UNSEEN[:4]),  # the HMM's scores tie at its floor: S before E
        "柏" + "".join(UNSEEN[:5]),
    ],
)
def test_cut_where_ties_decide(text):
    assert cut(text) == jieba.lcut(text)


def test_cut_of_a_name_before_a_suffix():
    assert cut("昆寨乡凹猪") == ["昆寨", "乡", "凹", "猪"]
