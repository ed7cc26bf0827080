"""The entity stage's faster scans find exactly what the plain patterns they replace find."""

from __future__ import annotations

import re
from bisect import bisect_right

import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor.entities import conjunctions_before_anchor
from extractor.entity_lexicon import (
    _alternation,
    leftmost,
    load_entity_lexicon,
    longest_in_lists,
    reversed_lists,
)
from extractor.entity_spans import (
    _bisected,
    _in_run_table,
    _run_scanned,
    _run_searched,
    segments_holding,
)
from extractor.people import _list_heads
from extractor.places import GROUP, _groups

LIST_HEAD = regex.compile(r"([^\s:,，。、;；]{1,12}?)[:：]")
TEXTS = st.text(alphabet="组长成员李:：,，。、;； \n\u3000ab", max_size=60)


@given(TEXTS)
def test_list_heads_are_the_lazy_pattern_matches(text):
    expected = [(m.start(1), m.end(1)) for m in LIST_HEAD.finditer(text)]
    assert list(_list_heads(text)) == expected


def test_a_heading_longer_than_twelve_characters_keeps_its_last_twelve():
    text = "成员" * 7 + ":李明、组长:王刚"
    assert list(_list_heads(text)) == [(2, 14), (18, 20)]


def overlapped(pattern: re.Pattern[str], view: str) -> list[tuple[int, int]]:
    """The longest word starting at each position: each search starts one past the last
    word's start (the reference the automata are checked against)."""
    found = []
    match = pattern.search(view)
    while match:
        found.append(match.span())
        match = pattern.search(view, match.start() + 1)
    return found


WORDS = st.lists(st.text(alphabet="村民委员会局", min_size=1, max_size=4), min_size=1, max_size=8)


@given(WORDS, st.text(alphabet="村民委员会局长 ", max_size=40))
def test_word_scans_find_what_regex_finds(words, text):
    pattern = _alternation(tuple(words))
    longest_first = regex.compile(pattern.pattern)
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in longest_first.finditer(text)
    ]
    assert overlapped(pattern, text) == [
        m.span() for m in longest_first.finditer(text, overlapped=True)
    ]


@given(
    st.lists(WORDS, min_size=1, max_size=4),
    st.text(alphabet="村民委员会局长 \U00020000", max_size=40),
)
def test_longest_words_of_each_list_from_one_reversed_automaton_are_what_its_trie_finds(
    lists, text
):
    lists = tuple(tuple(word.replace("局", "\U00020000") for word in words) for words in lists)
    expected = [overlapped(_alternation(words), text) for words in lists]
    assert longest_in_lists(reversed_lists(lists), len(lists), text) == expected


@given(WORDS, st.text(alphabet="村民委员会局长 \U00020000", max_size=40))
def test_leftmost_words_are_what_the_trie_pattern_finds(words, text):
    words = tuple(word.replace("局", "\U00020000") for word in words)
    expected = [m.span() for m in _alternation(words).finditer(text)]
    assert leftmost(overlapped(_alternation(words), text)) == expected


SEGMENT = regex.compile(r'[\p{Han}“”"]+')


@given(
    st.text(alphabet='局村民“”"a ,\n', max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4)), max_size=6),
    st.lists(st.integers(0, 41), max_size=10),
)
def test_segments_holding_ends_are_those_a_scan_of_every_segment_keeps(view, cuts, ends):
    cuts = [(start, start + length) for start, length in cuts]
    chars = list(view)
    for start, end in cuts:
        chars[start:end] = " " * (end - start)
    segments = [m.span() for m in SEGMENT.finditer("".join(chars))]
    ends = sorted({end for end in ends if end <= len(view)})
    expected = [(s, e) for s, e in segments if any(s < end <= e for end in ends)]
    assert segments_holding(view, cuts, ends) == expected


@given(
    st.text(alphabet='局村民“”"a ,。\n\u3007\uf900\U00020000\U0001f600', min_size=1, max_size=40),
    st.data(),
)
def test_runs_scanned_by_character_are_the_runs_searched(view, data):
    """The compiled build's loop over a run's characters finds the run the searches find."""
    end = data.draw(st.integers(1, len(view)))
    low = data.draw(st.integers(0, end - 1))
    stop = data.draw(st.integers(end, len(view)))
    expected = _run_searched(view, view[::-1], end, low, stop)
    assert _run_scanned(view, _in_run_table(), end, low, stop) == expected


@given(st.lists(st.integers(0, 30)), st.integers(-1, 31))
def test_the_bisection_loop_counts_what_bisect_right_counts(values, value):
    values.sort()
    assert _bisected(values, value) == bisect_right(values, value)


@given(WORDS, st.text(alphabet="村民委员会局长 ", max_size=40))
def test_the_word_trie_finds_what_a_longest_first_alternation_finds(words, text):
    trie = _alternation(tuple(words))
    plain = re.compile("|".join(sorted(set(words), key=len, reverse=True)))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert overlapped(trie, text) == overlapped(plain, text)
    assert [trie.fullmatch(text, start) is None for start in range(len(text))] == [
        plain.fullmatch(text, start) is None for start in range(len(text))
    ]


GROUP_TEXTS = st.text(alphabet="组村至、和通一三十25٣小\n", max_size=50)


@given(GROUP_TEXTS)
def test_village_groups_sought_at_each_zu_are_the_pattern_matches(text):
    assert list(_groups(text)) == [m.span() for m in GROUP.finditer(text)]


def test_village_groups_in_a_list_and_at_the_end():
    text = "小组到村一组、二组和至三组、五组的通组公路，村十二组"
    assert list(_groups(text)) == [m.span() for m in GROUP.finditer(text)] != []


PERSON_TEXTS = st.text(alphabet="同志先生女士协助李明和与及县局合 ", max_size=40)


@given(PERSON_TEXTS)
def test_person_words_from_the_view_scan_are_what_their_alternation_finds(text):
    lex = load_entity_lexicon()
    alternation = re.compile("|".join(lex.person_titles))
    expected = [m.span() for m in alternation.finditer(text)]
    assert leftmost(lex.view_words(text).person_titles) == expected


@given(PERSON_TEXTS)
def test_conjunctions_before_an_anchor_are_what_their_class_finds(text):
    expected = [m.span() for m in re.finditer(r"[和与及](?=[县乡镇市省村局合])", text)]
    assert sorted(conjunctions_before_anchor(text)) == expected
