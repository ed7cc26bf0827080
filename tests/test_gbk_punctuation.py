"""A run's last mark, when only its lead byte 0xA1 is left: punctuation's own grammar."""

from __future__ import annotations

import pytest
from test_mojibake import _repaired, _shifted

from extractor.gbk import HIGH_TRAILS
from extractor.gbk_hypotheses import hypotheses
from extractor.gbk_punctuation import (
    ENUMERATION_LEAD,
    MISFIT_COST,
    PUNCTUATION_LEAD,
    breaks_before,
    enumeration_lead,
    misfit,
)
from extractor.gbk_rivals import Judged, _clause_after
from extractor.gbk_runs import suspect_segments
from extractor.gbk_search import Search
from extractor.gbk_slots import Slot
from extractor.lm import language_model
from extractor.mojibake import CONTEXT, _left_context, _searched
from extractor.views import to_simplified


def _last(then: str, line: str) -> Slot:
    return Slot(PUNCTUATION_LEAD, None, trails=HIGH_TRAILS, then=then, line=line)


@pytest.mark.parametrize(
    ("char", "then", "line"),
    [
        ("、", ",", "资金、项目"),  # a separator before a comma
        ("。", ",", "全年工作"),  # a full stop before a comma
        ("“", ",", "开展"),  # an opening quote before a comma
        ("”", "上", "全年工作"),  # a closing quote with nothing open
        ("》", "的", "学习《条例》和"),  # … a closing title mark with nothing open
        ("“", "学", "开展“三会"),  # a quote opened inside itself
        ("。", "", "发放《致家长的一封信"),  # a sentence ended inside a title
        ("、", "项", "根据县政府的要求,现"),  # … one character opening a clause
        ("、", "2019年,全村分红", "支付固定收益"),  # a year as an item after no year
        ("“", "2019年,全村实现分红。\n", "支付固定收益"),  # a quote its line never closes
    ],
)
def test_a_mark_against_its_grammar_costs(char, then, line):
    assert misfit(char, _last(then, line)) >= MISFIT_COST


@pytest.mark.parametrize(
    ("char", "then", "line"),
    [
        ("”", ",", "新时代“枫桥经验"),  # a closing quote before a comma
        ("》", ",", "学习《中小学教师职业道德规范"),
        ("、", "创", "城区防汛排涝"),  # a separator between words
        ("。", "2", "支付固定收益"),  # a full stop before the next sentence
        ("“", "三", "严格落实"),  # an opening quote before text
        ("、", "", "资金"),  # after the run a "?": the byte after it is unknown
        ("、", "2019年两年", "2018年"),  # a year among years
        ("“", "三会一课”活动。\n", "严格落实"),  # a quote closed on its line
        ("“", "三会一课", "严格落实"),  # … or where the line's end is not known
    ],
)
def test_a_mark_that_fits_its_grammar_costs_nothing(char, then, line):
    assert misfit(char, _last(then, line)) == 0.0


def test_a_slot_without_context_and_other_characters_cost_nothing():
    assert misfit("、", Slot(PUNCTUATION_LEAD, None)) == 0.0
    assert misfit("℃", _last(",", "气温")) == 0.0


def test_a_closing_quote_before_a_comma_is_put_back():
    # 經驗” (bd 9b f2 9e a1 b1) lost its lead byte after 進 (df 4d, outside GB2312) and its last
    # trail byte before the comma: 、。“” all fit a1; the comma and the open “ leave ”
    page = "我局認真總結推廣“先進" + _shifted("經驗”")[:-1] + ",形成長效機制。"
    assert _repaired(page) == "我局認真總結推廣“先進經驗”,形成長效機制。"


def test_a_mark_is_judged_against_the_byte_a_question_mark_swallowed_after_it():
    assert breaks_before("、", ",") and breaks_before("“", "。")
    assert not breaks_before("》", ",") and not breaks_before("、", "2")
    # 規範、, was read where the comma was known only once filled; 規範。 is inside a title
    page = "我們向全體家長发放了《致家長" + _shifted("的一封信》1,500份,宣傳防溺水知識。")
    assert "的一封信》" in _repaired(page)


_LINES = "一、開展“書香機關”讀書活動。\n二、開展“最美家庭”評選活動。\n三、開展“文明單位”創建。\n"
_CONTEST = "四、全年組織干部參加培訓16期,培訓380人次;舉辦“財務知識" + _shifted("競賽”1次,評出6名。")


def test_a_mark_before_an_uncertain_swallowed_byte_is_judged_over_all_it_may_be():
    # 。 before a line end beats ” by far (the page ends its lines so), but the "?" more likely
    # took a digit, before which 。 is no likelier than ”: neither is written
    page = _LINES + _CONTEST
    search = Search(language_model(), page, True)
    segment = next(s for s in suspect_segments(page, {}) if s.terminator == "question")
    hypothesis = hypotheses(page, segment, {}, search.model)[0]
    left = to_simplified(_left_context(page, hypothesis.start))
    right = to_simplified(page[hypothesis.end : hypothesis.end + CONTEXT])
    found = _searched(page, hypothesis, {}, search)
    assert found is not None
    slots = found.gain(search)[1].slots
    fixed = {
        mark: search.score(left + "竞赛" + mark + "\n" + right)
        + search.slot_bonus(mark, slots[2])
        + search.slot_bonus("\n", slots[3])
        for mark in "。”"
    }
    assert fixed["。"] - fixed["”"] > 1.0
    assert not search._judged_over(Judged("競賽。\n", slots, 0.0, left, right, 0.0), 2)
    assert "競賽。" not in _repaired(page)


@pytest.mark.parametrize(("run", "rest"), [("直部門", "主要負責人"), ("直單位", "負責人")])
def test_a_runs_first_character_closes_no_mark_its_line_never_opened(run, rest):
    # 直 (d6 b1) without its lead byte keeps the trail of ” (a1 b1), a mark the page knows
    # well: with no “ before it on its line, the closing quote is no reading
    intro = "全縣開展“三會一課”“主題黨日”“不忘初心”活動,評選“優秀黨員”“先進支部”。\n"
    head = intro + "全年對25名領導幹部開展經濟責任審計,其中鄉鎮主要領導7名、縣"
    repaired = _repaired(head + _shifted(run) + rest + "18名。\n")
    assert run[1:] in repaired and "縣”" not in repaired


@pytest.mark.parametrize(
    ("after", "lead"),
    [
        ("勞動模範和退休老黨員。", ENUMERATION_LEAD),  # an item, then 和 before the clause ends
        ("退休老黨員等,", 0.0),  # … but a comma ends it: a sentence may do that too
        ("對全部項目按月開展督查考核,", -ENUMERATION_LEAD),  # a sentence running on to a comma
        ("嚴格落實,", 0.0),  # … too short to say
        ("嚴格落實制度規定的各項要求", 0.0),  # the clause runs past what is known
    ],
)
def test_an_enumeration_comma_or_a_full_stop_goes_by_the_clause_after_it(after, lead):
    assert enumeration_lead("、", "。", after) == lead
    assert enumeration_lead("。", "、", after) == -lead
    assert enumeration_lead("、", "“", after) == 0.0  # only these two tie on every score


def test_a_mark_the_reading_filled_in_itself_is_no_evidence_for_one_before_it():
    slots = (Slot(PUNCTUATION_LEAD, None), Slot(0xB4, 0xE5), Slot(PUNCTUATION_LEAD, None))
    assert _clause_after("、村、", slots, 0, "精准扶貧,") == "村"
    known = (*slots[:2], Slot(PUNCTUATION_LEAD, 0xA2))
    assert _clause_after("、村、", known, 0, "精准扶貧,") == "村、精准扶貧,"


def test_a_tie_between_an_enumeration_comma_and_a_full_stop_is_settled_by_the_clause():
    # 、 (a1 a2) before 勞 (84 da): the pair (a2 84) is private-use and dropped, and 。 (a1 a3)
    # would be dropped alike; the page writes both marks, so nothing else tells them apart
    intro = "全鎮黨員、幹部、群眾踴躍參與。\n"
    page = intro + "年初走訪慰問了困難" + _shifted("家庭、勞動模範和退休老黨員") + "。\n"
    assert _repaired(page) == intro + "年初走訪慰問了困難家庭、勞動模範和退休老黨員。\n"


def test_a_runs_last_mark_reads_the_rest_of_its_line():
    # whether a quote mark is closed on its line, or a year follows, is known only from there
    page = "我局認真總結推廣“先進" + _shifted("經驗”")[:-1] + ",形成長效機制。\n二、"
    segment = next(iter(suspect_segments(page, {})))
    last = [h.steps[-1] for h in hypotheses(page, segment, {}, language_model())]
    thens = {slot.then for step in last for _, way in step for slot in way if slot.then}
    assert thens == {",形成長效機制。\n"}
