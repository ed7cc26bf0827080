"""Models built from the pipeline's own values equal the validated ones, field for field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import extractor
from extractor.model import (
    Document,
    Phrase,
    Quantity,
    Repair,
    trusted,
    trusted_one,
)

_TEXT = st.text(alphabet='節(jié)ab<>&"\\\n\u3000é€', max_size=12)
_REPAIR_VALUES = st.fixed_dictionaries(
    {
        "kind": _TEXT,
        "raw_start": st.integers(0, 10**6),
        "raw_end": st.integers(0, 10**6),
        "before": _TEXT,
        "after": _TEXT,
        "start": st.integers(0, 10**6),
        "rule": st.none() | _TEXT,
        "note": st.none() | _TEXT,
        "absorbed": st.lists(_TEXT, max_size=3),
    }
)


@given(_REPAIR_VALUES)
def test_a_trusted_repair_is_the_validated_one(values):
    in_order = {name: values[name] for name in Repair.model_fields}
    (built,), validated = trusted(Repair, [in_order]), Repair(**values)
    assert built == validated
    assert built.model_dump_json() == validated.model_dump_json()
    assert built.model_dump() == validated.model_dump()
    assert built.model_fields_set == validated.model_fields_set


def test_a_trusted_repair_stays_a_model_one_can_change():
    (repair,) = trusted(
        Repair,
        [Repair(kind="html", raw_start=0, raw_end=3, before="<p>", after="", start=0).model_dump()],
    )
    repair.note = "checked"
    assert repair.model_copy(update={"start": 5}).start == 5
    assert Repair.model_validate(repair.model_dump()) == repair


def test_trusted_repairs_do_not_share_their_set_fields():
    values = Repair(kind="html", raw_start=0, raw_end=3, before="<p>", after="", start=0)
    first, second = trusted(Repair, [values.model_dump() for _ in range(2)])
    first.model_fields_set.discard("note")
    assert "note" in second.model_fields_set


def test_a_trusted_count_is_the_validated_one():
    counted = Phrase(text="困难群众", start=4, end=8, raw_start=6, raw_end=10)
    values = {
        "start": 0,
        "end": 4,
        "raw_start": 2,
        "raw_end": 6,
        "text": "117名",
        "value": Decimal("117"),
        "unit": "名",
        "section_path": [1, 0],
        "bound": "at_least",
        "low": Decimal("117"),
        "high": None,
        "counts": counted,
        "rule": "count.people",
    }
    assert list(values) == list(Quantity.model_fields)  # the order the JSON keeps
    built, validated = trusted_one(Quantity, dict(values)), Quantity(**values)
    assert built == validated
    assert built.model_dump_json() == validated.model_dump_json()


SCRAPED = sorted((Path(__file__).resolve().parents[1] / "corpus" / "scraped").iterdir())


@pytest.mark.parametrize("path", SCRAPED, ids=lambda path: path.name)
def test_every_trusted_model_of_a_document_is_its_validated_self(path):
    # the stages build sections, dates, counts, amounts, mentions and repairs with ``trusted``,
    # which checks nothing: a field left out, misspelt, of another type or out of the model's
    # order would change the JSON, and validating the dump again would not give it back
    for document in extractor.extract(path.read_bytes(), source=path.name):
        dumped = document.model_dump_json()
        assert Document.model_validate_json(dumped).model_dump_json() == dumped
