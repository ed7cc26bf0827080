"""Counting the corpus: pairs and characters, characters alone, runs of three, the nouns a
classifier counts (``running_counts``). The examples are made up."""

from __future__ import annotations

import math

import pytest

from extractor.running_counts import (
    DISCOUNT,
    MIN_PAIR_COUNT,
    MIN_PHRASE_COUNT,
    StandingAlone,
    count_alone,
    count_counted,
    count_phrases,
    count_text,
)

TAGGED = "甲乙/v  丙/n  ，/w  甲/nr  乙丙/n\n丙/n  甲乙/v  。/w\n乙/v  丁/n\n"


def test_pairs_are_counted_across_words_within_a_line_and_not_across_lines():
    chars, pairs = count_text(TAGGED)
    assert chars == {"甲": 3, "乙": 4, "丙": 3, "丁": 1}
    # 甲乙 thrice (twice in one word, once across two), 乙丙 twice (across words, in one);
    # 丙甲 once and 乙丁 once (fewer than MIN_PAIR_COUNT); 丙丙 and 乙乙 only across lines
    assert MIN_PAIR_COUNT == 2
    assert pairs == {"甲乙": 3, "乙丙": 2}


def test_characters_alone_are_the_tokens_of_one_han_character():
    # 丙 twice alone, 甲, 乙 and 丁 once (甲乙 and 乙丙 are words; ， and 。 no Han)
    assert count_alone(TAGGED) == StandingAlone({"丙": 2, "甲": 1, "乙": 1, "丁": 1}, 10)


def test_runs_of_three_are_kept_when_written_more_often_than_their_pairs_predict():
    # 乙 six times: after 甲 thrice, each time before 丙; after 丁 thrice, each before 戊. Its
    # pairs predict 甲乙丙 (3 - DISCOUNT) * 6 / (3 * 3) = 5/3 times more rarely than seen;
    # 乙丙， is seen once (fewer than MIN_PHRASE_COUNT), and a run across lines is none.
    tagged = "甲乙/v  丙/n\n甲/n  乙丙/v  ，/w\n甲乙丙/n\n"
    tagged += "丁乙/n  戊/v\n丁/n  乙戊/v\n丁乙戊/a\n"
    assert MIN_PHRASE_COUNT == 3
    assert count_phrases(tagged) == {"甲乙丙": math.log(5 / 3), "丁乙戊": math.log(5 / 3)}


def test_the_nouns_a_classifier_counts_are_the_last_characters_after_a_numeral_and_it():
    # 所 counts 甲乙 twice (乙 there) and 丙 once (fewer than MIN_PAIR_COUNT); 乙 after 丁/v,
    # after a classifier of two characters or after no numeral counts nothing
    tagged = "三/m  所/q  甲乙/n\n五/m  所/q  甲乙/n  ，/w  丁/v  乙/n\n"
    tagged += "二/m  所/q  丙/n\n乙/n  所/q  乙/n\n六/m  所所/q  乙/n\n"
    # 20 Han characters, 6 of them 乙; 所 counts a noun after a numeral thrice
    expected = math.log((2 - DISCOUNT) * 20 / (3 * 6))
    assert count_counted(tagged) == {"乙所": pytest.approx(expected)}
