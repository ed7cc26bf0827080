from __future__ import annotations

import re
from pathlib import Path

import regex
from hypothesis import example, given
from hypothesis import strategies as st

from extractor.date_rules import load_date_words
from extractor.pattern_syntax import (
    HAN,
    SPACE,
    inline_definitions,
    may_match,
    required_words,
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
