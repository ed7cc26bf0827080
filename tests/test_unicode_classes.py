"""`regex`'s classes spelled out for `re` hold the same characters, and the patterns moved to
`re` with them find what their `regex` forms find."""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from extractor import unicode_classes
from extractor.figure_rules import _COUNTED_STOP
from extractor.places import COUNTED_UNIT
from extractor.posts import DUTY_AFTER, DUTY_BEFORE
from extractor.unicode_classes import DIGIT, spelled_out

EVERY = "".join(map(chr, range(sys.maxunicode + 1)))


def test_the_written_classes_are_what_regex_gives_now():
    """Fails when `regex`'s Unicode tables change: write the constants out again."""
    assert spelled_out(r"\d") == (unicode_classes.DIGIT_BMP, unicode_classes.DIGIT_ASTRAL)
    assert spelled_out(r"[\p{P}\p{S}]") == (
        unicode_classes.PUNCTUATION_SYMBOL_BMP,
        unicode_classes.PUNCTUATION_SYMBOL_ASTRAL,
    )


def test_digit_is_regexs_not_res():
    """`re`'s \\d lacks the digits Unicode added after this Python's tables."""
    assert re.findall(DIGIT, EVERY) == regex.findall(r"\d", EVERY)
    assert re.findall(r"\d", EVERY) != regex.findall(r"\d", EVERY)


def test_counted_stops_class_is_regexs():
    assert re.findall(_COUNTED_STOP, EVERY) == regex.findall(r"[\d\s\p{P}\p{S}]", EVERY)


# The patterns as they were on `regex`
COUNTED_UNIT_REGEX = regex.compile(r"[一二三四五六七八九十两几\d]个|部分|原单位|单位")
DUTY_AFTER_REGEX = regex.compile(
    r"(?:同志)?(?:具体)?(?:负责|分管)([^\s,，。;；:：、()（）]{2,30}?)(?=[\s,，。;；:：、()（）]|协助|$)"
)
DUTY_BEFORE_REGEX = regex.compile(r"分管([^\s,，。;；:：、的]{1,10})的$")
ALPHABET = "负责分管同志具体协助的个单位部原三3٣\U00016d70教学工作,，:() \x1c\u3000\n"
TEXTS = st.text(alphabet=ALPHABET, max_size=40)


@given(TEXTS)
def test_posts_duties_are_what_the_regex_patterns_find(text):
    for position in range(len(text) + 1):
        after = DUTY_AFTER.match(text, position)
        expected = DUTY_AFTER_REGEX.match(text, position)
        assert (after and after.span(1)) == (expected and expected.span(1))
        before = DUTY_BEFORE.search(text, max(0, position - 14), position)
        expected = DUTY_BEFORE_REGEX.search(text, max(0, position - 14), position)
        assert (before and before.span(1)) == (expected and expected.span(1))


@given(TEXTS)
def test_counted_units_are_what_the_regex_pattern_finds(text):
    assert bool(COUNTED_UNIT.search(text)) == bool(COUNTED_UNIT_REGEX.search(text))
    assert COUNTED_UNIT.search("\U00016d70个") and not re.search(r"\d", "\U00016d70")
