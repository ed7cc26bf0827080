"""The whole pipeline on made-up inputs: properties that must hold for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import extractor
from extractor.errors import ExtractionError
from extractor.offsets import replay

CLEAN_ALPHABET = st.sampled_from(
    list("县审计局扶贫工作总结村委会学校教育资金万元户人年月日一二三四五六七八九十")
    + list("，。、：；（）“”《》！？")
    + list("0123456789")
)
# Clean means undamaged: a doubled comma between characters is watermark junk, not clean text.
CLEAN_TEXT = st.text(alphabet=CLEAN_ALPHABET, min_size=1, max_size=200).filter(
    lambda text: text.strip() and "，，" not in text
)

SCRAPED = (
    "某縣(xiàn)審計(jì)局2019年工作總結(jié)\n"
    "某縣(xiàn)審計(jì)局2019年工作總結(jié)\n"
    "一、基本情況</p>\n"
    "全年共審計(jì)單位12個,查出違規金額35萬元。&nbsp;\n"
    "某縣審計局\n2019年12月20日\n"
    "擴(kuò)展閱讀:某鄉扶貧工作計劃\n"
    "某鄉2020年扶貧工作計劃\n一、目標\n全鄉脫貧100戶。\n"
    "友情提示:本文中關(guān)于《某縣審計局工作總結》給出的范例僅供您參考拓展思維使用。\n"
    "來源:網絡整理 免責聲明:本文僅限學習分享,如產生版權問題,請聯系我們及時刪除。"
)


def _replayed(document: extractor.Document) -> str:
    window = document.original[: document.raw_end]
    return replay(window, document.repairs, base=document.raw_start)


@settings(max_examples=150, deadline=None)
@given(CLEAN_TEXT)
def test_clean_text_passes_unchanged(text):
    (document,) = extractor.extract(text)
    assert document.text == text.strip()
    assert all(repair.kind == "whitespace" for repair in document.repairs)


def test_scraped_page_splits_and_replays():
    documents = extractor.extract(SCRAPED.encode("utf-8"), source="made-up")
    assert [d.title for d in documents] == ["某縣審計局2019年工作總結", "某鄉2020年扶貧工作計劃"]
    assert documents[0].text == (
        "某縣審計局2019年工作總結\n一、基本情況\n"
        "全年共審計單位12個,查出違規金額35萬元。\n某縣審計局\n2019年12月20日"
    )
    assert documents[1].text == "某鄉2020年扶貧工作計劃\n一、目標\n全鄉脫貧100戶。"
    for document in documents:
        assert _replayed(document) == document.text


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(SCRAPED)))
def test_repair_is_idempotent(cut):
    """Running the pipeline on its own output changes nothing more."""
    for document in extractor.extract(SCRAPED[:cut] or "空"):
        again = extractor.extract(document.text)
        assert [d.text for d in again] == [document.text]


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_any_text_gives_documents_or_a_clear_error(text):
    try:
        documents = extractor.extract(text)
    except ExtractionError as error:
        assert error.message
        return
    for document in documents:
        assert 0 <= document.raw_start <= document.raw_end <= len(document.original)
        for repair in document.repairs:
            assert document.original[repair.raw_start : repair.raw_end] == repair.before
            assert 0 <= repair.start <= len(document.text)
        assert _replayed(document) == document.text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_documents_or_a_clear_error(data):
    try:
        extractor.extract(data)
    except ExtractionError as error:
        assert error.message
