"""Every money and quantity rule keeps the promises its examples make; loading errors help."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor.amounts import _windows, find_amounts
from extractor.errors import RulesError
from extractor.figure_rules import _alternation, load_money_rules, load_quantity_rules
from extractor.quantities import find_quantities
from extractor.views import matching_view

MONEY = load_money_rules()
COUNTS = load_quantity_rules()


def amounts(sentence: str, rules=MONEY):
    return [(sentence[m.start : m.end], m) for m in find_amounts(matching_view(sentence), rules)]


def counts(sentence: str, rules=COUNTS):
    view = matching_view(sentence)
    money = [(m.start, m.end) for m in find_amounts(view, MONEY)]
    found = find_quantities(view, rules, money)
    return [(sentence[c.start : c.end], c) for c in found]


@pytest.mark.parametrize("compiled", MONEY.rules, ids=lambda c: c.rule.id)
def test_money_rule_examples(compiled):
    assert compiled.rule.examples, "every rule needs at least one example"
    for sentence, text, value in compiled.rule.examples:
        found = {t: m for t, m in amounts(sentence)}
        assert text in found, (sentence, list(found))
        money = found[text]
        assert money.rule == compiled.rule.id, (sentence, money.rule)
        assert money.value == (Decimal(value) if value else None), sentence
        assert money.masked == (not value)
    for sentence in compiled.rule.counter_examples:
        assert not [t for t, m in amounts(sentence) if m.rule == compiled.rule.id], sentence


@pytest.mark.parametrize("compiled", [c for c in MONEY.rules if c.trigger], ids=lambda c: c.rule.id)
def test_a_money_rule_matches_only_where_its_trigger_is(compiled):
    corpus = Path(__file__).parent.parent / "corpus" / "clean"
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    texts += [sentence for sentence, _, _ in compiled.rule.examples]
    matched = 0
    for view in map(matching_view, texts):
        for start, end in _windows(view, MONEY):
            if compiled.regex.search(view, start, end):
                matched += 1
                assert compiled.trigger.search(view, start, end), view[start:end]
    assert matched >= len(compiled.rule.examples)


@pytest.mark.parametrize("compiled", MONEY.veto_rules, ids=lambda c: c.rule.id)
def test_not_money_rule_examples(compiled):
    for sentence in compiled.rule.examples:
        assert compiled.regex.search(matching_view(sentence)), sentence
        assert amounts(sentence) == [], sentence
    for sentence in compiled.rule.counter_examples:
        assert amounts(sentence), sentence


@pytest.mark.parametrize("compiled", MONEY.per, ids=lambda c: c.rule.id)
def test_per_rule_examples(compiled):
    for sentence, label in compiled.rule.examples:
        (_, money), *_ = amounts(sentence)
        assert money.per == MONEY.per_aliases.get(label, label), sentence
    for sentence in compiled.rule.counter_examples:
        assert not compiled.regex.search(matching_view(sentence)), sentence


@pytest.mark.parametrize("compiled", COUNTS.rules, ids=lambda c: c.rule.id)
def test_quantity_rule_examples(compiled):
    for sentence, text, value, unit in compiled.rule.examples:
        found = {t: c for t, c in counts(sentence)}
        assert text in found, (sentence, list(found))
        count = found[text]
        assert count.value == Decimal(value), sentence
        assert sentence[count.unit_start : count.unit_end] == unit, sentence
    for sentence in compiled.rule.counter_examples:
        assert counts(sentence) == [], sentence


@pytest.mark.parametrize("compiled", COUNTS.veto_rules, ids=lambda c: c.rule.id)
def test_not_quantity_rule_examples(compiled):
    for sentence in compiled.rule.examples:
        assert compiled.regex.search(matching_view(sentence)), sentence
        assert counts(sentence) == [], sentence
    for sentence in compiled.rule.counter_examples:
        assert counts(sentence), sentence


def test_rule_ids_are_unique():
    ids = [c.rule.id for c in (*MONEY.rules, *MONEY.veto_rules, *MONEY.per)]
    ids += [c.rule.id for c in (*COUNTS.rules, *COUNTS.veto_rules)]
    assert len(ids) == len(set(ids))


def test_user_folder_adds_a_currency_and_disables_a_rule(tmp_path: Path):
    (tmp_path / "money.toml").write_text(
        """
[[currency]]
code = "VND"
words = ["越南盾"]

[[rule]]
id = "money.small_change"
disabled = true
description = "off"
pattern = "x"
examples = []
""",
        encoding="utf-8",
    )
    rules = load_money_rules([tmp_path])
    (_, money), *_ = amounts("援助5000越南盾", rules)
    assert money.currency == "VND"
    assert "money.small_change" not in {c.rule.id for c in rules.rules}


def test_a_broken_rule_names_file_and_rule(tmp_path: Path):
    (tmp_path / "quantities.toml").write_text(
        """
[[rule]]
id = "quantity.broken"
description = "unbalanced"
pattern = "(⟨QNUM⟩"
examples = []
""",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"quantities\.toml: rule quantity\.broken"):
        load_quantity_rules([tmp_path])


def _user_rule(folder: Path, file: str, pattern: str) -> None:
    (folder / file).write_text(
        f"""
[[rule]]
id = "user.rule"
description = "a user's own"
pattern = '{pattern}'
examples = []
""",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("file", "pattern", "missing"),
    [
        ("quantities.toml", "(?P<num>\\d+)例", "unit"),
        ("money.toml", "(?P<cur>越南盾)", "num"),
    ],
)
def test_a_rule_without_a_group_its_reader_needs_is_refused_as_it_loads(
    tmp_path: Path, file, pattern, missing
):
    _user_rule(tmp_path, file, pattern)
    load = load_quantity_rules if file == "quantities.toml" else load_money_rules
    with pytest.raises(RulesError, match=rf"rule user\.rule: pattern must name \(\?P<{missing}>"):
        load([tmp_path])


def test_a_count_rule_may_leave_out_the_range_and_qualifier_groups(tmp_path: Path):
    """Only num and unit are read from every count; a lookbehind of varying width keeps the
    rule on `regex` (``on_std_re``)."""
    _user_rule(tmp_path, "quantities.toml", "(?<=共有|共)(?P<num>\\d+)(?P<unit>例)")
    ((text, count),) = counts("全县共有12例", load_quantity_rules([tmp_path]))
    assert (text, count.rule, count.value, count.bound) == ("12例", "user.rule", 12, "exact")


@given(
    st.lists(st.text(alphabet="元美万人次", min_size=1, max_size=3), min_size=1, max_size=6),
    st.text(alphabet="元美万人次5", max_size=30),
)
def test_a_word_placeholder_matches_as_the_longest_first_alternation(words, text):
    """A placeholder's words are a trie; with what follows it in a rule, the engine backtracks
    to the shorter words in the order a longest-first alternation tries them (元 after 美元)."""
    longest_first = "|".join(sorted(set(words), key=lambda w: (-len(w), w)))
    trie = _alternation(words)
    for rest in ("", "元", "(?:万|人)?5"):
        plain = regex.compile(f"(?P<w>{longest_first}){rest}")
        built = regex.compile(f"(?P<w>{trie}){rest}")
        assert [(m.span(), m.group("w")) for m in built.finditer(text)] == [
            (m.span(), m.group("w")) for m in plain.finditer(text)
        ]


def _without_lead(pattern: str) -> str:
    """A pattern as written before ``led_by_first_characters`` led it by a lookahead."""
    led = re.fullmatch(r"\(\?=\[(?:\\.|[^\]\\])*\]\)\(\?:(.*)\)", pattern, re.DOTALL)
    return led.group(1) if led else pattern


LED = [
    c.regex
    for c in (*MONEY.rules, *MONEY.per, *COUNTS.rules)
    if isinstance(c.regex, re.Pattern) and c.regex.pattern.startswith("(?=[")
] + [COUNTS.vetoes]


def test_the_patterns_opening_with_optional_words_are_led_by_their_first_characters():
    assert {p.pattern[:4] for p in LED} == {"(?=["}
    assert len(LED) >= 4  # money.amount, money.range, money.masked, the count vetoes


# what money, rates and counts open with, and what stands around them
FIGURE_ALPHABET = "约近超共人民币港美元万亿千百十五六2,.05xX某至-年月日均每/个名户次一第届处理 "


@given(st.text(alphabet=FIGURE_ALPHABET, max_size=40))
def test_a_lookahead_for_the_first_characters_finds_what_the_pattern_finds(text):
    """The lookahead lets `re` pass over the places no match starts at, and no other."""
    for led in LED:
        plain = re.compile(_without_lead(led.pattern), led.flags)
        assert [(m.span(), m.groups()) for m in led.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]


def _without_second_lead(pattern: str) -> str:
    """The count rule as written before ``led_by_second_characters`` led it by a lookahead."""
    return re.sub(r"^(\(\?P<num>\(\?:\[[^\]]*\])\(\?=\[(?:\\.|[^\]\\])*\]\)", r"\1", pattern)


@given(st.text(alphabet=FIGURE_ALPHABET, max_size=40))
def test_a_lookahead_for_the_second_characters_finds_what_the_count_rule_finds(text):
    """Most numerals of a page start no count, and fail on the lookahead: no count is lost."""
    (count,) = COUNTS.rules
    plain = re.compile(_without_second_lead(count.regex.pattern), count.regex.flags)
    assert plain.pattern != count.regex.pattern
    assert [(m.span(), m.groups()) for m in count.regex.finditer(text)] == [
        (m.span(), m.groups()) for m in plain.finditer(text)
    ]


def _patterns(rules) -> list:
    """Every pattern the stages scan with: the rules, their triggers, the rates, the vetoes."""
    compiled = [*rules.rules, *getattr(rules, "per", ())]
    return [p for c in compiled for p in (c.regex, c.trigger) if p is not None] + [rules.vetoes]


@given(st.text(alphabet=FIGURE_ALPHABET + "3789", max_size=40))
def test_the_ascii_digit_twins_find_what_the_rules_find_where_digits_are_ascii(text):
    """A page whose digits are all ASCII is scanned by the twins, whose \\d reads 0-9: the same
    matches and groups as the rules'."""
    for rules in (MONEY, COUNTS):
        twins = _patterns(rules.ascii_digits)
        assert not any(r"\d" in p.pattern for p in twins if isinstance(p, re.Pattern))
        for pattern, twin in zip(_patterns(rules), twins, strict=True):
            assert [(m.span(), m.groups()) for m in twin.finditer(text)] == [
                (m.span(), m.groups()) for m in pattern.finditer(text)
            ]


@given(st.text(alphabet=FIGURE_ALPHABET + "均每工资收入薪/头亩", max_size=40))
def test_every_rate_match_holds_one_of_the_words_its_search_waits_for(text):
    """A rate cue is sought only in a clause that holds one of its words (``Compiled.words``)."""
    assert all(compiled.words for compiled in MONEY.per)
    for compiled in MONEY.per:
        for match in compiled.regex.finditer(text):
            assert any(word in match.group() for word in compiled.words)
