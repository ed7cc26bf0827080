"""The JSON a batch writes without models is the models' JSON, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, computed_field, field_serializer

import extractor
from extractor.model import Document, Phrase, Post, Repair, Span, repair_models, trusted_one
from extractor.model_json import document_json, json_of, repairs_json
from extractor.offsets import EditableText, RepairRecord, Splice
from extractor.pipeline import extract_json

SCRAPED = sorted((Path(__file__).resolve().parents[1] / "corpus" / "scraped").iterdir())

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


@pytest.mark.parametrize("path", SCRAPED[:6], ids=lambda path: path.name)
def test_a_model_written_from_its_fields_types_is_its_json(path):
    # every model of the contract on a real page: sections in sections, money and counts
    # with their decimals and phrases, people with posts and mentions, the repairs' models
    for document in extractor.extract(path.read_bytes(), source=path.name):
        assert json_of(document) == document.model_dump_json().encode()


def test_a_value_not_of_its_fields_type_is_left_to_pydantic():
    # a float where an offset goes, a key that is no field: pydantic-core writes (and warns)
    assert (
        json_of(trusted_one(Span, {"start": 1.5, "end": 2, "raw_start": 0, "raw_end": 2})) is None
    )
    assert json_of(trusted_one(Phrase, {"start": 1, "end": 2, "text": "a", "extra": 1})) is None


def test_a_model_is_written_in_the_order_of_its_values():
    # as pydantic-core writes it: the dict's order, only the keys it holds, nulls as null
    for model, values in (
        (Phrase, {"end": 2, "start": 1, "text": "a"}),
        (Post, {"unit": None, "title": "组长"}),
        (Phrase, {}),
    ):
        written = trusted_one(model, values)
        assert json_of(written) == written.model_dump_json(warnings=False).encode()


def test_a_model_that_serialises_itself_is_left_to_pydantic():
    # a serializer or a computed field changes what pydantic-core writes: json_of cannot know
    class Shouted(BaseModel):
        text: str

        @field_serializer("text")
        def _upper(self, text: str) -> str:
            return text.upper()

    class Measured(BaseModel):
        text: str

        @computed_field
        @property
        def size(self) -> int:
            return len(self.text)

    assert json_of(Shouted(text="ab")) is None
    assert json_of(Measured(text="ab")) is None
