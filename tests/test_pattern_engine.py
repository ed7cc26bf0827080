"""Patterns moved to `re` where it reads them as `regex` does, and led by lookaheads."""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor.pattern_engine import (
    first_characters_class,
    led_by_second_characters,
    on_faster_engine,
    on_std_re,
    std_re_source,
)
from extractor.pattern_syntax import HAN, HORIZONTAL_SPACE, SPACE


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
