"""The real scraped seed: two documents, clean of pinyin and furniture, every removal logged."""

from __future__ import annotations

import re

import pytest

import extractor
from extractor.offsets import replay

PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
FURNITURE = ("友情提示", "免責聲明", "網絡整理", "擴展閱讀", "擴(kuò)展")


@pytest.fixture(scope="module")
def documents(seed_bytes):
    return extractor.extract(seed_bytes, source="seed")


def test_two_documents_with_their_titles(documents):
    assert [d.title for d in documents] == [
        "畢節地區審計局201*年度開展集團幫扶工作總結",
        "黔江區人民小學校實施城鄉互動幫扶工作總結",
    ]


def test_no_pinyin_or_furniture_left(documents):
    for document in documents:
        assert not PINYIN.findall(document.text)
        assert "?shù)" not in document.text
        for word in FURNITURE:
            assert word not in document.text, word


def test_duplicated_title_line_is_removed_once(documents):
    first = documents[0].text.splitlines()
    assert first[0] == documents[0].title
    assert first[1].startswith("一、")


def test_closing_lines_stay_with_their_documents(documents):
    assert documents[0].text.endswith("畢節地區審計局二0一一年十二月九日")
    assert documents[1].text.endswith("黔江區人民小學校二一一年七月八日")


def test_every_removal_is_recorded_and_the_log_replays(documents):
    original = documents[0].original
    for document in documents:
        window = original[: document.raw_end]
        assert replay(window, document.repairs, base=document.raw_start) == document.text
        for repair in document.repairs:
            assert original[repair.raw_start : repair.raw_end] == repair.before
    kinds = {(r.kind, r.rule) for d in documents for r in d.repairs}
    assert ("boilerplate", "footer.friendly_tip") in kinds
    assert ("boilerplate", "footer.source_disclaimer") in kinds
    assert ("boilerplate", "split.extended_reading") in kinds
    assert ("boilerplate", "duplicate_title") in kinds


def test_documents_share_out_the_whole_input(documents):
    assert documents[0].raw_start == 0
    assert documents[0].raw_end == documents[1].raw_start
    assert documents[-1].raw_end == len(documents[0].original)
    assert all(d.encoding == "utf-8" for d in documents)


def test_ids_are_stable(seed_bytes, documents):
    again = extractor.extract(seed_bytes, source="elsewhere")
    assert [d.id for d in again] == [d.id for d in documents]
    assert len({d.id for d in documents}) == 2
