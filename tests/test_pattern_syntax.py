from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from extractor.date_rules import load_date_words
from extractor.pattern_syntax import (
    HAN,
    HORIZONTAL_SPACE,
    SPACE,
    first_characters_class,
    inline_definitions,
    led_by_second_characters,
    may_match,
    on_faster_engine,
    on_std_re,
    required_words,
    std_re_source,
)
from extractor.rules import load_rules
from extractor.views import matching_view

CASES = Path(__file__).parent / "cases" / "furniture"


def test_calls_are_written_out_in_place():
    pattern = "(?x)\n(?(DEFINE)\n  (?P<a> 甲 | 乙 )  # words\n  (?P<b> (?&a)丙 )\n)\n^(?&b)+$"
    written = inline_definitions(pattern)
    assert "(?&" not in written and "DEFINE" not in written
    for text in ("甲丙乙丙", "丙", "甲乙丙", "乙丙\n甲丙"):
        expected = [m.span() for m in regex.finditer(pattern, text, regex.MULTILINE)]
        assert [m.span() for m in regex.finditer(written, text, regex.MULTILINE)] == expected


def test_patterns_it_cannot_write_out_plainly_are_kept():
    recursive = r"(?(DEFINE)(?P<p>\((?&p)?\)))^(?&p)$"
    capturing = r"(?(DEFINE)(?P<w>甲|乙))((?&w))\1"
    for pattern in (recursive, capturing, "^plain$"):
        assert inline_definitions(pattern) == pattern


def test_written_out_rules_match_what_the_files_say():
    texts = [matching_view(path.read_text(encoding="utf-8")) for path in CASES.glob("*.txt")]
    defining = [rule for rule in load_rules().boilerplate if "(?(DEFINE)" in rule.pattern]
    assert defining
    for rule in defining:
        as_written = regex.compile(rule.pattern, regex.MULTILINE)
        assert rule.compiled.pattern != rule.pattern, rule.id
        lines = [*rule.examples, *rule.counter_examples, *texts]
        for text in (matching_view(line) for line in lines):
            expected = [m.span() for m in as_written.finditer(text)]
            assert [m.span() for m in rule.compiled.finditer(text)] == expected, rule.id


# ---- required words: a literal gate before a full scan ----------------------------------------


def test_required_words_are_what_every_branch_cannot_do_without():
    assert required_words("[上下]半年") == ("半年",)
    assert required_words("第?[一二三四1-4]季度") == ("季度",)
    assert required_words("(?:今年|去年)(?:底|初)?|近[两三]年") == ("今年", "去年", "近")
    assert required_words("(?x) (?: 春 节 | 元旦 ) # 节日") == ("春节", "元旦")
    assert required_words("甲{2,3}乙丙") == ("乙丙",)
    assert required_words("端午节?") == ("端午",)


def test_no_required_words_where_literals_may_match_other_text_or_none():
    for pattern in (
        r"\p{Han}年?",  # the escape's braces are no literal
        r"\x41bc|d",
        r"a|\d",
        "(?i)abc",  # case folded
        "(?i:ab)|cd",
        "(?mx) ab",  # verbose, but not read as such
        "a(?x)b c",
        "(?:甲|乙){0,2}",
        "(甲)|乙",
    ):
        assert required_words(pattern) is None, pattern


# made-up patterns of literal characters, optional ones, classes, groups and alternations
ATOMS = st.sampled_from(["甲", "乙", "丙", "a", "A", "[甲乙]", r"\d", ".", "(?<=甲)", "(?!乙)"])
QUANTIFIED = st.tuples(ATOMS, st.sampled_from(["", "", "?", "*", "+", "{0,2}", "{1,2}"])).map(
    "".join
)
BRANCH = st.lists(QUANTIFIED, min_size=1, max_size=4).map("".join)
GROUP = st.lists(BRANCH, min_size=1, max_size=3).map(lambda b: "(?:" + "|".join(b) + ")")
PATTERN = st.lists(st.one_of(BRANCH, GROUP, GROUP.map(lambda g: g + "?")), min_size=1, max_size=3)


@given(
    st.lists(PATTERN.map("".join), min_size=1, max_size=3).map("|".join),
    st.text(alphabet="甲乙丙aA1 \n", max_size=12),
)
@example("(?:今年|本年(?![级纪]))(?:同期|底)?", "本年底")
def test_a_pattern_never_matches_text_without_one_of_its_required_words(pattern, text):
    if regex.search(pattern, text, regex.MULTILINE):
        assert may_match(pattern, text), (pattern, required_words(pattern))


def test_shipped_period_words_and_residue_rules_are_gated_soundly():
    rules = [*load_date_words(), *load_rules().residue]
    assert required_words(rules[0].compiled.pattern) is not None  # the gate is in use
    texts = [t for rule in rules for t in (*rule.examples, *rule.counter_examples)]
    texts = [text if isinstance(text, str) else text[0] for text in texts]  # residue: (in, out)
    for rule in rules:
        for text in (*texts, "\n".join(texts)):
            view = matching_view(text)
            if rule.compiled.search(view):
                assert may_match(rule.compiled.pattern, view), (rule.id, text)


def test_han_is_regexs():
    """`re` lacks `regex`'s \\p{Han}: the class spelled out holds the same characters."""
    import sys

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert regex.findall(r"\p{Han}", every) == re.findall(HAN, every)


def test_space_is_regexs():
    """`re`'s \\s also holds \\x1c-\\x1f: the class spelled out holds `regex`'s \\s alone."""
    import sys

    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert regex.findall(r"\s", every) == re.findall(SPACE, every)


def test_std_re_source_spells_out_h_s_and_han_in_and_out_of_classes():
    source = std_re_source(r"\d\h+[\p{Han}\h\.]\(\s?[^\s]")
    assert source == (
        rf"\d{HORIZONTAL_SPACE}+[{HAN[1:-1]}{HORIZONTAL_SPACE[1:-1]}\.]\({SPACE}?[^{SPACE[1:-1]}]"
    )


@pytest.mark.parametrize(
    "pattern",
    [r"\p{Latin}", r"(?i)a", r"(?<name>a)", r"[[:alpha:]]", r"\S", r"a(?|b)", r"[]a]"],
)
def test_std_re_source_refuses_what_re_reads_otherwise(pattern):
    """Syntax `re` lacks or reads otherwise keeps the pattern on `regex`."""
    assert std_re_source(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "text"),
    [(r"(?>a+)ab", "aaab"), (r"(?>\d*)名", "123名"), (r"x(?>\d+|\d+名)", "x12名")],
)
def test_atomic_groups_move_to_re_and_match_as_on_regex(pattern, text):
    """`re` has read atomic groups as `regex` does since Python 3.11: such a pattern moves."""
    assert std_re_source(pattern) == pattern
    plain = on_std_re(pattern)
    assert plain is not None
    assert [m.span() for m in plain.finditer(text)] == [
        m.span() for m in regex.finditer(pattern, text)
    ]


@pytest.mark.parametrize("pattern", [r"(?<=一|二三)元", r"(?P<a>甲)|(?P<a>乙)"])
def test_on_std_re_leaves_to_regex_what_re_refuses_to_compile(pattern):
    """A user's rule may hold syntax both read alike that only `regex` accepts."""
    assert std_re_source(pattern) is not None
    assert on_std_re(pattern) is None
    assert regex.compile(pattern)


def test_on_std_re_compiles_what_re_reads_alike():
    compiled = on_std_re(r"(?<=第)\d+\h*名")
    assert isinstance(compiled, re.Pattern)
    assert compiled.findall("第3\u3000名，第12名，共5名") == ["3\u3000名", "12名"]


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?:a|bc)?\d", r"[ab\d]"),
        (r"(?<!x)(?P<q>[^y]?)z", None),  # a negated class: any character may open
        (r"(?:ab)*(?:c|)", None),  # may match an empty string
        (r"(?=q)[\-\]^]x", r"[\-\]\^]"),
    ],
)
def test_the_first_characters_of_a_pattern(pattern, first):
    assert first_characters_class(pattern) == first


@pytest.mark.parametrize(
    ("pattern", "led"),
    [
        (r"(?P<n>(?:[一二]\d*))(?:个|名)", r"(?P<n>(?:[一二](?=[\d个名])\d*))(?:个|名)"),
        (
            "(?x)\n  [12] (?<!3.) (?: 年 | \\d月 )",
            "(?x)\n  [12](?=[年\\d]) (?<!3.) (?: 年 | \\d月 )",
        ),
        (r"每(?:个)?人", r"每(?=[个人])(?:个)?人"),
    ],
)
def test_a_pattern_is_led_by_its_second_characters_after_its_first(pattern, led):
    assert led_by_second_characters(re.compile(pattern)).pattern == led


@pytest.mark.parametrize(
    "pattern",
    [
        r"[一二]个?",  # may end after its first character
        r"[一二]+个",  # its first item repeated
        r"[一二].",  # any character may follow
        r"(?:一|二)个",  # a branch first
        r"(?i:a)b",  # a group with flags of its own
        r"(?i)ab",
        r"(?=一)一个",
    ],
)
def test_a_pattern_without_one_first_item_and_known_second_characters_is_kept(pattern):
    compiled = re.compile(pattern)
    assert led_by_second_characters(compiled) is compiled


@given(st.text(alphabet="一二三个名人每年月12 3", max_size=30))
def test_the_lookahead_for_the_second_characters_finds_what_the_pattern_finds(text):
    for pattern in (
        r"(?P<n>(?:[一二三](?<!三.)[一二三]*))(?:个|名人?)",
        r"[12](?!1)(?:\d(?P<y>年)|月)",
        r"每(?:个)?(?P<label>人|月)",
    ):
        plain = re.compile(pattern)
        led = led_by_second_characters(plain)
        assert led is not plain
        assert [(m.span(), m.groups()) for m in led.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]


@pytest.mark.parametrize(
    ("pattern", "moves"),
    [
        ("今年|去年|本年(?![级纪])", True),  # words: `re` skips to their first characters
        ('妇(?<!["”]妇)女节|春节', True),
        ("[上下]半年", False),  # one word of two characters: `regex` seeks it
        ("(?<![学\\d])年(?:初|底)", False),  # opens with a lookbehind: `re` would try each place
        ("(?i)今年|去年", False),
    ],
)
def test_on_faster_engine_moves_to_re_what_it_skips_to_and_regex_cannot_seek(pattern, moves):
    compiled = regex.compile(pattern, regex.MULTILINE)
    faster = on_faster_engine(compiled)
    assert isinstance(faster, re.Pattern) is moves
    text = "今年春节前，学年底，去年上半年“妇女节”妇女节本年级"
    assert [m.span() for m in faster.finditer(text)] == [m.span() for m in compiled.finditer(text)]
