"""The public data model: what one extracted document looks like as JSON.

Every field the contract (CONTRACT.md) names is here; later stages fill the lists that are
empty today. Offsets: ``start``/``end`` index ``Document.text``; ``raw_start``/``raw_end``
index ``Document.original``, the decoded input exactly as it arrived.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

from extractor.offsets import RepairRow

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


_M = TypeVar("_M", bound=BaseModel)


def trusted(model: type[_M], rows: Iterable[dict[str, Any]]) -> list[_M]:
    """``[model(**values) for values in rows]`` without validating: for values the pipeline made
    itself, every field given, each of its type, in the fields' order (JSON keeps the order of
    ``values``). A page logs hundreds of repairs, and validating each again cost a tenth of the
    run. Built as ``model_construct`` builds, minus its per-field defaults pass, a batch per call
    (one call per model was a fifth of the time); ``tests/test_model.py`` checks that each
    equals the validated model."""
    names = _field_names(model)
    return [_built(model, names, values) for values in rows]


def trusted_one(model: type[_M], values: dict[str, Any]) -> _M:
    """``trusted`` for one model: the stages' models (sections, counts, dates, mentions), built
    thousands of times on 200 simulated pages, cost two to five times as much validated."""
    return _built(model, _field_names(model), values)


def _built(model: type[_M], names: set[str], values: dict[str, Any]) -> _M:
    """One trusted model (compiled, a C call from ``trusted`` and ``trusted_one``, which made a
    tuple and a list to go through ``trusted``'s loop for one)."""
    # Its own set (pydantic adds to it); compiled, ``set()`` is one C call, ``.copy()`` a
    # method looked up and called: 3 M instructions on 30 pages.
    fields_set = set(names)
    if cython.compiled:  # made and its slots set in C: a Python call of each cost ~600
        instance = PyType_GenericNew(model, (), None)  # what ``object.__new__`` does for it
        PyObject_GenericSetAttr(instance, "__dict__", values)
        PyObject_GenericSetAttr(instance, "__pydantic_fields_set__", fields_set)
        PyObject_GenericSetAttr(instance, "__pydantic_extra__", None)
        PyObject_GenericSetAttr(instance, "__pydantic_private__", None)
    else:
        instance = _new(model)
        _set_dict(instance, values)
        _set_fields_set(instance, fields_set)
        _set_extra(instance, None)
        _set_private(instance, None)
    return instance


_new = object.__new__
# The setters of ``BaseModel``'s slots, which ``object.__setattr__`` would look up by name
# each time: called straight, a trusted model costs a third less.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
if not cython.compiled:  # the compiled branch's functions: CPython's own, cimported in model.pxd
    PyType_GenericNew = object.__new__
    PyObject_GenericSetAttr = object.__setattr__


def _field_names(model: type[BaseModel]) -> set[str]:
    """A model's field names, copied for each trusted instance (a set the model may change);
    kept in a plain dict, which costs less to ask than ``functools.cache``'s wrapper."""
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = set(model.model_fields)
    return names


_FIELD_NAMES: dict[type[BaseModel], set[str]] = {}


class Span(_Model):
    """Where an item sits: in the repaired text and in the decoded original."""

    start: int = Field(description="offset into Document.text (inclusive)")
    end: int = Field(description="offset into Document.text (exclusive)")
    raw_start: int = Field(description="offset into Document.original (inclusive)")
    raw_end: int = Field(description="offset into Document.original (exclusive)")


class Repair(_Model):
    """One change made to the input, replayable on ``Document.original``."""

    kind: str = Field(description="pinyin_annotation, mojibake, html, boilerplate, …")
    raw_start: int
    raw_end: int
    before: str = Field(description="original[raw_start:raw_end]")
    after: str = Field(description="what stands in its place in Document.text")
    start: int = Field(description="where `after` begins in Document.text")
    rule: str | None = Field(default=None, description="id of the rule or fixer that fired")
    note: str | None = Field(default=None, description="why, or what is left for later stages")
    absorbed: list[str] = Field(
        default_factory=list,
        description="kinds of earlier repairs inside this span that this one superseded",
    )


class Section(Span):
    """A numbered heading or enumeration item; ``start``/``end`` cover it and its content."""

    level: int = Field(
        description="1 = 一、 (and 第一章/第一条), 2 = (一), 3 = 1., 4 = (1), 5 = ① ⑴ 1); "
        "a decimal outline's depth (2.1 → 2); an item one below the heading it sits under"
    )
    kind: Literal["heading", "item"] = "heading"
    marker: str = Field(description="the numbering as written: 一、 （一） 1. 一是 首先 2.1")
    title: str = Field(description="to the first 。；： or line end (an item's also to ，)")
    title_start: int = Field(0, description="where the title begins in Document.text")
    title_end: int = Field(0, description="where the title ends in Document.text")
    style: str = Field("", description="id of the marker rule (rules/sections.toml)")
    flags: list[str] = Field(
        default_factory=list,
        description="irregular numbering, kept as written: repeated, out_of_order, jump, restart",
    )
    path: list[int] = Field(
        default_factory=list, description="indices from the top of the tree: [1, 0]"
    )
    children: list[Section] = Field(default_factory=list)


class DateMention(Span):
    """A date or period; for a range, year/month/day give its start."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_masked: bool = False
    year_inferred: int | None = Field(
        None, description="the year meant: as written, or resolved from the signed date"
    )
    period: str | None = None
    section_path: list[int] = Field(default_factory=list)
    precision: Literal["year", "month", "day", "period"] | None = Field(
        None, description="the finest unit the mention states"
    )
    year_low: int | None = Field(None, description="masked year: lowest year the mask allows")
    year_high: int | None = Field(None, description="masked year: highest year the mask allows")
    evidence: str | None = Field(None, description="why year_inferred is what it is")
    flags: list[str] = Field(
        default_factory=list,
        description="doubts: lost_zero (二一一年 read as 2011), damaged_day (2月2223日)",
    )


class Phrase(Span):
    """A stretch of the text that names something: a giver, a recipient, what is counted."""

    text: str


class Amount(Span):
    """A money mention; ``value`` is in the currency's unit (yuan for CNY), never a float."""

    text: str
    value: Decimal | None = Field(description="null when masked (xx万元)")
    currency: str = Field("CNY", description="ISO 4217 code: CNY, USD, HKD, EUR, JPY …")
    bound: Literal["exact", "at_least", "at_most", "about", "range"] = "exact"
    low: Decimal | None = Field(None, description="at_least and range: the lower end")
    high: Decimal | None = Field(None, description="at_most and range: the upper end")
    masked: bool = Field(False, description="a placeholder for a deleted number: xx万元, ???元")
    purpose: str | None = Field(None, description="the stated use: 用于【学校的教学奖励】")
    section_path: list[int] = Field(default_factory=list)
    per: str | None = Field(
        None, description="rate label in Simplified: 人 for 人均/每人, 户, 年 …; the first of two"
    )
    action: str | None = Field(
        None, description="what was done with it, in Simplified: 捐款, 捐资, 拨付, 查出违规金额 …"
    )
    giver: Phrase | None = Field(None, description="who gave or spent it, when the clause says")
    recipient: Phrase | None = Field(None, description="for whom, when the clause says")
    role: Literal["total", "part"] | None = Field(
        None, description="a total (共计 …, or followed by 其中) or a part of one (其中 …)"
    )
    part_of: int | None = Field(None, description="index in Document.amounts of its total")
    beneficiaries: int | None = Field(
        None, description="index in Document.quantities of the people or households it was for"
    )
    per_beneficiary: Decimal | None = Field(
        None, description="value divided by that count, to the cent (half up)"
    )
    rule: str | None = Field(None, description="id of the money rule that matched")


class Quantity(Span):
    """A count: a number with its classifier (117名, 五所, 4.26万余人次)."""

    text: str
    value: Decimal | None
    unit: str = Field(description="the classifier as written: 户, 名, 個教學班, 人次 …")
    section_path: list[int] = Field(default_factory=list)
    bound: Literal["exact", "at_least", "at_most", "about", "range"] = "exact"
    low: Decimal | None = None
    high: Decimal | None = None
    counts: Phrase | None = Field(None, description="what it counts, when the words follow it")
    rule: str | None = Field(None, description="id of the quantity rule that matched")


class Mention(Span):
    text: str
    section_path: list[int] = Field(default_factory=list)


class Post(_Model):
    """One post as written, with the unit and the responsibility the text states for it."""

    title: str = Field(description="the post as written: 副校长, 局党组书记, 组长")
    unit: str | None = Field(None, description="the organisation written with it: 人事科, 区教委")
    responsibility: str | None = Field(
        None, description="what the text says it covers: 鹅池校区 of 负责鹅池校区"
    )


class Person(_Model):
    name: str
    roles: list[str] = Field(default_factory=list)
    posts: list[Post] = Field(
        default_factory=list,
        description="the roles again, each with its unit and responsibility where stated",
    )
    organisation: str | None = None
    partial: bool = Field(
        False, description="a surname and a title (周主任) the document ties to no full name"
    )
    mentions: list[Mention] = Field(default_factory=list)


class Organisation(_Model):
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


class Place(_Model):
    name: str
    mentions: list[Mention] = Field(default_factory=list)


class Document(_Model):
    """One document found in one input; ``model_dump(mode="json")`` is the JSON contract."""

    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable: sha256 of the input bytes plus the document index")
    source: str | None = None
    index: int = Field(0, description="position of this document within its input")
    encoding: str = Field(description="detected encoding of the input bytes")
    input_format: Literal["text", "html"] = "text"
    title: str | None = None
    document_type: str | None = Field(
        None,
        description="总结, 计划, 述职报告, 调研报告, 讲话, 通知 … (Simplified), from the title",
    )
    issuer: str | None = None
    signed_date: DateMention | None = None
    text: str
    raw_start: int = Field(description="where this document's share of `original` begins")
    raw_end: int = Field(description="where this document's share of `original` ends")
    original: str = Field(description="the decoded input, unchanged: the evidence for raw offsets")
    repairs: list[Repair] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="warnings for a human reader")
    sections: list[Section] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)


def repair_models(rows: Iterable[RepairRow]) -> list[Repair]:
    """The ``Repair`` models of rows of its fields in order (``EditableText.repair_rows``).
    Each dict written out: ``dict(zip(fields, row))`` took 1.4 to 2.4 times as long."""
    return trusted(
        Repair,
        [
            {
                "kind": kind,
                "raw_start": raw_start,
                "raw_end": raw_end,
                "before": before,
                "after": after,
                "start": start,
                "rule": rule,
                "note": note,
                "absorbed": absorbed,
            }
            for kind, raw_start, raw_end, before, after, start, rule, note, absorbed in rows
        ],
    )


class ErrorRecord(_Model):
    """What the CLI writes for an input it could not turn into documents."""

    error: str = Field(description="error code, e.g. E101")
    source: str
    message: str
