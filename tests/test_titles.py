"""Titles: the first short line, or two lines when a title was broken after the issuing unit."""

from __future__ import annotations

import pytest

from extractor.rules import load_rules
from extractor.titles import detect_title

TYPES = load_rules().document_types


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("某县审计局2019年工作总结\n一、基本情况", "某县审计局2019年工作总结"),
        (
            "某縣人民小學校\n實施城鄉互動幫扶工作總結\n(201*年春)\n正文。",
            "某縣人民小學校實施城鄉互動幫扶工作總結",
        ),
        ("  村委会2020年工作计划  \n全年目标。", "村委会2020年工作计划"),
        ("关于全县控辍保学工作的调研报告\n为了解情况。", "关于全县控辍保学工作的调研报告"),
        ("个人述职报告\n各位领导：", "个人述职报告"),
        (
            "桃花坪村村民委员会\n2018年工作总结及2019年工作打算\n\n2018年，在镇党委的领导下。",
            "桃花坪村村民委员会2018年工作总结及2019年工作打算",
        ),
    ],
)
def test_titles(text, title):
    assert detect_title(text, TYPES) == title


@pytest.mark.parametrize(
    "text",
    [
        "一、基本情况\n全年共完成审计项目12个。",
        "全年共完成审计项目12个，查出违规金额35万元。\n二、做法",
        "(一)加强领导",
        "",
    ],
)
def test_no_title_when_the_first_line_is_body_or_heading(text):
    assert detect_title(text, TYPES) is None


def test_a_second_line_that_is_not_a_title_is_not_joined():
    text = "某乡扶贫办\n2019年12月20日\n"
    assert detect_title(text, TYPES) == "某乡扶贫办"
