"""Scoring terms of the shifted-GBK repair: a price per token, the page's own characters."""

from __future__ import annotations

import math

import pytest

from extractor.gbk import SWALLOWED, Slot, log_counts, table, two_bytes
from extractor.gbk_score import (
    COMMON_LOG_COUNT,
    FAMILIAR_USES,
    OTHER_FORM_COST,
    RARE_UNFAMILIAR_COST,
    UNFAMILIAR_COST,
    Scorer,
)
from extractor.gbk_search import Search
from extractor.lm import PUNCTUATION_LOGPROB, TOKEN_COST, LanguageModel, language_model

PAGE = "教学工作。学校的教学质量，学生的学习，教学研究。"  # 学 six times, 工 once


def test_a_word_beats_its_two_characters_when_they_are_as_likely_together():
    # 甲 and 乙 alone are exactly as likely as 甲乙 as one word: the price per token decides
    model = LanguageModel({"甲": 1000, "乙": 1000, "甲乙": 1}, total=10**6)
    apart = model.char_logprob("甲") + model.char_logprob("乙")
    assert model.score("甲乙") == pytest.approx(model.word_logprob("甲乙"))
    assert model.score("甲乙") - apart == pytest.approx(TOKEN_COST)


def test_punctuation_pays_the_token_price_too():
    model = LanguageModel({"甲": 10})
    assert model.char_logprob("，") == pytest.approx(PUNCTUATION_LOGPROB - TOKEN_COST)


def test_a_character_the_page_rarely_writes_costs_more_the_rarer_it_is():
    scorer = Scorer(language_model(), PAGE, traditional=False)
    assert scorer.unfamiliar("学") == 0.0
    assert scorer.unfamiliar("工") == pytest.approx(
        UNFAMILIAR_COST * (math.log1p(FAMILIAR_USES) - math.log(2))
    )
    assert scorer.unfamiliar("桥") == pytest.approx(UNFAMILIAR_COST * math.log1p(FAMILIAR_USES))


def test_a_slots_options_carry_the_pages_familiarity_in_their_prior():
    trail = two_bytes("学")[1]  # a lost lead byte: 学 and the others sharing its trail
    slot = Slot(lead=None, trail=trail)
    search = Search(language_model(), PAGE, traditional=False)
    priors = {char: prior for char, _, prior, _ in search.candidates.offered(slot, "")}
    assert priors["学"] == 0.0
    strangers = [c for c in priors if c not in PAGE and table().simplified.get(c, c) == c]
    assert strangers
    for char in strangers:
        rarity = max(0.0, COMMON_LOG_COUNT - log_counts()[char])
        cost = UNFAMILIAR_COST + RARE_UNFAMILIAR_COST * rarity
        assert priors[char] == pytest.approx(-cost * math.log1p(FAMILIAR_USES))


def _after_question(then: str) -> Slot:
    return Slot(None, None, swallowed=SWALLOWED, then=then, line="截至")


def test_a_year_that_lost_its_first_digit_starts_as_the_pages_years():
    page = "2018年,全村脱贫。2019年,我们继续帮扶,1998年建村。"
    scorer = Scorer(language_model(), page, traditional=False)
    slot = _after_question("019年底,")
    priors = {mark: scorer.slot_bonus(mark, slot) for mark in SWALLOWED}
    assert max(priors, key=priors.__getitem__) == "2"
    assert priors["2"] - priors["1"] == pytest.approx(math.log(2.01 / 1.01))
    assert priors["2"] > priors[","] + 5


def test_a_month_that_lost_its_first_digit_is_october_to_december():
    scorer = Scorer(language_model(), "3月,全村脱贫,5月,验收。", traditional=False)
    priors = {mark: scorer.slot_bonus(mark, _after_question("0月底,")) for mark in SWALLOWED}
    assert max(priors, key=priors.__getitem__) == "1"
    assert priors["1"] > max(p for mark, p in priors.items() if mark != "1") + 5


def test_a_digit_before_other_text_keeps_the_pages_habits():
    scorer = Scorer(language_model(), "共10人,其中5人,另有3名。", traditional=False)
    priors = {mark: scorer.slot_bonus(mark, _after_question("0人,")) for mark in SWALLOWED}
    assert priors["1"] == pytest.approx(priors["2"])


def test_of_two_forms_the_page_does_not_write_its_scripts_form_wins():
    slot = Slot(lead=None, trail=None)
    traditional = Scorer(language_model(), "我們學習與體驗,總結經驗。", traditional=True)
    assert traditional.slot_bonus("會", slot) - traditional.slot_bonus("会", slot) == (
        pytest.approx(OTHER_FORM_COST)
    )
    simplified = Scorer(language_model(), "我们学习体验,总结经验。", traditional=False)
    assert simplified.slot_bonus("会", slot) - simplified.slot_bonus("會", slot) == (
        pytest.approx(OTHER_FORM_COST)
    )


def test_a_form_the_page_writes_itself_costs_nothing_for_its_script():
    # a crude conversion left 发 in a Traditional page: 发 is the page's, 發 a stranger
    scorer = Scorer(language_model(), "我們发展產業,发放資金,发揮作用。", traditional=True)
    slot = Slot(lead=None, trail=None)
    assert scorer.slot_bonus("发", slot) == 0.0
    assert scorer.slot_bonus("發", slot) == pytest.approx(-scorer.unfamiliar("發"))
