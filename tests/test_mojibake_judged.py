"""Hypotheses whose gain bound is below what ``mojibake._indifferent`` names are never judged:
the repairs are those of judging every one, and the bound is the lemma it rests on."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import mojibake
from extractor.gbk_hypotheses import Hypothesis
from extractor.gbk_runs import Segment
from extractor.gbk_search import Reading
from extractor.mojibake import _decided, _indifferent, find_repairs
from tests.test_mojibake import _shifted

TEXT = "縣教育局把學校建設列入重點工作?先後召開專題會議研究"
SENTENCES = [
    "全縣各級干部群眾踴躍參與,活動取得實效。",
    "局黨組認真研究部署帶頭落實扶貧工作。",
    "一是今年就業幫扶、技能幫扶的力度還不夠。明年繼續加強。",
    "建立監測機制,對脫貧不穩定戶和邊緣戶開展排查。",
    "我們堅持把各項工作。現將一年來的情況總結如下。",
]


def _scored(gains_and_starts: list[tuple[float, int]]) -> list[mojibake._Scored]:
    return [
        (gain, Hypothesis(start, len(TEXT), (), "gbk.shift"), Reading("", gain, (), ()))
        for gain, start in gains_and_starts
    ]


@settings(max_examples=300, deadline=None)
@given(
    judged=st.lists(st.tuples(st.floats(-8.0, 16.0), st.integers(0, 20)), min_size=0, max_size=5),
    below=st.lists(
        st.tuples(st.floats(1e-9, 6.0), st.integers(0, 20), st.integers(0, 10)), max_size=4
    ),
    terminator=st.sampled_from(["question", "letter", "hidden"]),
    near=st.sampled_from([0.0, 3.0, 5.0, 10.0]),
)
def test_hypotheses_below_the_indifferent_gain_change_no_decision(judged, below, terminator, near):
    """Gains at the margins, and hypotheses added anywhere in the order with gains below
    ``_indifferent``'s: the same choice, gain, reading and rival as without them."""
    segment = Segment(len(TEXT), len(TEXT), terminator, None, 0)
    scored = _scored([(gain + near if gain > 0 else gain, start) for gain, start in judged])
    floor = _indifferent(TEXT, segment, scored)
    every = list(scored)
    for short, start, place in below if floor > -math.inf else ():  # -inf: none is below
        every[place % (len(every) + 1) : place % (len(every) + 1)] = _scored(
            [(floor - short, start)]
        )
    alone = _decided(TEXT, segment, scored) if scored else None
    together = _decided(TEXT, segment, every) if every else None
    assert alone == together


PAGES = [
    sentence[:cut] + _shifted(sentence[cut : cut + length]) + sentence[cut + length :]
    for sentence in SENTENCES
    for cut in (0, 2, 5)
    for length in (3, 6, 9)
]


@settings(max_examples=20, deadline=None)
@given(page=st.sampled_from(PAGES))
def test_repairs_are_those_of_judging_every_hypothesis(page):
    lazy = find_repairs(page, {})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mojibake, "_indifferent", lambda *_: float("-inf"))
        assert find_repairs(page, {}) == lazy
