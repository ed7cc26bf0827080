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
    document_json,
    repair_models,
    repairs_json,
    trusted,
    trusted_one,
)
from extractor.offsets import EditableText, RepairRecord, Splice
from extractor.pipeline import extract_json

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


# what JSON escapes (quotes, backslashes, controls) and what it must leave alone (DEL, line
# separators, characters beyond the BMP, full-width and accented ones)
_JSON_TEXT = st.text(
    alphabet=st.sampled_from('節(jié)a"\\\n\r\t\b\f\x00\x1f\x7f\u2028\u3000é/<>&𠀀,:[]{}'),
    max_size=12,
)
_JSON_ROWS = st.lists(
    st.tuples(
        _JSON_TEXT,
        st.integers(0, 10**12),
        st.integers(0, 10**12),
        _JSON_TEXT,
        _JSON_TEXT,
        st.integers(0, 10**12),
        st.none() | _JSON_TEXT,
        st.none() | _JSON_TEXT,
        st.lists(_JSON_TEXT, max_size=3),
    ),
    max_size=4,
)


def _validated(rows):
    return [Repair(**RepairRecord._make(row)._asdict()) for row in rows]


def test_a_repair_row_holds_the_fields_of_a_repair_in_order():
    assert RepairRecord._fields == tuple(Repair.model_fields)


@st.composite
def _logs(draw: st.DrawFn) -> tuple[EditableText, int]:
    """Text with two rounds of made-up splices (the second may swallow the first's: absorbed),
    and a place to cut it into two documents."""
    editable = EditableText(draw(_JSON_TEXT))
    for _ in range(2):
        cuts = sorted(draw(st.lists(st.integers(0, len(editable.text)), max_size=6)))
        splices = [
            Splice(
                start,
                end,
                draw(_JSON_TEXT),
                draw(_JSON_TEXT),
                draw(st.none() | _JSON_TEXT),
                draw(st.none() | _JSON_TEXT),
            )
            for start, end in zip(cuts[::2], cuts[1::2], strict=False)
        ]
        editable.apply(splices)
    return editable, draw(st.integers(0, len(editable.text)))


@given(_logs())
def test_the_repairs_written_from_the_log_are_the_models_json(log):
    editable, cut = log
    for start, end, last in ((0, cut, False), (cut, len(editable.text), True)):
        models = repair_models(editable.repair_rows(start, end, last=last))
        written = repairs_json(editable, start, end, last)
        assert written == ",".join(repair.model_dump_json() for repair in models).encode()


@given(_JSON_ROWS)
def test_the_repairs_made_from_rows_are_the_validated_ones(rows):
    assert repair_models(rows) == _validated(rows)


@given(
    _JSON_ROWS,
    st.fixed_dictionaries(
        {
            "id": _JSON_TEXT,
            "source": st.none() | _JSON_TEXT,
            "encoding": _JSON_TEXT,
            "title": st.none() | _JSON_TEXT | st.just(',"repairs":[],'),
            "text": _JSON_TEXT | st.just(',"repairs":[],"notes":[]'),
            "raw_start": st.integers(0, 10**6),
            "raw_end": st.integers(0, 10**6),
            "original": _JSON_TEXT | st.just('{"repairs":[],"x":1}'),
            "notes": st.lists(_JSON_TEXT | st.just(',"repairs":[],'), max_size=2),
        }
    ),
)
def test_a_document_written_with_its_rows_is_the_models_json(rows, fields):
    # its own repairs empty, the rows' JSON goes where they stand, wherever else the
    # document's strings hold what an empty list of repairs looks like
    document = Document(**fields)
    with_models = Document(**fields, repairs=_validated(rows))
    repairs = ",".join(repair.model_dump_json() for repair in with_models.repairs)
    assert document_json(document, repairs.encode()) == with_models.model_dump_json().encode()


def test_a_document_with_repairs_is_not_written_from_rows():
    repair = Repair(kind="html", raw_start=0, raw_end=3, before="<p>", after="", start=0)
    document = Document(
        id="a-0",
        encoding="utf-8",
        text="",
        raw_start=0,
        raw_end=3,
        original="<p>",
        repairs=[repair],
    )
    with pytest.raises(ValueError, match="has none yet"):
        document_json(document, repair.model_dump_json().encode())


@pytest.mark.parametrize("path", SCRAPED, ids=lambda path: path.name)
def test_what_a_batch_writes_is_the_json_of_the_documents(path):
    data = path.read_bytes()
    written = extract_json(data, source=path.name)
    assert written == [
        document.model_dump_json() for document in extractor.extract(data, source=path.name)
    ]
