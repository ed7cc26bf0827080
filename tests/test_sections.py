"""The section tree: marker grammar, what is and is not a heading, nesting, flags, round trips."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.marker_sources import alternation, grammar_source
from extractor.markers import _matches, chinese_number, compile_grammar
from extractor.rules import load_rules
from extractor.section_tree import SectionPaths, to_sections
from extractor.sections import parse_sections, section_path_at
from extractor.views import matching_view

RULES = load_rules()
GRAMMAR = compile_grammar(RULES.section_styles)


def parse(text: str):
    return parse_sections(text, matching_view(text), GRAMMAR)


def flat(text: str) -> list[tuple[int, str, str, str]]:
    """(level, kind, marker, title) of every section, in text order."""
    out = []

    def walk(nodes):
        for node in nodes:
            marker = text[node.start : node.marker_end]
            out.append((node.level, node.kind, marker, text[node.title_start : node.title_end]))
            walk(node.children)

    walk(parse(text))
    return out


def markers(text: str) -> list[str]:
    return [marker for _, _, marker, _ in flat(text)]


# ---- the grammar's own examples -----------------------------------------------------------


@pytest.mark.parametrize("rule", RULES.section_styles, ids=lambda rule: rule.id)
def test_section_rule_examples(rule):
    pattern = compile_grammar([rule]).pattern
    assert rule.examples, "every rule needs at least one example"
    for text, marker in rule.examples:
        found = pattern.match(matching_view(text))
        assert found, text
        assert text[found.start() : found.end()].rstrip() == marker.rstrip(), text
    for text in rule.counter_examples:
        assert not pattern.match(matching_view(text)), text


MARKER_ALPHABET = "一二三四五六七八九十百第章条节部分是首先其次最后0123456789.、()①⑴ ,。:\n工学"


def test_the_grammar_runs_on_re():
    assert isinstance(GRAMMAR.pattern, re.Pattern)


@given(st.text(alphabet=MARKER_ALPHABET, max_size=40))
def test_the_grammar_on_re_finds_what_regex_finds(text):
    """The grammar runs on `re` (``std_re_source``): the same markers, each by the same style."""
    reference = regex.compile(grammar_source(RULES.section_styles), regex.MULTILINE)
    assert [(m.span(), m.lastindex) for m in GRAMMAR.pattern.finditer(text)] == [
        (m.span(), m.lastindex) for m in reference.finditer(text)
    ]


@given(st.text(alphabet=MARKER_ALPHABET + "a.(3", max_size=40))
def test_the_grammars_lookaheads_skip_only_where_no_marker_starts(text):
    """The lookaheads before the branches (the opening class, the lookbehinds of the styles
    that have one) leave out no marker that the branches alone find."""
    branches = regex.compile(alternation(RULES.section_styles), regex.MULTILINE)
    assert [(m.span(), m.lastindex) for m in GRAMMAR.pattern.finditer(text)] == [
        (m.span(), m.lastindex) for m in branches.finditer(text)
    ]


@given(st.text(alphabet=MARKER_ALPHABET + "a.(3\U00020000", max_size=40))
def test_the_grammar_tried_where_a_marker_may_start_finds_what_finditer_finds(text):
    """The compiled build's scan (``_matches``: the grammar tried at the characters of its
    opening class only) finds the markers ``finditer`` finds, beyond the BMP too."""
    assert [(m.span(), m.lastindex) for m in _matches(text, GRAMMAR)] == [
        (m.span(), m.lastindex) for m in GRAMMAR.pattern.finditer(text)
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十八", 28), ("九十九", 99),
     ("一百零五", 105), ("3", 3), ("〇", 0), ("甲", None)],
)  # fmt: skip
def test_chinese_numbers(numeral, value):
    assert chinese_number(numeral) == value


# ---- headings found, one case per line ----------------------------------------------------

CASES = [
    # GB/T ladder, one per line
    (
        "一、基本情况\n（一）组织\n1.领导小组\n（1）组长\n①成员\n",
        ["一、", "（一）", "1.", "（1）", "①"],
    ),
    # variants of each level
    (
        "一.总体\n(二)、做法\n1、目标\n2．任务\n⑴甲\n1)乙\n",
        ["一.", "(二)、", "1、", "2．", "⑴", "1)"],
    ),
    # chapters and articles
    (
        "第一章  总则\n第一条  为了。\n第二条 适用。\n第二章 组织\n第三条 成立。",
        ["第一章", "第一条", "第二条", "第二章", "第三条"],
    ),
    ("第一部分 回顾\n第一节 情况\n", ["第一部分", "第一节"]),
    # decimal outline: 1. is its top
    (
        "1. 目标\n1.1 覆盖率。\n1.2 质量\n2. 措施\n2.1 团队\n2.1.1 组建\n",
        ["1.", "1.1", "1.2", "2.", "2.1", "2.1.1"],
    ),
    ("1 基本情况\n1.1 自然条件\n2 做法\n", ["1", "1.1", "2"]),
    # inline after a sentence end, and chains that lost their newlines
    ("措施：（1）摸底；（2）分层；（3）合作。", ["（1）", "（2）", "（3）"]),
    (
        "总结如下:一、指导思想。(一)高度重视。1.成立小组。2.明确责任。(二)落实。二、成效。",
        ["一、", "(一)", "1.", "2.", "(二)", "二、"],
    ),
    ("(1)校长负责协调。(2)副校长负责鹅池。", ["(1)", "(2)"]),
    ("三件事：⑴水果。⑵养殖；⑶劳务。", ["⑴", "⑵", "⑶"]),
    # items
    ("存在的不足：一是人员少，任务重；二是设施差；三是参与低。", ["一是", "二是", "三是"]),
    ("首先，做大合作社。其次，改善环境。最后，维护稳定。", ["首先", "其次", "最后"]),
    ("第一，建设加快推进。\n第二，住房扎实有序。\n", ["第一", "第二"]),
    # a number lost between a table and the next item, proved by its neighbours
    ("1.管理明显。\n2.质量提升。\n名次3.校本教研。\n4.凝聚力。\n", ["1.", "2.", "3.", "4."]),
    # lost newlines: a run may jump ahead inline when the next of its family follows on
    ("一、领导。二、重点。做好帮扶。四、不足。五、打算。", ["一、", "二、", "四、", "五、"]),
    # lost newlines: sequence words glued to a heading title, articles glued to a chapter title
    (
        "二、教学方面首先，认真备课。其次，加强教研。最后，关注学困生。",
        ["二、", "首先", "其次", "最后"],
    ),
    (
        "第一章总则第一条为了。第二条适用。第二章组织第三条成立。第四条施行。",
        ["第一章", "第一条", "第二条", "第二章", "第三条", "第四条"],
    ),
    # an item glued to a heading, continuing the run of the previous heading
    (
        "三、措施\n一是完善。二是公开。三是监管。\n四、问题四是强化绩效。五是建库。\n",
        ["三、", "一是", "二是", "三是", "四、", "四是", "五是"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_headings_found(text, expected):
    assert markers(text) == expected


# ---- numbers that are not headings --------------------------------------------------------

NOT_HEADINGS = [
    "全年投入1.5万元，增长3.14%。",
    "201*年，全村脱贫。",
    "协助制定了《村级扶贫开发规划(201*-201*年)》。",
    "见第1页。面积12.06万亩。",
    "安排在五年级(2)班任教。",
    "一、二年级学生共120人。",
    "会议于2019.12.9召开，“4.14”会议精神。",
    "共计280.31239.366222.624227.646分，2/348/34名。",
    "驻村第一书记和第一季度。",
    "首先要看到成绩。最后一次检查。",
    "统一是前提。",
    "1、2月份完成。",
    "版本V3.15发布。",
    "这是(3)号文件。",
    "我们首先要做好。其次是落实。",
    "根据第三条规定办理。",
    "共五、六人参加。增长3.5万元。",
]


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_numbers_that_are_not_headings(text):
    assert markers(text) == []


def test_a_lone_inline_number_needs_a_plausible_sequence():
    assert markers("一、概况\n全县共有。3.其他情况如下。") == ["一、"]
    assert markers("一、概况\n全县共有。1.其他情况如下。") == ["一、", "1."]


# ---- titles -------------------------------------------------------------------------------


def test_titles_follow_the_annotation_convention():
    text = (
        "1.帮扶领导小组组长:李长毅副组长:冉光胜\n"
        "（一）加强组织领导，压实帮扶责任。年初召开会议。\n"
        "一是加强组织领导，落实工作责任。二是深入调研；三是协调。\n"
        "第一章  总则\n"
        "四、存在的问题四是强化绩效。五是建库。\n"
    )
    assert [title for *_, title in flat(text)] == [
        "帮扶领导小组组长",
        "加强组织领导，压实帮扶责任",
        "加强组织领导",
        "深入调研",
        "协调",
        "总则",
        "存在的问题",
        "强化绩效",
        "建库",
    ]


# ---- levels, nesting and flags ------------------------------------------------------------


def tree(text: str):
    def shape(nodes):
        return [(text[n.start : n.marker_end], shape(n.children)) for n in nodes]

    return shape(parse(text))


def test_items_sit_one_level_below_their_heading():
    text = "一、情况\n（一）学习\n一是制度；二是方式。\n二、不足\n一是少。"
    assert [(level, kind) for level, kind, *_ in flat(text)] == [
        (1, "heading"), (2, "heading"), (3, "item"), (3, "item"), (1, "heading"), (2, "item"),
    ]  # fmt: skip


def test_a_level_may_be_skipped_and_comes_back_under_the_same_kind_of_parent():
    text = "一、甲\n1、子\n2、丑\n二、乙\n（一）寅\n1、卯\n三、丙\n1、辰\n"
    assert tree(text) == [
        ("一、", [("1、", []), ("2、", [])]),
        ("二、", [("（一）", [("1、", [])])]),
        ("三、", [("1、", [])]),
    ]


def test_a_new_higher_style_closes_deeper_headings():
    text = "（一）甲\n1.子\n二、乙\n（一）丙\n"
    assert tree(text) == [("（一）", [("1.", [])]), ("二、", [("（一）", [])])]


def test_irregular_numbering_is_kept_and_flagged():
    text = "一、甲\n1.a\n5.b\n5.c\n四、乙\n三、丙\n五、丁\n一、戊\n"
    assert [n.flags for n in _walk(parse(text))] == [
        [], [], ["jump"], ["repeated"], ["jump"], ["out_of_order"], ["jump"], ["restart"],
    ]  # fmt: skip


def test_articles_run_on_across_chapters():
    text = "第一章 总则\n第一条 甲。\n第二章 组织\n第二条 乙。\n第二条 丙。\n"
    assert [n.flags for n in _walk(parse(text))] == [[], [], [], [], ["repeated"]]


def test_a_run_that_starts_late_is_flagged_as_a_jump():
    assert [n.flags for n in _walk(parse("二、做法\n（一）甲\n（四）乙\n"))] == [
        ["jump"], [], ["jump"],
    ]  # fmt: skip


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def test_section_path_at():
    text = "前言。\n一、甲\n正文。\n（一）乙\n正文。\n二、丙\n正文。"
    nodes = parse(text)
    assert section_path_at(nodes, 0) == []
    assert section_path_at(nodes, text.index("一、") + 3) == [0]
    assert section_path_at(nodes, text.index("（一）") + 4) == [0, 0]
    assert section_path_at(nodes, text.index("二、")) == [1]
    assert section_path_at(nodes, len(text) - 1) == [1]


# ---- round trips: any tree, rendered in any mix of the styles, parses back -----------------

# Families in GB/T order, each with the ways scraped pages write it (number → marker).
HEADING_FAMILIES = [
    (20, 1, [lambda n: f"第{_cn(n)}章 "]),
    (40, 1, [lambda n: f"第{_cn(n)}条 "]),
    (50, 1, [lambda n: f"{_cn(n)}、", lambda n: f"{_cn(n)}．", lambda n: f"{_cn(n)}."]),
    (60, 2, [lambda n: f"（{_cn(n)}）", lambda n: f"({_cn(n)})"]),
    (70, 3, [lambda n: f"{n}.", lambda n: f"{n}、", lambda n: f"{n}．"]),
    (80, 4, [lambda n: f"（{n}）", lambda n: f"({n})"]),
    (90, 5, [lambda n: chr(0x2460 + n - 1)]),
    (90, 5, [lambda n: chr(0x2474 + n - 1)]),
    (90, 5, [lambda n: f"{n}）", lambda n: f"{n})"]),
]
ITEM_FAMILIES = [
    lambda n, last: f"{_cn(n)}是",
    lambda n, last: f"第{_cn(n)}，",
    lambda n, last: "最后，" if last and n > 1 else ["首先，", "其次，", "再次，"][n - 1],
]
WORDS = "工作情况组织领导加强落实推进建设发展服务管理质量资金项目群众教育卫生产业"


def _cn(n: int) -> str:
    digits = "一二三四五六七八九"
    if n < 10:
        return digits[n - 1]
    return "十" + (digits[n - 11] if n > 10 else "")


@st.composite
def outlines(draw):
    """A tree, a family per depth (GB/T order), a marker variant and a layout per node."""
    depth = draw(st.integers(1, 4))
    families = sorted(
        draw(st.lists(st.sampled_from(HEADING_FAMILIES), min_size=depth, max_size=depth,
                      unique_by=lambda family: family[0])),
        key=lambda family: family[0],
    )  # fmt: skip
    item_family = draw(st.sampled_from(ITEM_FAMILIES))
    title = st.text(WORDS, min_size=1, max_size=8)

    def grow(level: int) -> list[dict]:
        items = level == depth
        count = draw(st.integers(1, 4 if items else 3))
        nodes = []
        for n in range(1, count + 1):
            if items:
                node = {"marker": item_family(n, n == count), "kind": "item", "children": []}
            else:
                _, lvl, variants = families[level]
                marker = draw(st.sampled_from(variants))(n)
                children = grow(level + 1) if draw(st.booleans()) else []
                node = {"marker": marker, "kind": "heading", "level": lvl, "children": children}
            node["title"] = draw(title)
            node["inline"] = draw(st.booleans())
            node["body"] = draw(st.text(WORDS, max_size=12))
            nodes.append(node)
        return nodes

    return grow(0)


def render(nodes: list[dict]) -> str:
    parts = ["某县工作总结\n"]

    def emit(nodes):
        for node in nodes:
            if not node["inline"] and not parts[-1].endswith("\n"):
                parts.append("\n")
            end = "，" if node["kind"] == "item" else "。"
            body = node["body"] + "。" if node["body"] else ""
            parts.append(node["marker"] + node["title"] + end + body)
            if node["kind"] == "item" and not body:
                parts.append("。")
            emit(node["children"])

    emit(nodes)
    return "".join(parts)


def expected_shape(nodes: list[dict], parent_level: int = 0) -> list:
    shape = []
    for node in nodes:
        level = parent_level + 1 if node["kind"] == "item" else node["level"]
        marker = node["marker"].rstrip("，").rstrip()
        shape.append((level, node["kind"], marker, node["title"],
                      expected_shape(node["children"], level)))  # fmt: skip
    return shape


def parsed_shape(text: str, nodes) -> list:
    return [
        (n.level, n.kind, text[n.start : n.marker_end], text[n.title_start : n.title_end],
         parsed_shape(text, n.children))
        for n in nodes
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(outlines())
def test_any_outline_parses_back_to_the_same_tree(nodes):
    text = render(nodes)
    assert parsed_shape(text, parse(text)) == expected_shape(nodes), text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=4).flatmap(
        lambda shape: st.tuples(st.just(shape), st.lists(st.text(WORDS, min_size=1, max_size=6),
                                                         min_size=20, max_size=20))
    )
)  # fmt: skip
def test_decimal_outlines_parse_back(case):
    shape, words = case
    lines, expected, word = [], [], iter(words)
    for top, children in enumerate(shape, start=1):
        title = next(word)
        lines.append(f"{top}. {title}")
        expected.append((1, f"{top}.", title))
        for child in range(1, children + 1):
            title = next(word)
            lines.append(f"{top}.{child} {title}")
            expected.append((2, f"{top}.{child}", title))
    text = "某某计划\n" + "\n".join(lines) + "\n"
    assert [(lvl, marker, title) for lvl, _, marker, title in flat(text)] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="一二三四五六七八九十0123456789.、,。;:()（）①⑴第章条是首先其次最后，\n 万元年"
        + WORDS,
        max_size=200,
    )
)
def test_any_text_gives_a_well_formed_tree(text):
    nodes = parse(text)
    for earlier, later in pairwise(nodes):
        assert earlier.end <= later.start
    for node in _walk(nodes):
        assert 0 <= node.start < node.marker_end <= node.title_start <= node.title_end <= len(text)
        assert node.start <= node.end <= len(text)
        for child in node.children:
            assert node.start < child.start and child.end <= node.end
        for earlier, later in pairwise(node.children):
            assert earlier.end <= later.start


def _same_paths(text: str, nodes) -> None:
    sections = to_sections(text, nodes, lambda start, end: (start, end))
    paths = SectionPaths(sections)
    for offset in range(-1, len(text) + 2):
        assert paths.at(offset) == section_path_at(sections, offset), (text, offset)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="一二三四五六七八九十0123456789.、,。;:()（）①⑴第章条是首先其次最后，\n 年",
        max_size=200,
    )
)
def test_section_paths_give_section_path_at_on_any_text(text):
    _same_paths(text, parse(text))


@settings(max_examples=100, deadline=None)
@given(outlines())
def test_section_paths_give_section_path_at_on_any_outline(nodes):
    text = render(nodes)
    _same_paths(text, parse(text))


# ---- speed --------------------------------------------------------------------------------
