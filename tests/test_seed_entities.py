"""The real seed: its people (a hand annotation counts 39), partial people, places."""

from __future__ import annotations

import pytest

import extractor
from tests import seed_annotation


@pytest.fixture(scope="module")
def documents(seed_bytes):
    return extractor.extract(seed_bytes, source="seed")


def test_people_of_the_seed(documents):
    first, second = ([p.name for p in d.people] for d in documents)
    assert first == ["栗戰書", "趙克志", "胡錦濤"]
    assert len(second) >= 36
    for name in ("李長毅", "冉光勝", "程之棟", "楊會", "楊彩霞", "熊燕", "王肇祥", "楊東明"):
        assert name in second, name


def test_partial_people_of_the_seed(documents):
    partial = sorted(p.name for p in documents[1].people if p.partial)
    assert partial == ["汪校長", "龐主任"]


def test_roles_of_the_committee(documents):
    people = {p.name: p.roles for p in documents[1].people}
    assert {"組長", "校長"} <= set(people["李長毅"])
    assert {"副組長", "副校長"} <= set(people["冉光勝"])
    assert "成員" in people["劉朝菊"]


def test_places_of_the_seed(documents):
    places = [p.name for p in documents[0].places]
    assert "納雍縣昆寨鄉凹豬河村" in places
    assert "貴州省" in places


def test_seed_against_the_hand_annotation(documents):
    """Issue 7's targets on tests/seed_annotation.py: people and organisations F1, places F1,
    posts recall."""
    found = [
        {
            "people": {p.name for p in d.people},
            "organisations": {n for o in d.organisations for n in (o.name, *o.aliases)},
            "places": {p.name for p in d.places},
        }
        for d in documents
    ]
    scores = {field: seed_annotation.f1(*t) for field, t in seed_annotation.tallies(found).items()}
    assert scores["people"] >= 0.95, scores
    assert scores["organisations"] >= 0.85, scores
    assert scores["places"] >= 0.8, scores
    hits, total = seed_annotation.role_hits(
        [{p.name: p.roles for p in d.people} for d in documents]
    )
    assert hits / total >= 0.8, (hits, total)
