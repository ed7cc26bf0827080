"""A run's last mark, when only its lead byte 0xA1 is left: punctuation's own grammar."""

from __future__ import annotations

import pytest
from test_mojibake import _repaired, _shifted

from extractor.gbk import HIGH_TRAILS, Slot
from extractor.gbk_punctuation import MISFIT_COST, PUNCTUATION_LEAD, misfit


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
