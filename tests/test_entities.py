"""People, organisations and places: case files (one per line) and the seed's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from tests.conftest import case_rows

CASES = Path(__file__).parent / "cases"


def _one(text: str) -> extractor.Document:
    (document,) = extractor.extract(text)
    return document


@pytest.mark.parametrize(("text", "expected"), case_rows(CASES / "people.tsv"))
def test_people(text, expected):
    found = {p.name: p.roles for p in _one(text).people}
    wanted = {}
    for item in filter(None, expected.split("|")):
        name, _, roles = item.partition("/")
        wanted[name] = roles.split("+") if roles else []
    assert {n: r for n, r in found.items()} == wanted


@pytest.mark.parametrize(("text", "expected"), case_rows(CASES / "organisations.tsv"))
def test_organisations(text, expected):
    found = [o.name for o in _one(text).organisations]
    assert found == [name for name in expected.split("|") if name]


@pytest.mark.parametrize(("text", "expected"), case_rows(CASES / "places.tsv"))
def test_places(text, expected):
    found = [p.name for p in _one(text).places]
    assert found == [name for name in expected.split("|") if name]


def test_partial_person_is_flagged_and_linked_when_unique():
    document = _one("督导室主任庞正平任副组长。庞主任说,会议由汪校长主持,汪学兵参加。")
    people = {p.name: p for p in document.people}
    assert "庞主任" not in people
    assert len(people["庞正平"].mentions) == 2
    assert people["汪校长"].partial  # 汪学兵 holds no post of 校长: not linked


def test_mentions_point_into_the_text_and_traditional_stays():
    document = _one("副校長冉光勝負責鵝池校區。")
    (person,) = document.people
    assert person.name == "冉光勝"
    mention = person.mentions[0]
    assert document.text[mention.start : mention.end] == "冉光勝"
    assert document.original[mention.raw_start : mention.raw_end] == "冉光勝"


def test_name_after_a_verb_when_the_words_split_there():
    names = [p.name for p in _one("宣讲胡锦涛总书记讲话。").people]
    assert names == ["胡锦涛"]


def test_helpers_listed_before_a_verb_and_lists_over_lines():
    document = _one("成员:刘朝菊、胡琼、\n王绍明。副校长胡琼负责,程红孝、杨绍明协助。")
    assert [p.name for p in document.people] == ["刘朝菊", "胡琼", "王绍明", "程红孝", "杨绍明"]


def test_short_forms_become_aliases_of_the_one_full_name():
    document = _one("黔江区教育委员会安排,区教委检查;宁远县教育局和县教育局。")
    assert [(o.name, o.aliases) for o in document.organisations] == [
        ("黔江区教育委员会", ["区教委"]),
        ("宁远县教育局", ["县教育局"]),
    ]


def test_posts_carry_their_unit_and_responsibility():
    document = _one(
        "溪源县审计局局长罗建平讲话。副校长冉光胜负责鹅池校区,朱成邦协助。"
        "区教委王肇祥副主任参加。分管教学的副校长胡琼主持。"
    )
    posts = {
        p.name: [(q.title, q.unit, q.responsibility) for q in p.posts] for p in document.people
    }
    assert posts["罗建平"] == [("局长", "溪源县审计局", None)]
    assert posts["冉光胜"] == [("副校长", None, "鹅池校区")]
    assert posts["王肇祥"] == [("副主任", "区教委", None)]
    assert posts["胡琼"] == [("副校长", None, "教学")]
    assert posts["朱成邦"] == []


def test_a_user_address_title_makes_a_partial_person(tmp_path):
    text = "会议由汪处长主持。"
    assert not _one(text).people  # 处长 is no shipped form of address
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "address_titles.txt").write_text("处长\n", encoding="utf-8")
    (document,) = extractor.extract(text, options=extractor.Options(rules_dirs=(tmp_path,)))
    (person,) = document.people
    assert (person.name, person.partial) == ("汪处长", True)
