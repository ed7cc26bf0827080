"""Every shipped rule keeps the promises its examples make, and loading errors are helpful."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from pydantic import ValidationError

from extractor.boilerplate import Lines, rule_matches
from extractor.errors import RulesError
from extractor.repair import apply_residue_rule
from extractor.rules import HORIZONTAL_SPACES, BoilerplateRule, load_rules
from extractor.views import matching_view

RULES = load_rules()


@pytest.mark.parametrize("rule", RULES.residue, ids=lambda rule: rule.id)
def test_residue_rule_examples(rule):
    for given, expected in rule.examples:
        assert apply_residue_rule(rule, given) == expected, given
    for untouched in rule.counter_examples:
        assert apply_residue_rule(rule, untouched) == untouched, untouched


@pytest.mark.parametrize("rule", RULES.boilerplate, ids=lambda rule: rule.id)
def test_boilerplate_rule_examples(rule):
    assert rule.examples, "every rule needs at least one example"
    for line in rule.examples:
        assert rule.compiled.search(matching_view(line)), line
        trigger = rule.compiled_trigger
        assert trigger is None or trigger.search(matching_view(line)), f"trigger misses {line}"
        words = rule.line_words
        assert not words or any(w in matching_view(line).lower() for w in words), line
        view = matching_view(line)
        found = list(rule_matches(rule.compiled, Lines(view), repeats_above=rule.repeats_above))
        assert found, f"repeats_above hides {line}"
    for line in rule.counter_examples:
        assert not rule.compiled.search(matching_view(line)), line


def test_rule_ids_are_unique_across_files():
    ids = [rule.id for rule in (*RULES.residue, *RULES.boilerplate)]
    assert len(ids) == len(set(ids))


def test_user_rules_extend_override_and_disable(tmp_path: Path):
    (tmp_path / "boilerplate.toml").write_text(
        """
[[rule]]
id = "footer.site_slogan"
action = "drop_line"
description = "A site's own slogan line."
pattern = '^\\\\s*好范文尽在本站'
examples = ["好范文尽在本站"]

[[rule]]
id = "header.breadcrumb"
disabled = true
action = "drop_line"
description = "switched off"
pattern = "x"
examples = ["x"]
""",
        encoding="utf-8",
    )
    extended = load_rules([tmp_path])
    ids = {rule.id for rule in extended.boilerplate}
    assert "footer.site_slogan" in ids
    assert "header.breadcrumb" not in ids
    assert "footer.friendly_tip" in ids


def test_a_broken_rule_names_file_and_rule(tmp_path: Path):
    (tmp_path / "residue.toml").write_text(
        """
[[rule]]
id = "junk.broken"
kind = "junk"
description = "unbalanced"
pattern = "(abc"
examples = [["a", "a"]]
""",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"residue\.toml: rule junk\.broken: pattern"):
        load_rules([tmp_path])


def test_a_missing_rules_folder_says_so(tmp_path: Path):
    with pytest.raises(RulesError, match="does not exist"):
        load_rules([tmp_path / "nowhere"])


def test_horizontal_spaces_are_what_the_regex_module_calls_horizontal():
    every = (chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert "".join(char for char in every if regex.match(r"\h", char)) == HORIZONTAL_SPACES


def test_a_line_word_with_h_stands_for_each_horizontal_space():
    rule = BoilerplateRule(
        id="user.font",
        action="drop_match",
        description="a made-up font switch",
        pattern=r"[大中小]\h*[大中小]\h*[大中小]",
        examples=["大\xa0中\u2009小"],
        line_words=("大\\h", "大中", "大"),
    )
    assert rule.line_words == (*(f"大{space}" for space in HORIZONTAL_SPACES), "大中", "大")
    assert Lines("正文\n【大\xa0中\u2009小】").holding(rule.line_words) == [1]


def test_a_line_word_with_two_h_is_refused():
    with pytest.raises(ValidationError, match="once"):
        BoilerplateRule(
            id="user.spaced",
            action="drop_line",
            description="two spaces to spell out",
            pattern="a",
            examples=["a"],
            line_words=("大\\h中\\h",),
        )
