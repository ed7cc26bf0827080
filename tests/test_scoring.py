"""Scoring terms of the shifted-GBK repair: a price per token, the page's own characters."""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from itertools import pairwise
from operator import add
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.gbk import SWALLOWED, log_counts, out_of_script, table, two_bytes
from extractor.gbk_page_costs import (
    COMMON_LOG_COUNT,
    CONVERTED_COST,
    FAMILIAR_USES,
    OTHER_FORM_COST,
    OTHER_SCRIPT_COST,
    RARE_UNFAMILIAR_COST,
    UNFAMILIAR_COST,
    _unfamiliar,
)
from extractor.gbk_pairs import page_pair_bonus
from extractor.gbk_rivals import SLOT_MARGIN
from extractor.gbk_score import Scorer
from extractor.gbk_search import Search
from extractor.gbk_slots import Slot
from extractor.gbk_tables import _char_uses, _distinct_chars, _pair_keys
from extractor.hmm_chars import rare_cost
from extractor.line_shapes import mark_context
from extractor.lm import (
    ALONE_PRIOR,
    MAX_WORD,
    PUNCTUATION_LOGPROB,
    TOKEN_COST,
    LanguageModel,
    language_model,
)
from extractor.running_text import RunningPairs, StandingAlone
from extractor.views import single_forms

PAGE = "教学工作。学校的教学质量，学生的学习，教学研究。"  # 学 six times, 工 once


@pytest.mark.parametrize("text", ["", PAGE, "a𠀀学a\U0010ffff𠀀\x00学", "\uffff\U00010000" * 3])
def test_a_pages_characters_are_counted_as_counter_counts_them_and_the_table_emptied(text):
    for _ in range(2):  # the second count starts from the emptied table
        uses = _char_uses(text)
        assert uses == Counter(text) and list(uses) == list(Counter(text))
        assert _distinct_chars(text) == list(Counter(text))


@pytest.mark.parametrize("text", ["", "教", PAGE, "a𠀀学a\U0010ffff𠀀学a𠀀"])
def test_a_windows_pairs_are_keyed_one_key_a_pair_counted_as_counter_counts_them(text):
    keyed, pairs = _pair_keys(text), Counter(map(add, text, text[1:]))
    assert list(keyed.values()) == list(pairs.values())
    assert dict(zip(pairs, keyed, strict=True)) == {p: _pair_keys(p).popitem()[0] for p in pairs}


def test_a_word_beats_its_two_characters_when_they_are_as_likely_together():
    # 甲 and 乙 alone are exactly as likely as 甲乙 as one word: the price per token decides
    model = LanguageModel({"甲": 1000, "乙": 1000, "甲乙": 1}, total=10**6)
    apart = model.char_logprob("甲") + model.char_logprob("乙")
    assert model.score("甲乙") == pytest.approx(model.word_logprob("甲乙"))
    assert model.score("甲乙") - apart == pytest.approx(TOKEN_COST)


def test_a_character_running_text_never_writes_alone_loses_to_a_rarer_word():
    """甲 is counted alone twice as often as the word 乙丙, but running text of 1,000 tokens,
    where jieba's counts expect 甲 alone 60 times, never writes it alone: 乙丙 wins. 丁, alone
    there as often as expected, keeps its price; 戊, expected there once, loses little."""
    counts = {"甲": 60, "乙丙": 30, "丁": 300, "戊": 1, "己": 609}
    jieba = LanguageModel(counts)
    alone = StandingAlone({"丁": 300, "戊": 0}, 1000)
    model = LanguageModel(counts, alone=alone)
    assert jieba.score("甲") > jieba.score("乙丙")
    assert model.score("甲") < model.score("乙丙")
    shortfall = math.log(ALONE_PRIOR / (ALONE_PRIOR + 60))
    assert model.char_logprob("甲") == pytest.approx(jieba.char_logprob("甲") + shortfall)
    assert model.char_logprob("丁") == jieba.char_logprob("丁")
    assert jieba.char_logprob("戊") - model.char_logprob("戊") < 0.5
    assert model.word_logprob("乙丙") == jieba.word_logprob("乙丙")


def _best_cut(model: LanguageModel, text: str, score: float = 0.0) -> float:
    """The best sum, token by token from the left, over every cut of ``text`` into single
    characters and known words of up to MAX_WORD characters (``score``: of the text before)."""
    if not text:
        return score
    best = -math.inf
    for length in range(1, min(MAX_WORD, len(text)) + 1):
        word = text[:length]
        logprob = model.char_logprob(word) if length == 1 else model.word_logprob(word)
        if logprob is not None:
            best = max(best, _best_cut(model, text[length:], score + logprob))
    return best


@pytest.mark.parametrize(
    "text", ["", "甲", "甲乙丙丁", "审计局，甲乙丙丁戊x乙丙？", "丁戊丁甲乙丙丁甲乙丙丁", "ab丁丁"]
)
def test_a_texts_score_is_its_best_segmentation_to_the_bit(text):
    counts = {"甲": 60, "乙丙": 30, "丁": 300, "戊": 1, "甲乙丙丁": 5, "丙丁戊": 7, "丁甲": 2}
    model = LanguageModel(counts)
    assert model.score(text) == _best_cut(model, text)


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


@pytest.mark.parametrize("char", ["学", "乖", "，", "\U00020000"])
def test_unfamiliarity_is_its_formula_to_the_bit_at_each_count_of_uses(char):
    rarity = max(0.0, COMMON_LOG_COUNT - log_counts().get(char, 0.0))
    for uses in range(2 * FAMILIAR_USES):
        missing = math.log1p(FAMILIAR_USES) - math.log1p(uses)
        expected = (UNFAMILIAR_COST + RARE_UNFAMILIAR_COST * rarity) * missing
        assert _unfamiliar(char, uses, log_counts()) == (expected if missing > 0 else 0.0)


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
        expected = -cost * math.log1p(FAMILIAR_USES) - rare_cost(char)  # filled: HMM's price
        assert priors[char] == pytest.approx(expected)


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
    # 发 has two Traditional forms (發, 髮): a crude conversion may leave it, so it costs no more
    assert traditional.slot_bonus("發", slot) - traditional.slot_bonus("发", slot) == (
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


CONVERTED = "我們學習與體驗,總結經驗,發揮作用。"  # every character that has two forms, Traditional


def test_a_page_converted_whole_never_held_a_character_any_conversion_turns():
    # 业 has one Traditional form (業), 发 two (發, 髮): a crude conversion may leave 发, not 业
    slot = Slot(lead=None, trail=None)
    converted = Scorer(language_model(), CONVERTED, traditional=True)
    assert converted.slot_bonus("業", slot) - converted.slot_bonus("业", slot) == (
        pytest.approx(CONVERTED_COST)
    )
    assert converted.slot_bonus("髮", slot) - converted.slot_bonus("发", slot) == (
        pytest.approx(OTHER_SCRIPT_COST)  # the page writes 發: the usual price of that
    )
    # the slot's plan, priced for pages that write neither form, says the same
    trail = two_bytes("业")[1]
    search = Search(language_model(), CONVERTED, traditional=True)
    priors = {char: prior for char, _, prior, _ in search.candidates.offered(Slot(None, trail), "")}
    assert priors["业"] == pytest.approx(search.slot_bonus("业", Slot(None, trail)))
    assert -priors["业"] > CONVERTED_COST


FORMS = "还還发發髮业業会會学學习習们們的经經"  # forms in either script, and one in both


@settings(max_examples=150, deadline=None)
@given(st.text(FORMS, max_size=12), st.sampled_from(FORMS), st.booleans())
def test_a_characters_script_cost_is_its_form_cost_or_the_price_of_the_other_script(
    page, char, traditional
):
    # ``_PageCosts.script_cost`` reads the script's form once for both questions
    scorer = Scorer(language_model(), page, traditional=traditional)
    form = (table().traditional if traditional else table().simplified).get(char, char)
    if char in page:
        expected = 0.0
    elif scorer.script.converted and char in (single_forms() or {}):
        expected = CONVERTED_COST
    else:
        expected = OTHER_FORM_COST if form != char else 0.0
    if out_of_script(char, frozenset(page), traditional):
        expected = max(expected, OTHER_SCRIPT_COST)
    assert scorer._costs.script_cost(char) == expected


def test_a_page_of_mixed_script_may_hold_either_form():
    mixed = Scorer(language_model(), "我們学习与体验,总结经验。", traditional=True)
    slot = Slot(lead=None, trail=None)
    assert mixed.slot_bonus("業", slot) - mixed.slot_bonus("业", slot) == (
        pytest.approx(OTHER_FORM_COST)
    )


@pytest.mark.parametrize(
    ("following", "line", "kind"),
    [
        ("2019年12月20日\n", "溪源县审计局", "date"),  # the date under a signature
        ("二〇一九年十二月", "某县教育局", "date"),
        ("2019年,全村脱贫", "通过全村上下共同努力", "opening"),  # a year inside a sentence
        ("2019年12月20日至", "会议于", "opening"),  # a date that runs on is no date line
        ("1.健全防止返贫", "(一)巩固拓展脱贫攻坚成果", "first"),  # a list under its heading
        ("(一)建档立卡", "三、推进困难职工解困脱困", "first"),
        ("一是迎接检查", "下半年,乡党委将重点做好以下工作", "listed"),  # … in a sentence
        ("二是加强管理", "一是完善制度", "opening"),  # a later item: a separator may precede it
        ("第二批项目", "全县共有", "opening"),
        ("(二)落实资助", "目标责任书。", "opening"),
        ("1.5万元", "共投入资金", "digit"),  # a figure, not an item
        (",380万元", "收回统筹资", "digit"),  # the rest of 1,380
        (",380人", "共接待群众", "digit"),
        (",38人", "全村共有两个组", "text"),  # a comma, not a figure's thousands
        (".8亿元", "综合产值突破", "digit"),  # the rest of 1.8
        ("本学年我参加", "四、专业成长方面", "text"),
        ("\n\n一、思想政治方面", "现将一年来的工作总结如下", "items"),  # a list after the line
        ("\n(一)建档立卡", "三、组织领导", "line"),  # … but a heading's own line end
        ("\n全年共完成", "现将一年来的工作总结如下", "line"),
    ],
)
def test_the_text_after_a_mark_is_of_a_kind(following, line, kind):
    assert mark_context(following, line) == kind


def _weights(scorer: Scorer, slot: Slot) -> dict[str, float]:
    """What the search weighs for each byte a ``?`` may have swallowed: prior and the word
    model's own price."""
    return {mark: scorer.slot_bonus(mark, slot) + scorer.char_logprob(mark) for mark in SWALLOWED}


def _leader(weights: dict[str, float]) -> tuple[str, float]:
    """The likeliest byte and its lead over all the others together (as ``gbk_rivals``)."""
    best = max(weights, key=weights.__getitem__)
    rest = [weight for mark, weight in weights.items() if mark != best]
    return best, weights[best] - math.log(sum(map(math.exp, rest)))


PAGE_WITH_LISTS = (
    "二、主要做法\n一是完善制度;二是加强管理;三是落实责任。\n全年共培训120人,走访80户。"
)


@pytest.mark.parametrize(
    ("then", "line"),
    [
        ("2019年12月20日\n", "溪源县审计"),  # a date alone on its line
        ("1.健全防止返贫", "(一)巩固拓展脱贫攻坚"),  # a list's first item under a heading
    ],
)
def test_what_starts_its_own_line_comes_after_a_line_end(then, line):
    scorer = Scorer(language_model(), PAGE_WITH_LISTS, traditional=False)
    slot = Slot(None, None, swallowed=SWALLOWED, then=then, line=line)
    best, lead = _leader(_weights(scorer, slot))
    assert best == "\n" and lead > SLOT_MARGIN


def test_a_year_in_a_sentence_is_not_taken_for_a_date_line():
    scorer = Scorer(language_model(), PAGE_WITH_LISTS, traditional=False)
    slot = Slot(None, None, swallowed=SWALLOWED, then="2019年全村脱贫", line="通过全村上下共同努")
    best, lead = _leader(_weights(scorer, slot))
    assert best != "\n" or lead < SLOT_MARGIN


def test_a_lists_first_item_in_a_sentence_never_follows_a_separator():
    # the page writes \n一是 under its heading and ;二是 between items: neither says that a
    # sentence's list starts after a line end, and a first item never follows a separator
    scorer = Scorer(language_model(), PAGE_WITH_LISTS, traditional=False)
    slot = Slot(None, None, swallowed=SWALLOWED, then="一是迎接检查;", line="下半年重点做好以下工")
    weights = _weights(scorer, slot)
    assert max(weights, key=weights.__getitem__) == ":"
    assert weights[":"] > max(weights[";"], weights[","]) + 3


def test_a_later_item_keeps_the_pages_separator():
    scorer = Scorer(language_model(), PAGE_WITH_LISTS, traditional=False)
    line = "一是完善制度;二是加强管"
    slot = Slot(None, None, swallowed=SWALLOWED, then="四是强化督查。", line=line)
    weights = _weights(scorer, slot)
    assert max(weights, key=weights.__getitem__) == ";"


PAGE_WITH_HEADINGS = "(一)完善制度\n一是建章立制;二是严格考核。\n(二)加强管理\n(三)落实责任\n"


def test_a_bracket_that_closes_nothing_soon_after_is_not_the_pages_heading_bracket():
    # the page writes (二 in its headings: no evidence for a ( that nothing closes
    scorer = Scorer(language_model(), PAGE_WITH_HEADINGS, traditional=False)
    slot = Slot(None, None, swallowed=SWALLOWED, then="二是刚性支出不断增加", line="依赖程度较")
    weights = _weights(scorer, slot)
    assert weights["("] < weights[";"] - 3
    weights["("] += page_pair_bonus(scorer.bigram_counts, "(二")  # as the search adds it
    assert weights["("] < weights[";"]


def test_a_bracket_closed_soon_after_keeps_the_pages_pairs():
    scorer = Scorer(language_model(), PAGE_WITH_HEADINGS, traditional=False)
    closed = Slot(None, None, swallowed=SWALLOWED, then="二)落实资助", line="目标责任书")
    unclosed = Slot(None, None, swallowed=SWALLOWED, then="二是落实资助", line="目标责任书")
    assert scorer.slot_bonus("(", closed) > scorer.slot_bonus("(", unclosed) + 3


def test_a_pair_the_page_writes_counts_whichever_word_follows_it():
    # the page writes 展结 (开展结合): 开展结对 keeps that pair's bonus though the word 结对
    # starts inside it, as every segmentation of the text has the pair
    model = language_model()
    page = Scorer(model, "全镇开展结合实际的培训。各村开展结合产业的活动。", traditional=False)
    blank = Scorer(model, "今年天气很好。", traditional=False)
    gained = page.score("开展结对") - blank.score("开展结对")
    assert math.isclose(
        gained,
        page_pair_bonus(page.bigram_counts, "开展") + page_pair_bonus(page.bigram_counts, "展结"),
    )


def test_a_windows_pairs_count_again_once_another_window_is_left_out():
    # the page writes 结合 twice: a window holding it once leaves it one use, and the next
    # window, which does not hold it, gives it back both, whether read before or after
    model = language_model()
    page = "全镇开展结合实际的培训。各村开展结合产业的活动。"
    scorer = Scorer(model, page, traditional=False)
    whole = scorer.score("结合")
    scorer.exclude_window("开展结合实际")
    within = scorer.score("结合")
    assert within < whole
    scorer.exclude_window("今年天气")
    assert scorer.score("结合") == whole
    fresh = Scorer(model, page, traditional=False)
    fresh.exclude_window("开展结合实际")
    assert fresh.score("结合") == within


def _best_segmentation(text: str, model: LanguageModel) -> float:
    """The best sum over the ways of cutting ``text`` into dictionary words of two to four
    characters and single characters (their own log-probabilities), tried one by one."""
    best = [0.0]
    for end in range(1, len(text) + 1):
        found = best[end - 1] + model.char_logprob(text[end - 1])
        for size in range(2, min(end, 4) + 1):
            word = model.words.get(text[end - size : end])
            if word is not None:
                found = max(found, best[end - size] + word)
        best.append(found)
    return best[-1]


def test_texts_ending_in_longer_words_score_their_best_segmentation():
    # the words of three and four characters are found past the filter of the texts they end
    # in (``_word_ends``), alone, after a character and joined two by two
    model = language_model()
    longer = sorted(word for word in model.words if len(word) > 2)[::997]
    scorer = Scorer(model, "。", traditional=False, running=RunningPairs({}))
    texts = [*longer, *("的" + word for word in longer), *map("".join, pairwise(longer))]
    for text in texts:
        assert math.isclose(scorer.score(text), _best_segmentation(text, model)), text


def test_the_scores_run_interpreted_where_cython_is_not_installed():
    # ``State``'s freelist is a Cython decorator: without Cython the module stands in for it
    code = (
        "import sys; sys.modules['cython'] = None\n"
        "from extractor.gbk_pairs import START\n"
        "from extractor.gbk_score import Scorer\n"
        "from extractor.lm import LanguageModel\n"
        "from extractor.running_text import RunningPairs\n"
        "model = LanguageModel({'甲乙': 30, '甲': 60, '乙': 60})\n"
        "scorer = Scorer(model, '', traditional=False, running=RunningPairs({}))\n"
        "print(START.width, scorer.score('甲乙甲') == model.score('甲乙甲'))"
    )
    root = Path(__file__).resolve().parents[1]
    found = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["0", "True"]
