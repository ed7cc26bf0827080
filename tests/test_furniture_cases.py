"""Golden pages of site furniture: each input must give exactly the expected documents.

``tests/cases/furniture/NN_slug.input.txt`` is a made-up scraped page (范文 and document-sharing
sites in Simplified, spam mirrors in Traditional with pinyin readings); ``NN_slug.expected.txt``
holds the text of each document it must give, separated by a line holding only ``=====``. The
``counter`` cases are real content that looks like furniture and must come out untouched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.offsets import replay
from extractor.rules import load_rules

CASES = Path(__file__).parent / "cases" / "furniture"
SEPARATOR = "\n=====\n"
REMOVAL_KINDS = {"boilerplate", "whitespace", "html", "junk", "pinyin_annotation"}
# a boilerplate removal names the rule that made it, or the tidying of a repeated title
BOILERPLATE_RULES = {rule.id for rule in load_rules().boilerplate} | {"duplicate_title"}


def _cases() -> list[Path]:
    return sorted(CASES.glob("*.input.txt"))


def _expected(case: Path) -> list[str]:
    # bytes, not read_text: a CRLF page must keep its \r\n in the expected documents too
    path = case.with_name(case.name.replace(".input.", ".expected."))
    return path.read_bytes().decode("utf-8").removesuffix("\n").split(SEPARATOR)


def _name(case: Path) -> str:
    return case.name.removesuffix(".input.txt")


def test_there_are_cases_of_both_kinds():
    names = [_name(case) for case in _cases()]
    assert len(names) >= 30
    assert sum("counter" in name for name in names) >= 5


@pytest.mark.parametrize("case", _cases(), ids=_name)
def test_page_gives_exactly_the_expected_documents(case: Path):
    documents = extractor.extract(case.read_bytes(), source=case.name)
    assert [document.text for document in documents] == _expected(case)


@pytest.mark.parametrize("case", _cases(), ids=_name)
def test_every_removal_is_logged_and_replays(case: Path):
    for document in extractor.extract(case.read_bytes(), source=case.name):
        window = document.original[: document.raw_end]
        assert replay(window, document.repairs, base=document.raw_start) == document.text
        for repair in document.repairs:
            assert repair.kind in REMOVAL_KINDS, repair
            if repair.kind == "boilerplate":
                assert repair.after == "", repair
                assert repair.rule in BOILERPLATE_RULES, repair


@pytest.mark.parametrize("case", [c for c in _cases() if "counter" in c.name], ids=_name)
def test_counter_cases_lose_nothing(case: Path):
    documents = extractor.extract(case.read_bytes(), source=case.name)
    assert [d.text for d in documents] == [case.read_bytes().decode("utf-8").strip()]
    assert all(repair.kind == "whitespace" for d in documents for repair in d.repairs)
