"""A lone character restored after a post is read as part of a person's name: surnames (and
given-name characters) gain their People's Daily affinity there, and nowhere else. The examples
are made up."""

from __future__ import annotations

import math

import pytest

from extractor.gbk_names import GIVEN, NAME_CAP, SURNAME, name_bonus, name_place, name_places
from extractor.gbk_score import fixed_prior
from extractor.gbk_slots import Slot
from extractor.pipeline import extract
from extractor.running_counts import DISCOUNT, name_affinity

# 甲 is a surname twice (a one-character nr before another nr), 乙丙 and 乙 given names;
# 丁 stands alone as nr (no name follows it), 乙 is also a verb once.
TAGGED = "甲/nr  乙丙/nr  来/v\n甲/nr  乙/nr  。/w  丁/nr\n乙/v  丙/n  丙/n\n"


def test_surnames_and_given_names_are_told_by_the_nr_token_after_a_one_character_one():
    found = name_affinity(TAGGED, {"甲": 2, "乙": 3, "丙": 3, "丁": 1, "来": 1})
    total, surnames, given = 10, 2, 3  # characters; surname and given-name occurrences
    assert found["甲"][0] == pytest.approx(math.log((2 - DISCOUNT) * total / (2 * surnames)))
    assert found["乙"] == (0.0, pytest.approx(math.log((2 - DISCOUNT) * total / (3 * given))))
    assert "丙" not in found  # once a given-name character: fewer than MIN_PAIR_COUNT
    assert "丁" not in found


@pytest.mark.parametrize(
    ("before", "place"),
    [
        ("会议由副院长", SURNAME),
        ("會議由副院長", SURNAME),  # Traditional
        ("由局长王", GIVEN),
        ("由局长王小", ""),  # only the first given-name character
        ("由干部群", ""),
        ("全体干部", SURNAME),
        ("今年，医院", ""),
        ("", ""),
    ],
)
def test_a_name_place_follows_a_post_or_a_post_and_a_surname(before, place):
    assert name_place(before + "某某", len(before)) == place


@pytest.mark.parametrize(
    ("before", "places"),
    [
        ("由副局长", (SURNAME, GIVEN, GIVEN)),
        ("由副局长林", (GIVEN, GIVEN)),
        ("述职人:欧阳", (GIVEN, GIVEN)),  # a compound surname after a signature's word
        ("支教教师：", (SURNAME, GIVEN, GIVEN)),  # a post heading a list of names
        ("林秀英任副组长", ()),  # appointed to the post: the name came before it
        ("为组长", ()),
        ("组织委员会", ()),
    ],
)
def test_the_characters_after_a_post_may_be_a_whole_name(before, places):
    assert name_places(before + "某某某", len(before)) == places


def test_only_surnames_gain_in_a_surname_place_and_never_more_than_the_cap():
    assert 0 < name_bonus("谢", SURNAME) <= NAME_CAP
    assert name_bonus("离", SURNAME) == 0.0  # no surname
    assert name_bonus("谢", "") == 0.0
    assert name_bonus("燕", GIVEN) > name_bonus("院", GIVEN) == 0.0


def test_the_bonus_is_part_of_the_slot_prior_only_in_a_name_place():
    trail = ord("x")  # 謝 is d6 78, 離 is c0 78
    named, plain = Slot(None, trail, name=SURNAME), Slot(None, trail)
    assert fixed_prior("謝", named) == pytest.approx(
        fixed_prior("謝", plain) + name_bonus("谢", SURNAME)
    )
    assert fixed_prior("離", named) == fixed_prior("離", plain)


def test_a_lone_trail_byte_after_a_post_is_restored_as_a_surname():
    page = "二〇二〇年，醫院成立了領導小組，由副院長x明輝負責日常工作，各科室密切配合。\n"
    document = extract(page.encode("utf-8"))[0]
    assert "由副院長謝明輝負責" in document.text
    assert any(r.before == "x" and r.after == "謝" for r in document.repairs)


def test_a_run_after_a_post_is_read_as_a_name():
    # 林秀英任副組長 with its first lead byte lost shows 中阌⑷胃苯M長: 林 (c1 d6) left only its
    # trail byte, which the word model fills with 又 (d3 d6) unless a post asks for a name
    page = "二〇二〇年，醫院成立了領導小組，由副局長中阌⑷胃苯M長，各科室密切配合。\n"
    assert "由副局長林秀英任副組長" in extract(page.encode("utf-8"))[0].text


def test_the_same_letter_elsewhere_is_left_alone():
    page = "今年，醫院舉辦了x明輝杯比賽，各科室積極參加。\n"
    assert "x明輝杯" in extract(page.encode("utf-8"))[0].text
