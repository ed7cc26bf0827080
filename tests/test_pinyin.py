"""Pinyin annotations: all removed, genuine brackets never, garbled neighbours give hints."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.offsets import EditableText
from extractor.pinyin import find_annotations
from extractor.pinyin_table import character_readings, fits_reading, readers_tones_aside


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


@given(
    st.sampled_from("縣行長樂重發了"),
    st.sampled_from(
        ["xiàn", "xian", "háng", "xíng", "zhǎng", "lè", "yuè", "chóng", "fā", "le", "liǎo", "qiú"]
    ),
)
def test_readers_by_reading_answer_as_fits_reading(char, reading):
    """The pinyin stage's table (filled as readings are asked) says what ``fits_reading`` says,
    tones aside: 行 reads háng and xíng, so xing and hang fit it, qiu does not."""
    assert (char in readers_tones_aside()[reading]) == fits_reading(char, reading)


def test_readers_by_reading_ignore_tones():
    readers = readers_tones_aside()
    assert "行" in readers["xing"] and "行" in readers["háng"]
    assert "行" not in readers["qiú"]
