"""The shifted-GBK search's shortcuts give what the full search gives: pages damaged by hand
with the codec (``test_mojibake._shifted``), each hypothesis searched with and without them."""

from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import gbk_search
from extractor.gbk import HIGH_TRAILS, Slot, pua_starters
from extractor.gbk_hypotheses import hypotheses
from extractor.gbk_runs import suspect_segments
from extractor.gbk_search import Search, unfillable
from extractor.lm import language_model
from extractor.views import is_traditional, to_simplified
from tests.test_mojibake import _shifted

# Runs whose reach crosses sound characters with an ASCII-range trail byte (學 = 8c 57, 農 =
# de 72, 業 = 98 49): re-paired from there, a middle character's lead byte would be ASCII.
PAGES = [
    "全縣各級" + _shifted("干部群眾踴躍參與") + ",活動",
    "發展農業學校" + _shifted("地干部群眾樹立") + "l展",
    "開展確保農業" + _shifted("支教周期适当延長") + ";二是加強管理。",
    "我們堅持把各項" + _shifted("工作。現") + "將一年來的情況總結如下。",
]


def _searched(page: str) -> list[tuple[tuple, object]]:
    """Every hypothesis of every segment of a page, with its best reading."""
    search = Search(language_model(), page, is_traditional(page))
    found = []
    for segment in suspect_segments(page, {}):
        for hypothesis in hypotheses(page, segment, {}, search.model):
            left = to_simplified(page[max(0, hypothesis.start - 4) : hypothesis.start])
            right = to_simplified(page[hypothesis.end : hypothesis.end + 4])
            reading = search.best_reading(hypothesis.steps, left, right)
            found.append((hypothesis.steps, reading))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_an_unfillable_hypothesis_is_one_the_full_search_gives_up(page, monkeypatch):
    shortcut = _searched(page)
    monkeypatch.setattr(gbk_search, "unfillable", lambda steps: False)
    assert [reading for _, reading in _searched(page)] == [reading for _, reading in shortcut]
    for steps, reading in shortcut:
        assert reading is not None or unfillable(steps) or not steps


def test_the_pages_have_unfillable_and_fillable_hypotheses():
    found = [unfillable(steps) for page in PAGES for steps, _ in _searched(page)]
    assert any(found) and not all(found)


_BYTES = st.one_of(st.none(), st.integers(0, 0xFF))


@settings(max_examples=300, deadline=None)
@given(
    lead=_BYTES,
    trail=_BYTES,
    hint=st.sampled_from([None, "xué", "zhōng", "q"]),
    trails=st.sampled_from([None, HIGH_TRAILS, pua_starters()]),
    dropped=st.booleans(),
    previous=st.sampled_from(["", "教", "的", "工", "发", "中", "学", "人"]),
)
def test_a_slot_that_offers_nothing_offers_nothing_after_any_character(
    lead, trail, hint, trails, dropped, previous
):
    slot = Slot(lead, trail, hint, trails=trails, dropped_before=dropped)
    if gbk_search._offers_nothing(slot):
        search = Search(language_model(), "教学工作中的人发展", False)
        assert search.candidates.offered(slot, previous) == []


def test_a_middle_character_with_an_ascii_lead_byte_offers_nothing():
    assert gbk_search._offers_nothing(Slot(0x48, 0x96))
    assert not gbk_search._offers_nothing(Slot(0xB5, None))


def test_a_slot_hashes_as_the_tuple_of_all_its_fields():
    slot = Slot(0xB5, None, "dì", frozenset({0xB5}), HIGH_TRAILS, True, ",", "下", "全縣")
    assert hash(slot) == hash(tuple(getattr(slot, f.name) for f in fields(slot)))
