"""The marker grammar's branches: a number's first character moved before its group."""

from __future__ import annotations

from extractor.marker_sources import _second_class
from extractor.markers import (
    _matches,
    compile_grammar,
    find_candidates,
    grammar_source,
)
from extractor.rules import SectionStyleRule


def _style(rule_id: str, pattern: str, numbering: str, **extra) -> SectionStyleRule:
    return SectionStyleRule(
        id=rule_id,
        pattern=pattern,
        description="test",
        family=rule_id,
        kind="heading",
        level=3,
        rank=50,
        numbering=numbering,
        positions=["line"],
        examples=[],
        **extra,
    )


OPENING_CLASS = _style("arabic", r"(?P<num>[0-9](?<![0-9].)[0-9]?)\.", "arabic")
ALTERNATIVES = _style("alternatives", "(?P<num>一|二)、", "cn")
REPEATED = _style("cn", "(?P<num>[一二十]{1,2}):", "cn")
RULES = (OPENING_CLASS, ALTERNATIVES, REPEATED)


def test_only_a_single_opening_character_is_moved_before_the_group():
    source = grammar_source(RULES)
    assert r"[0-9](?P<n0>(?<![0-9].)[0-9]?)\." in source
    assert "(?P<n1>一|二)、" in source  # not 一(?P<n1>|二)、, which misses 二、
    assert "(?P<n2>[一二十]{1,2}):" in source  # a repeated class stays in its group


def test_every_branch_reads_its_whole_number():
    view = "12.总体\n二、措施\n十二:要求\n"
    found = [(c.style.id, c.number) for c in find_candidates(view, compile_grammar(RULES))]
    assert found == [("arabic", (12,)), ("alternatives", (2,)), ("cn", (12,))]


def test_a_users_style_is_tried_wherever_its_own_first_character_stands():
    stems = _style("stems", "(?P<num>[甲乙丙])、", "words", values={"甲": 1, "乙": 2, "丙": 3})
    view = "甲、总则\n乙、细则\n"
    found = [(c.style.id, c.number) for c in find_candidates(view, compile_grammar((stems,)))]
    assert found == [("stems", (1,)), ("stems", (2,))]
    assert grammar_source((stems,)).startswith("(?=[甲乙丙])")


def test_the_grammar_skips_only_what_no_style_can_start_with():
    words = _style("words", "(?P<num>首先|其次)", "words", values={"首先": 1, "其次": 2})
    bracketed = _style("bracketed", r"\((?P<num>[0-9]{1,2})\)", "arabic")
    dashes = _style("dashes", "[-a](?P<num>[0-9])", "arabic")
    assert grammar_source((words, bracketed, dashes)).startswith(r"(?=[首其\(\-a])")
    # a first item that may be absent or cannot be listed: every position is tried
    for pattern in (r"\(?(?P<num>[0-9])\)", "(?:附)?(?P<num>[0-9])", "[^0-9](?P<num>[0-9])"):
        assert not grammar_source((_style("open", pattern, "arabic"),)).startswith("(?=")
    optional = _style("optional", r"(?:附)?(?P<num>[0-9])件", "arabic")
    found = [c.number for c in find_candidates("附1件\n2件\n", compile_grammar((optional,)))]
    assert found == [(1,), (2,)]


def test_a_style_of_two_ways_keeps_both():
    """A pattern that divides at its top (``|``) starts two ways: its number stays in its
    groups, and no start lookahead leaves either way out."""
    either = _style("either", "(?P<num>[0-9])、|乙(?P<num>[0-9])", "arabic")
    assert not grammar_source((either,)).startswith("(?=")
    found = [c.number for c in find_candidates("乙3总则\n4、细则\n", compile_grammar((either,)))]
    assert found == [(3,), (4,)]


def test_a_lookbehind_after_the_first_character_keeps_the_grammar_from_trying_there():
    """``[0-9](?<![0-9].)`` cannot start after a digit: the second lookahead says so, the
    lookbehinds of styles that open alike tested as one (every class they bar at once)."""
    lookaheads = r"(?=[0-9一二一二十])(?=[一二一二十]|[0-9](?<![0-9].))(?:"
    assert grammar_source(RULES).startswith(lookaheads)
    rparen = _style("rparen", r"(?P<num>[0-9](?<![(0-9].)[0-9]?)\)", "arabic")
    unguarded = _style("cn_bare", r"(?P<num>[一二十]{1,2}) ", "cn")
    guarded_cn = _style("cn", r"(?P<num>[一二十](?<![一二十].)[一二十]?)、", "cn")
    source = grammar_source((OPENING_CLASS, rparen, unguarded, guarded_cn))
    # 一 after 十 may still open cn_bare's marker: its guard is left out
    assert source.startswith(r"(?=[0-9一二十])(?=[一二十]|[0-9](?<!(?=[0-9])[(0-9].))(?:")
    view = "12.总体\n3)细则\n2013)\n"
    found = [c.number for c in find_candidates(view, compile_grammar((OPENING_CLASS, rparen)))]
    assert found == [(12,), (3,)]


def test_a_marker_is_tried_only_where_its_second_character_may_follow():
    """A marker's first two characters are asked of ``Grammar.follows`` once: 十步 and 2个
    open none (no match is tried there), and the matches stay ``finditer``'s."""
    assert _second_class(OPENING_CLASS.pattern) == r"[0-9\.]"
    assert _second_class(REPEATED.pattern) == "[一二十:]"  # the repeated class, then the colon
    assert _second_class(ALTERNATIVES.pattern) is None  # 一 or 二: not one item
    grammar = compile_grammar(RULES)
    view = "十步\n2个\n12.总体\n十二:要求\n二、措施\n1"
    assert [m.span() for m in _matches(view, grammar)] == [
        m.span() for m in grammar.pattern.finditer(view)
    ]
    twos = {chr(two // 0x110000) + chr(two % 0x110000): flag for two, flag in grammar.twos.items()}
    assert twos["十步"] == twos["2个"] != twos["12"]  # 12.总体 is one
