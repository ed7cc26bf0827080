"""Decoding: every encoding the sites use comes back character for character, junk is refused."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.decode import Decoded, decode
from extractor.errors import (
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    UndecodableInputError,
)

SIMPLIFIED = (
    "某区水务局2022年工作总结\r\n"
    "　　一年来，我局紧扣“保供水、治污水、防洪水”三项任务，扎实推进各项工作："
    "新建改造供水管网46公里，完成河道清淤12.5万立方米；汛期共组织巡查310人次，"
    "未发生重大险情。\r\n"
    "　　二、存在的问题（一）基层人手不足；（二）部分设施老化。明年我们将继续努力！\r\n"
)
TRADITIONAL = (
    "某區水務局2022年工作總結\r\n"
    "　　一年來，我局緊扣「保供水、治污水、防洪水」三項任務，紮實推進各項工作："
    "新建改造供水管網46公里，完成河道清淤12.5萬立方米；汛期共組織巡查310人次，"
    "未發生重大險情。\r\n"
    "　　二、存在的問題（一）基層人手不足；（二）部分設施老化。明年我們將繼續努力！\r\n"
)


def _with_bom(bom: bytes, codec: str) -> Callable[[str], bytes]:
    return lambda text: bom + text.encode(codec)


ROUND_TRIPS = [
    # (text, how to encode it, reported encoding)
    (SIMPLIFIED, "utf-8", "utf-8"),
    (TRADITIONAL, "utf-8", "utf-8"),
    (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
    (SIMPLIFIED, "gb18030", "gb18030"),
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "gbk", "gb18030"),  # the spam mirrors: Traditional text saved as GBK
    (TRADITIONAL, "big5", "big5"),
    (SIMPLIFIED, "utf-16-le", "utf-16-le"),
    (SIMPLIFIED, "utf-16-be", "utf-16-be"),
    (TRADITIONAL, "utf-16-le", "utf-16-le"),
    (SIMPLIFIED, _with_bom(codecs.BOM_UTF16_LE, "utf-16-le"), "utf-16-le"),
    (SIMPLIFIED, _with_bom(codecs.BOM_UTF16_BE, "utf-16-be"), "utf-16-be"),
    (TRADITIONAL, "utf-16", "utf-16-le"),  # Python writes a little-endian BOM
]


@pytest.mark.parametrize(("text", "encoder", "expected"), ROUND_TRIPS)
def test_round_trip_keeps_every_character(text, encoder, expected):
    data = encoder(text) if callable(encoder) else text.encode(encoder)
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == expected
    assert "\r\n" in decoded.text and "，" in decoded.text  # nothing normalised


def test_str_passes_through_untouched():
    assert decode(SIMPLIFIED) == Decoded(SIMPLIFIED, "str", None)


def test_utf8_without_bom_has_no_note():
    assert decode(SIMPLIFIED.encode()).confidence_note is None


def test_utf16_without_bom_says_how_it_was_recognised():
    assert "NUL" in (decode(SIMPLIFIED.encode("utf-16-le")).confidence_note or "")


SHORT_LINES = [
    ("关于开展安全生产大检查的通知\n", "關於開展安全生產大檢查的通知\n"),
    ("第三季度招商引资情况汇报", "第三季度招商引資情況匯報"),
    ("全体干部职工共同努力，圆满完成任务。", "全體幹部職工共同努力，圓滿完成任務。"),
    ("述职述廉报告", "述職述廉報告"),
]


@pytest.mark.parametrize(("simplified", "traditional"), SHORT_LINES)
def test_short_lines_tell_gb18030_from_big5(simplified, traditional):
    assert decode(simplified.encode("gbk")) == Decoded(simplified, "gb18030", None)
    assert decode(traditional.encode("gbk")).text == traditional
    assert decode(traditional.encode("big5")).text == traditional
    assert decode(traditional.encode("big5")).encoding == "big5"


def test_utf16_made_only_of_ideographs_needs_no_ascii():
    text = "　　一年一度，一心一意。" * 20  # its only NULs come from U+3000 and U+4E00
    assert decode(text.encode("utf-16-le")).text == text
    assert decode(text.encode("utf-16-be")).text == text


def test_ascii_with_a_stray_nul_is_not_taken_for_utf16():
    text = "The water bureau report covers supply, drainage and flood control. " * 3
    data = text.encode()
    data = data[:11] + b"\x00" + data[11:41] + b"\x00" + data[41:]
    assert decode(data).encoding == "utf-8"


def test_long_gb18030_is_judged_on_a_sample_and_decoded_whole():
    text = SIMPLIFIED * 400  # about 120 KB: larger than the 64 KB sample
    decoded = decode(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_a_stray_byte_is_replaced_not_fatal(codec):
    head, tail = SIMPLIFIED.encode(codec), TRADITIONAL.encode(codec)
    decoded = decode(head + b"\xff" + tail)
    assert decoded.encoding == codec
    assert decoded.text == SIMPLIFIED + "\ufffd" + TRADITIONAL
    assert "U+FFFD" in (decoded.confidence_note or "")


# -- refusals ------------------------------------------------------------------------------


def _random_bytes(seed: int, lowest: int, size: int = 4096) -> bytes:
    generator = random.Random(seed)
    return bytes(generator.randrange(lowest, 0x100) for _ in range(size))


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInputError, ["empty", "check"]),
        (b" \r\n\t \n", EmptyInputError, ["whitespace", "check"]),
        ("", EmptyInputError, ["empty"]),
        ("\u3000\r\n", EmptyInputError, ["whitespace"]),
        (codecs.BOM_UTF8, EmptyInputError, ["no text"]),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), EmptyInputError, ["whitespace"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, ["PNG", "text"]),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", BinaryInputError, ["JPEG"]),
        (b"PK\x03\x04\x14\x00\x00\x00", BinaryInputError, ["ZIP", "not yet supported", "extract"]),
        (b"\x1f\x8b\x08\x00", BinaryInputError, ["GZIP", "decompress"]),
        (b"%PDF-1.7\n", BinaryInputError, ["PDF", "extract its text"]),
        (_random_bytes(20240501, 0x00), BinaryInputError, ["binary", "convert"]),
        (_random_bytes(7, 0x80), UndecodableInputError, ["UTF-8", "save it as UTF-8"]),
        ("\ufffd" * 300, UndecodableInputError, ["U+FFFD", "fetch the page again"]),
        (("<p>" + "\ufffd" * 40 + "</p>\n").encode() * 20, UndecodableInputError, ["U+FFFD"]),
    ],
)
def test_refusals_say_what_is_wrong_and_what_to_do(data, error, words):
    with pytest.raises(error) as caught:
        decode(data)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert isinstance(caught.value, ExtractionError)


def test_too_large_names_the_limit_and_suggests_splitting():
    with pytest.raises(InputTooLargeError) as caught:
        decode(SIMPLIFIED.encode(), max_bytes=100)
    assert "100" in str(caught.value)
    assert "split" in str(caught.value)


def test_a_few_replacement_characters_are_kept():
    text = SIMPLIFIED + "（此处原有一个损坏的字：\ufffd）" + TRADITIONAL
    assert decode(text.encode()).text == text


# -- properties ----------------------------------------------------------------------------

CJK_OR_ASCII = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("\n\r\t，。、；：？！“”（）　"),
    ),
    min_size=1,
).filter(lambda text: not text.isspace())


@given(CJK_OR_ASCII)
def test_any_cjk_and_ascii_text_survives_utf8(text):
    decoded = decode(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.encoding == "utf-8"


@given(st.binary(max_size=300))
def test_arbitrary_bytes_decode_or_raise_an_extraction_error(data):
    try:
        decoded = decode(data)
    except ExtractionError:
        return
    assert decoded.text and not decoded.text.isspace()
