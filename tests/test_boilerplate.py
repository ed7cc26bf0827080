"""Document boundaries and furniture removal on made-up pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import extractor
from extractor.boilerplate import Lines, line_anchored, rule_matches, shift_positions
from extractor.offsets import Splice
from extractor.rules import BoilerplateRule, load_rules
from extractor.segment import cut, tidy
from extractor.views import matching_view

BODY_ONE = "甲村2019年扶贫工作总结\n全年脱贫12户。"
BODY_TWO = "乙村2020年扶贫工作计划\n计划脱贫8户。"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (f"{BODY_ONE}\n扩展阅读:乙村计划\n{BODY_TWO}", [BODY_ONE, BODY_TWO]),
        (f"【篇一】{BODY_ONE}\n【篇二】{BODY_TWO}", [BODY_ONE, BODY_TWO]),
        (f"篇一:{BODY_ONE}\n篇二:{BODY_TWO}", [BODY_ONE, BODY_TWO]),
        (f"第1篇 {BODY_ONE}\n第2篇 {BODY_TWO}", [BODY_ONE, BODY_TWO]),
        (
            "甲村2019年扶贫工作总结篇1\n全年脱贫12户。\n乙村2020年扶贫工作计划篇2\n计划脱贫8户。",
            [BODY_ONE, BODY_TWO],
        ),
        (
            f"扶贫工作总结范文（精选2篇）\n【篇一】{BODY_ONE}\n【篇二】{BODY_TWO}\n相关推荐\n丙村总结\n丁村计划",
            [BODY_ONE, BODY_TWO],
        ),
    ],
)
def test_multi_document_pages_split(page, expected):
    documents = extractor.extract(page)
    assert [d.text for d in documents] == expected
    assert [d.index for d in documents] == list(range(len(expected)))


def test_only_furniture_is_a_clear_error():
    with pytest.raises(extractor.ExtractionError, match="furniture"):
        extractor.extract(
            "来源:网络整理 免责声明:本文仅限学习分享,如产生版权问题,请联系我们及时删除。"
        )


def test_drop_rest_stops_at_the_next_document():
    page = f"{BODY_ONE}\n相关推荐\n丙村总结\n【篇二】{BODY_TWO}"
    assert [d.text for d in extractor.extract(page)] == [BODY_ONE, BODY_TWO]


def test_positions_shift_through_removals():
    splices = [Splice(2, 5, "", "boilerplate"), Splice(8, 8, "XY", "html")]
    # an insertion at a position goes before it
    assert shift_positions([0, 2, 3, 5, 8, 9], splices) == [0, 2, 2, 2, 7, 8]


def test_tidy_trims_edges_and_drops_a_repeated_title():
    text = "\n\n标题\n标题\n正文。\n\n"
    spans = cut(len(text), [])
    editable_text = text
    for splice in sorted(tidy(text, spans), key=lambda s: s.start, reverse=True):
        editable_text = (
            editable_text[: splice.start] + splice.replacement + editable_text[splice.end :]
        )
    assert editable_text == "标题\n正文。"


@pytest.mark.parametrize("line", ["2019-12-09", "2023-09-15 03:30:45", "首页 > 工作总结"])
def test_a_lone_line_that_looks_like_page_furniture_is_kept_when_it_is_all_there_is(line):
    (document,) = extractor.extract(line)
    assert document.text == line


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"^\h*来源", True),
        (r"(?x) (?(DEFINE)(?P<w> a | b )) ^ (?&w) # a comment | with a bar (\n c", True),
        (r"^a|b", False),
        (r"(?:^a|b)", False),
        (r"^[|(]a", True),
        (r"\ha$", False),
        (r"(?<=\S)\h*【", False),
        (r"a^", False),
    ],
)
def test_line_anchored_patterns_are_recognised(pattern, anchored):
    assert line_anchored(pattern) is anchored


def test_line_by_line_scanning_finds_what_a_full_scan_finds():
    cases = Path(__file__).parent / "cases" / "furniture"
    views = [matching_view(path.read_text(encoding="utf-8")) for path in cases.glob("*.txt")]
    views.append("\n\n".join(views))
    for rule in load_rules().boilerplate:
        for view in views:
            expected = [m.span() for m in rule.compiled.finditer(view)]
            found = rule_matches(rule.compiled, Lines(view), rule.line_words, rule.repeats_above)
            assert [m.span() for m in found] == expected, rule.id


SHIPPED = load_rules().boilerplate
# a made-up user rule: gated by its line words, in the regex dialect (\h, \p{Han}, (?i:…))
USER_RULE = BoilerplateRule(
    id="user.stamp",
    action="drop_line",
    description="a made-up user stamp",
    examples=["仅供参考", "【Word 版】"],
    line_words=("仅供", "word"),
    pattern=r"^\h*[【\[]?\h*(?:仅供\p{Han}{2}|(?i:word)\h*版)\h*[】\]]?\h*$",
)
RULES = (*SHIPPED, USER_RULE)
# lines of furniture and of ordinary text, and pieces of them, glued into made-up pages
PIECES = [line for rule in RULES for line in (*rule.examples, *rule.counter_examples)]
PIECES += [" ", "\r", "【", "】", "-", "·", "WORD", "Thanks", "VIP文档", "精品", "全年脱贫12户。"]
# spaces a page rarely holds, a clock time, and digits of another script
PIECES += ["\xa0", "\u2009", "\t", "大\u2003中", "小\xa0", "09:30", "٢٠٢١-٠١-١٢ ٠٩:٣٠"]
LINES = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join)


@settings(deadline=None)  # speed is the benchmarks' to measure: a loaded machine takes 0.4 s
@given(st.lists(LINES, max_size=8).map("\n".join))
@example("\n".join(PIECES))
@example("\n".join(USER_RULE.examples))
def test_each_rule_gated_by_its_line_words_finds_what_a_full_scan_finds(page):
    view = matching_view(page)
    for rule in RULES:
        expected = [m.span() for m in rule.compiled.finditer(view)]
        found = rule_matches(rule.compiled, Lines(view), rule.line_words, rule.repeats_above)
        assert [m.span() for m in found] == expected, rule.id


def test_lines_repeating_one_above_hold_its_text_again():
    lines = Lines("县文化馆工作总结_某网\n时间:2021\n\n  县文化馆工作总结 \r\n其他\n时间:2021")
    assert lines.repeating(4) == [3, 5]  # a blank line repeats nothing
    assert lines.repeating(2) == []


def test_lines_repeating_need_the_text_to_open_a_line_above():
    assert Lines("来源:县文化馆工作总结\n时间\n县文化馆工作总结").repeating(4) == []
    assert Lines("\u3000县文化馆工作总结_某网\n时间\n县文化馆工作总结").repeating(4) == [2]


@given(st.text(alphabet="网站文库范本站ab.Com-\n ", max_size=60))
def test_lines_index_of_words_is_what_seeking_each_word_finds(view):
    words = ("网", "网站", "本站", "文库", ".com", "com", "-", "b")
    indexed, sought = Lines(view, words), Lines(view)
    for word in words:
        assert indexed.holding([word]) == sought.holding([word]), word
    assert indexed.holding(words) == sought.holding(words)
    assert indexed.holding(["站"]) == sought.holding(["站"])  # not indexed: sought


@given(st.text(alphabet="甲a\n", max_size=30))
def test_lines_start_at_the_view_start_and_after_each_newline(view):
    assert Lines(view).starts == [0] + [at + 1 for at, char in enumerate(view) if char == "\n"]


INDEXED = ("网", "网站", "本站", "-", "站本", "a")


@given(st.lists(st.text(alphabet="网站本-\n ", max_size=40), min_size=1, max_size=3))
def test_lines_holding_indexed_words_are_the_lines_a_search_finds(texts):
    words = ("网", "网站", "本站", "-", "站本")
    for view in texts:
        indexed = Lines(view, words)
        expected = sorted({line for line, text in enumerate(view.split("\n")) if "站" in text})
        assert indexed.holding(["站"]) == expected  # not indexed: sought
        for word in words:
            lines = [line for line, text in enumerate(view.split("\n")) if word in text]
            assert indexed.holding([word]) == lines, word


@given(st.text(alphabet="网站本-a\n ", max_size=40), st.sets(st.sampled_from(INDEXED)))
def test_lines_holding_indexed_words_looks_up_the_words_found(view, words):
    lines = Lines(view, INDEXED)
    assert lines.holding_indexed(frozenset(words)) == lines.holding(sorted(words))


def test_lines_holding_words_ignore_ascii_case():
    lines = Lines("甲\n本文地址: WWW.x\n乙\nwww")
    assert lines.holding(["www"]) == [1, 3]
    assert lines.holding(["地址", "乙"]) == [1, 2]
    assert lines.holding(["丙"]) == []


# letters whose case other than ASCII is left alone (İ lowers to two characters), a lone
# surrogate, and the words' own characters
@given(st.text(alphabet="Vip\u0130i\u212aK\ud800网站\n ", max_size=40))
def test_lines_holding_words_are_the_lines_holding_them_with_ascii_letters_lowered(view):
    words = ("vip", "i", "k", "网站", "站")
    indexed, sought = Lines(view, words), Lines(view)
    ascii_lowered = view.translate({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
    for word in words:
        expected = [n for n, text in enumerate(ascii_lowered.split("\n")) if word in text]
        assert indexed.holding([word]) == sought.holding([word]) == expected, word
