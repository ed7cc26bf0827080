"""Pinyin annotations: all removed, genuine brackets never, garbled neighbours give hints."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.offsets import EditableText
from extractor.pinyin import _last, _next, find_annotations
from extractor.pinyin_table import character_readings, characters_read_as, fits_reading


def _strip(text: str) -> str:
    splices, _ = find_annotations(text)
    editable = EditableText(text)
    editable.apply(splices)
    return editable.text


@pytest.mark.parametrize(
    ("scraped", "clean"),
    [
        ("某縣(xiàn)審計(jì)局", "某縣審計局"),
        ("總結(jié)如下", "總結如下"),
        ("綠(lǜ)色發(fā)展", "綠色發展"),
        ("我們(men)的", "我們的"),
        ("學(xué)(xué)習", "學習"),
    ],
)
def test_readings_after_characters_are_removed(scraped, clean):
    assert _strip(scraped) == clean


@pytest.mark.parametrize(
    "genuine",
    [
        "(一)加強領導",
        "(1)校長負責",
        "規劃(201*-201*年)》",
        "《辦法(試行)》",
        "附件(二).doc",
        "建立QQ(qq)群",
        "金溪(代管)五所",
        "使用(a)方案",
        "節(jie2)",
        "USB(usb)",
    ],
)
def test_genuine_brackets_are_kept(genuine):
    assert _strip(genuine) == genuine


def test_readings_beside_garbled_characters_become_hints():
    text = "樹淞l(fā)展,F(xiàn)將有關;(dòng)工作"
    splices, hints = find_annotations(text)
    assert [h.reading for h in hints] == ["fā", "xiàn", "dòng"]
    assert [text[h.position] for h in hints] == ["l", "F", ";"]
    assert len(splices) == 3


def test_a_lone_letter_after_a_reading_is_garbled_when_a_chinese_character_precedes_the_reading():
    assert _stripped("產(chǎn)I(yè),2020年") == ("產I,2020年", [("I", "yè")])


def test_a_reading_after_a_latin_word_stays_text():
    assert _stripped("產(chǎn)PI(yè),2020年") == ("產PI(yè),2020年", [])


def test_a_reading_after_two_letters_between_chinese_characters_marks_a_folded_pair():
    # 保險 shifted shows a folded ｋ and the trail U: the reading belongs to the lost 險
    assert _stripped("醫療kU(xiǎn)參保") == ("醫療kU參保", [("U", "xiǎn")])
    assert _stripped("學(xué)kx(lí)城區") == ("學kx城區", [("x", "lí")])


def test_a_letter_right_after_a_seam_is_garbled_and_its_reading_a_hint():
    assert _stripped("審計?miáo)F(xiàn):部分") == ("審計?F:部分", [("?", "miáo"), ("F", "xiàn")])


def test_a_seam_reading_without_its_bracket_is_removed_and_hinted():
    assert _stripped("當(dāng)?shù)馗刹") == ("當?馗刹", [("?", "shù")])


def _stripped(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text with its readings removed, and each hint as (character marked, reading)."""
    splices, hints = find_annotations(text)
    editable = EditableText(text)
    editable.apply(splices)
    return editable.text, [(text[h.position], h.reading) for h in hints]


@given(st.text(alphabet="一二三四五六七八九十縣局總結工作(),。、1234567890qQ-*年", max_size=60))
def test_text_without_pinyin_passes_unchanged(text):
    assert _strip(text) == text


@given(st.text(alphabet="縣局總結工作發展", min_size=1, max_size=30))
def test_removal_is_idempotent(text):
    annotated = "".join(f"{char}(xiàn)" for char in text)
    once = _strip(annotated)
    assert once == text
    assert _strip(once) == once


@given(st.text(alphabet="(?)節jié", max_size=20), st.data())
def test_the_last_opener_is_rfinds(text, data):
    """``_last`` (a loop in C, compiled) finds what ``str.rfind`` finds, within the text."""
    end = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, end))
    for char in "(?":
        assert _last(text, char, start, end) == text.rfind(char, start, end)


@given(st.text(alphabet="()節", max_size=50), st.data())  # past _NEAR, 16
def test_the_next_closer_is_finds(text, data):
    """``_next`` (a loop in C for ``_NEAR`` characters, compiled) finds what ``str.find`` finds."""
    start = data.draw(st.integers(0, len(text)))
    assert _next(text, ")", start) == text.find(")", start)
    far = "節" * 20  # past _NEAR: left to str.find
    assert _next(far + ")", ")", 0) == 20 and _next(far, ")", 3) == -1


def test_reading_table_is_pypinyins_loaded_without_the_package():
    """Extraction loads only the character table: importing pypinyin itself would also load
    its phrase dictionary (tens of MB per worker)."""
    probe = (
        "import sys; from extractor.pinyin import find_annotations; "
        "from extractor.pinyin_table import character_readings; "
        "find_annotations('某縣(xiàn)'); "
        "print(len(character_readings()), 'pypinyin' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    from pypinyin import pinyin_dict

    assert done.stdout.split() == [str(len(pinyin_dict.pinyin_dict)), "False"], done.stderr
    assert character_readings()[ord("縣")] == pinyin_dict.pinyin_dict[ord("縣")]


# What an annotation is (``find_annotations`` reads them back from each `)`): an opener, one
# to seven letters a reading is written with, `)`
_LETTERS = "a-zàáèéêìíòóùúüāēěīńňōūǎǐǒǔǘǚǜǹḿếề\u0300\u0301\u0304\u030c"
ANNOTATION = re.compile(rf"([(?])([{_LETTERS}]{{1,7}})\)")
OWN_READINGS = ["縣(xiàn)", "結(jié)", "綠(lǜ)", "學(xué)"]
PIECES = [
    *OWN_READINGS,
    "(",
    ")",
    "?",
    "xiàn",
    "a",
    "abcdefg",
    "abcdefgh",
    "xue\u0301",
    "l",
    ";",
    "縣",
    "(一)",
]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_annotations_removed_are_the_patterns_matches_and_every_own_reading(pieces):
    text = "".join(pieces)
    splices, _ = find_annotations(text)
    matches = {m.span() for m in ANNOTATION.finditer(text)}
    spans = {(s.start, s.end) for s in splices}
    assert all(span in matches or (span[0] - 1, span[1]) in matches for span in spans)  # ?seam
    at = 0
    for piece in pieces:
        if piece in OWN_READINGS:
            assert (at + 1, at + len(piece)) in spans, (text, piece)
        at += len(piece)


def test_readers_of_a_reading_ignore_tones():
    """The pinyin stage's set of characters a reading fits: 行 reads háng and xíng, so both
    and xìng fit it, qiú does not."""
    assert "行" in characters_read_as("xìng")[1] and "行" in characters_read_as("háng")[1]
    assert "行" not in characters_read_as("qiú")[1]
    assert fits_reading("行", "xìng") and not fits_reading("行", "qiú")
