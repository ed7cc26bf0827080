"""The closing block (issuer, signed date) and the document type, one case per line."""

from __future__ import annotations

import pytest

from extractor.closing import document_type, find_closing
from extractor.rules import load_rules
from extractor.views import matching_view

RULES = load_rules()
BODY = "正文第一段。\n二、下一步打算\n继续努力。\n"


def closing(text: str):
    return find_closing(text, matching_view(text), RULES.issuer_suffixes)


def read(text: str):
    found = closing(text)
    date = found.date
    when = None if date is None else (date.year, date.month, date.day, date.year_masked)
    return found.issuer, when


CASES = [
    # one line: unit and date run together, a Chinese date with an ASCII zero
    ("畢節地區審計局二0一一年十二月九日", ("畢節地區審計局", (2011, 12, 9, False))),
    # two lines
    ("\n溪源县审计局\n2019年12月20日\n", ("溪源县审计局", (2019, 12, 20, False))),
    ("\n白岩镇人民政府二〇二〇年一月八日", ("白岩镇人民政府", (2020, 1, 8, False))),
    ("\n清河縣財政局\n二0一八年十二月二十八日", ("清河縣財政局", (2018, 12, 28, False))),
    # two units sign: the first is the issuer
    (
        "\n寧遠縣外事僑務辦公室\n寧遠縣教育局\n2019年11月18日",
        ("寧遠縣外事僑務辦公室", (2019, 11, 18, False)),
    ),
    # a person signs: no issuer, the date stands
    ("\n述职人：欧阳振华\n2019年1月15日", (None, (2019, 1, 15, False))),
    ("\n县实验小学支教教师：邓雨萱\n2019年7月10日", (None, (2019, 7, 10, False))),
    ("\n邓雨萱\n2019年7月10日", (None, (2019, 7, 10, False))),
    # placeholders are never an issuer
    ("\n中共某某乡委员会\n某某乡人民政府\n2020年2月20日", (None, (2020, 2, 20, False))),
    ("\nXX镇人民政府\n2021年1月18日", (None, (2021, 1, 18, False))),
    # month only; masked year; numeric form; full-width digits
    (
        "\n县政协农业和农村委员会调研组\n2019年7月",
        ("县政协农业和农村委员会调研组", (2019, 7, None, False)),
    ),
    ("\n龙溪县总工会\n201*年12月30日", ("龙溪县总工会", (None, 12, 30, True))),
    ("\n某县审计局\n2019.12.9", (None, (2019, 12, 9, False))),
    ("\n嘉禾县审计局\n２０１９年１２月３０日", ("嘉禾县审计局", (2019, 12, 30, False))),
    # no closing
    ("对县本级预算执行情况进行了审计，涉及金额6,250万元。", (None, None)),
    ("会议定于2019年12月9日", (None, None)),
    ("", (None, None)),
]


@pytest.mark.parametrize(("tail", "expected"), CASES)
def test_closing(tail, expected):
    assert read(BODY + tail) == expected


def test_a_lost_zero_is_read_as_the_one_plausible_year_and_noted():
    found = closing(BODY + "黔江區人民小學校二一一年七月八日")
    assert found.issuer == "黔江區人民小學校"
    assert (found.date.year, found.date.month, found.date.day) == (2011, 7, 8)
    assert found.notes and "二一一年七月八日" in found.notes[0] and "2011" in found.notes[0]


def test_an_ambiguous_year_is_left_empty_and_noted():
    found = closing(BODY + "某某局\n二〇一年七月八日")
    assert found.date.year is None and found.date.month == 7
    assert "cannot be read" in found.notes[0]


def test_spans_point_at_the_text():
    text = BODY + "\n溪源县审计局\n2019年12月20日\n"
    found = closing(text)
    assert text[found.date.start : found.date.end] == "2019年12月20日"
    start, end = found.issuer_span
    assert text[start:end] == "溪源县审计局"
    assert found.start == start
    one_line = BODY + "白岩镇人民政府二〇二〇年一月八日"
    assert closing(one_line).start == one_line.index("白岩镇")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("畢節地區審計局201*年度開展集團幫扶工作總結", "总结"),
        ("驻村第一书记2019年度述职报告", "述职报告"),
        ("关于全县义务教育控辍保学工作情况的调研报告", "调研报告"),
        ("桃花坪村村民委员会2018年工作总结及2019年工作打算", "总结"),
        ("白岩镇人民政府关于2020年脱贫攻坚工作计划", "计划"),
        ("在全县脱贫攻坚推进会上的讲话", "讲话"),
        ("关于做好2020年春节期间走访慰问工作的通知", "通知"),
        ("关于2019年度财政专项扶贫资金管理使用情况的报告", "报告"),
        ("2019年下半年工作安排", "安排"),
        ("某某村简介", None),
        (None, None),
    ],
)
def test_document_type(title, kind):
    view = matching_view(title) if title else None
    assert document_type(view, RULES.document_types, RULES.secondary_document_types) == kind
