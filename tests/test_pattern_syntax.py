from __future__ import annotations

from pathlib import Path

import regex

from extractor.pattern_syntax import inline_definitions
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
