"""Rare characters by jieba's character HMM: what a character filled into a lost byte pays."""

from __future__ import annotations

import math

import pytest

from extractor.gbk import two_bytes
from extractor.gbk_score import fixed_prior
from extractor.gbk_slots import Slot
from extractor.hmm_chars import (
    COMMON_LOG_FREQUENCY,
    UNSEEN,
    log_frequencies,
    rare_cost,
    rare_costs,
)


def test_the_frequencies_weigh_the_states_by_shares_that_sum_to_one():
    """jieba's smoothed emissions sum to a little over 1 per state: the weighted sum lies
    between the states' own totals."""
    from jieba.finalseg import emit_P

    totals = [sum(math.exp(value) for value in emit_P[state].values()) for state in "BMES"]
    total = sum(math.exp(value) for value in log_frequencies().values())
    assert min(totals) < total < max(totals)
    assert log_frequencies()["的"] > log_frequencies()["攻"] > log_frequencies()["乖"]


@pytest.mark.parametrize("char", "乖嘿炯")
def test_a_rare_character_costs_something(char: str):
    assert rare_cost(char) > 0.0


@pytest.mark.parametrize("char", "攻坚寒假精准的人")
def test_a_character_common_in_running_text_costs_nothing(char: str):
    assert rare_cost(char) == 0.0


@pytest.mark.parametrize("char", "，。、3aA?")
def test_marks_digits_and_letters_are_not_the_hmms_to_price(char: str):
    assert rare_cost(char) == 0.0


def test_a_han_character_the_hmm_never_saw_costs_the_most():
    unseen = next(chr(c) for c in range(0x4E00, 0x9FA6) if chr(c) not in log_frequencies())
    assert rare_cost(unseen) == COMMON_LOG_FREQUENCY - UNSEEN
    assert rare_cost(unseen) > rare_cost("炯") > rare_cost("乖")


def test_only_a_character_filled_into_a_lost_byte_pays():
    rare, common = two_bytes("乖"), two_bytes("攻")
    assert rare is not None and common is not None
    lost = Slot(None, None)
    assert fixed_prior("攻", lost) - fixed_prior("乖", lost) == pytest.approx(rare_cost("乖"))
    whole = Slot(rare[0], rare[1])  # both bytes survived: nothing was filled in
    assert fixed_prior("乖", whole) == fixed_prior("乖", Slot(common[0], common[1]))


def test_a_traditional_character_is_priced_by_its_simplified_form():
    lost = Slot(None, None)
    assert fixed_prior("堅", lost) == fixed_prior("坚", lost)


def test_the_kept_costs_are_rare_costs_answers():
    """``rare_costs`` (what ``fixed_priors`` looks up) holds what ``rare_cost`` says."""
    costs = rare_costs()
    assert costs["乖"] == rare_cost("乖") > 0.0
    assert costs["攻"] == rare_cost("攻") == 0.0
    assert all(cost == rare_cost(char) for char, cost in list(costs.items())[:2000])
