# cython: boundscheck=False, wraparound=False
# (every list or tuple index read here is in range and not negative: items read in C, unchecked)
"""The JSON a batch writes, without the models: a document's, with its repairs written
straight from the repair log.

``model_dump_json`` of a ``Document`` whose ``repairs`` are models costs a ``Repair`` built
and serialised for each (a pinyin page logs hundreds); a batch never reads them, so
``repairs_json`` writes their JSON from ``EditableText``'s map and ``document_json`` puts it
where the document's empty list goes. Compiled, the rest of the document is written here too
(``json_of``), from the fields' types as ``model`` declares them. Kept apart from ``model``,
which defines what the JSON holds: this module only writes it, the part tuned for speed.
"""

from __future__ import annotations

from decimal import Decimal
from types import UnionType
from typing import TYPE_CHECKING, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

from extractor.json_buffer import put, put_digits, put_quoted, quote, taken
from extractor.model import Document

if not cython.compiled:  # CPython's own functions, declared in model_json.pxd; compiled only
    PyByteArray_FromStringAndSize = PyObject_GenericGetDict = None

if TYPE_CHECKING:
    from extractor.offsets import EditableText


def document_json(document: Document, repairs: bytes) -> bytes:
    """``document.model_dump_json()`` in UTF-8 once its repairs are those ``repairs`` writes
    (the JSON of each, comma-separated: ``repairs_json``), for a document whose repairs are
    still empty: a batch writes each document once and never reads its repairs, so no
    ``Repair`` model is built (about 4,500 instructions each, and pydantic-core's JSON of one
    about 8,000). pydantic-core writes UTF-8 (``model_dump_json`` decodes it), which is what a
    batch stores. Compiled, ``json_of`` writes it all; otherwise (or for a value it leaves to
    pydantic-core) the document's own JSON holds ``"repairs":[]`` once outside its strings (a
    quote inside a string is escaped), where the list goes."""
    if document.repairs:
        raise ValueError("document_json writes the repairs of a document that has none yet")
    if cython.compiled:  # interpreted, pydantic-core's writer costs less than ``json_of``
        room = len(repairs) + 6 * (len(document.original) + len(document.text)) + 2**16
        line = json_of(document, repairs, room)
        if line is not None:
            return line
    written = document.__pydantic_serializer__.to_json(document)
    at = written.index(_NO_REPAIRS) + _INTO_REPAIRS
    view = memoryview(written)  # its two parts copied once, into the line
    return b"".join((view[:at], repairs, view[at:]))


_NO_REPAIRS = b',"repairs":[],'
_INTO_REPAIRS = len(b',"repairs":[')


def json_of(model: BaseModel, repairs: bytes | None = None, room: int = 0) -> bytes | None:
    """``model.model_dump_json()`` in UTF-8, written here from the fields' types as ``model``
    declares them (``_Shape``), or None where a value is not of its field's type (pydantic-core
    then writes it, and warns). A document's ``repairs`` hold the JSON ``repairs`` (its list's
    items, comma-separated) when given. pydantic-core's JSON of a document cost about 1.1
    million instructions compiled (some 13,000 a count or an amount); here each field is a
    type check and a C copy or loop. Compiled, ``room`` bytes are made at once, uninitialised,
    when given: the buffer is not grown and copied as it fills (a document's original alone
    takes up to 6 bytes a character before its size is known)."""
    written = bytearray()
    if cython.compiled and room:
        written = PyByteArray_FromStringAndSize(cython.NULL, room)
    size = _put_model(written, 0, model, _shape(type(model)), repairs)
    return None if size < 0 else taken(written, 0, size)


def _put_model(
    written: bytearray, size: int, model: BaseModel, shape: _Shape, repairs: bytes | None
) -> int:
    """``put`` of ``model``'s JSON, or -1. pydantic-core writes a model's ``__dict__`` in its
    order (the fields' order, as the stages build them: each field found by its place, no
    lookup), skipping keys that are no field (here: -1). The brace goes with the first key, a
    null with its key: one copy each."""
    fields, count = shape.fields, len(shape.fields)
    # compiled, the model's own dict read in C: ``model.__dict__`` went through the slot that
    # BaseModel's ``__getattr__`` gives its class (about 340 instructions a model)
    values = PyObject_GenericGetDict(model, cython.NULL) if cython.compiled else model.__dict__
    at = 0
    for name, value in values.items():
        field = fields[at] if at < count else None
        if field is None or field.name is not name:
            field = shape.named.get(name)
            if field is None:
                return -1
        if value is None and field.nullable:
            size = put(written, size, field.next_null if at else field.first_null)
        elif field is _REPAIRS and repairs is not None:
            size = put(written, size, field.next_key if at else field.first_key)
            size = put(written, put(written, put(written, size, b"["), repairs), b"]")
        else:
            size = put(written, size, field.next_key if at else field.first_key)
            size = _put_value(written, size, field, value)
            if size < 0:
                return -1
        at += 1
    return put(written, size, b"}" if at else b"{}")


def _put_value(written: bytearray, size: int, field: _Field, value: object) -> int:
    """``put`` of one field's value (null, an item or a list of items), or -1."""
    if value is None:
        return put(written, size, b"null") if field.nullable else -1
    if not field.listed:
        return _put_item(written, size, field, value)
    if type(value) is not list:
        return -1
    items = value
    size = put(written, size, b"[")
    for index in range(len(items)):
        if index:
            size = put(written, size, b",")
        size = _put_item(written, size, field, items[index])
        if size < 0:
            return -1
    return put(written, size, b"]")


def _put_item(written: bytearray, size: int, field: _Field, value: object) -> int:
    """``put`` of one value of the field's item type, or -1 for a value of another type."""
    kind = field.kind
    if kind == _STR and type(value) is str:
        return put_quoted(written, size, value, 0, len(value))
    if kind == _INT and type(value) is int:
        if -999_999_999_999_999_999 <= value <= 999_999_999_999_999_999:  # a C integer
            return put_digits(written, size, value)
        return put(written, size, b"%d" % value)
    if kind == _MODEL and type(value) is field.model:
        return _put_model(written, size, value, field.shape, None)
    if kind == _DECIMAL and type(value) is Decimal:  # as a string, as pydantic-core writes it
        text = str(value)
        return put_quoted(written, size, text, 0, len(text))
    if kind == _BOOL and (value is True or value is False):
        return put(written, size, b"true" if value else b"false")
    return -1


_STR, _INT, _BOOL, _DECIMAL, _MODEL, _OTHER = range(6)  # a field's item types


class _Field:
    """How one field is written: its key (first, after the brace, or after a comma; with a null
    or not), whether it may be null, whether it holds a list, and its item type (``_MODEL``:
    that model's ``shape``)."""

    def __init__(self, name: str, info: FieldInfo) -> None:
        self.name = name
        key = f'"{name}":'.encode()  # a field's name is an identifier: no escapes
        self.first_key, self.next_key = b"{" + key, b"," + key
        self.first_null, self.next_null = b"{" + key + b"null", b"," + key + b"null"
        inner, arguments = info.annotation, get_args(info.annotation)
        self.nullable = get_origin(inner) in (Union, UnionType) and type(None) in arguments
        if self.nullable:
            others = [argument for argument in arguments if argument is not type(None)]
            inner = others[0] if len(others) == 1 else object
        self.listed = get_origin(inner) is list
        if self.listed:
            inner = get_args(inner)[0]
        renamed = info.alias or info.serialization_alias or info.exclude
        self.kind = _OTHER if renamed else _kind(inner)
        self.model = inner if self.kind == _MODEL else None
        self.shape = _shape(inner) if self.kind == _MODEL else None


def _kind(item: object) -> int:
    if get_origin(item) is Literal:
        return _STR if all(type(value) is str for value in get_args(item)) else _OTHER
    if isinstance(item, type) and issubclass(item, BaseModel):
        return _MODEL
    return _KINDS.get(item, _OTHER)


_KINDS = {str: _STR, int: _INT, bool: _BOOL, Decimal: _DECIMAL}


class _Shape:
    """A model's fields in order (``fields``) and by name (``named``). A model that serialises
    itself (a field or model serializer, a computed field) gets none: its every key is then no
    field, and pydantic-core writes it (``_put_model``'s -1)."""

    def __init__(self, model: type[BaseModel]) -> None:
        _SHAPES[model] = self  # first: a model may hold itself (a section's children)
        decorators = model.__pydantic_decorators__
        custom = decorators.field_serializers or decorators.model_serializers
        fields = {} if custom or model.model_computed_fields else model.model_fields
        self.fields = [_Field(name, info) for name, info in fields.items()]
        self.named = {field.name: field for field in self.fields}


def _shape(model: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(model)
    return _Shape(model) if shape is None else shape


_SHAPES: dict[type[BaseModel], _Shape] = {}
_REPAIRS = _shape(Document).named["repairs"]  # where a document's repairs go


def repairs_json(editable: EditableText, start: int, end: int, last: bool) -> bytes:
    """The JSON of ``repair_models(editable.repair_rows(start, end, last=last))``'s items,
    comma-separated, in UTF-8, as pydantic-core writes them: keys in ``Repair``'s order, strings
    escaped as JSON needs and nothing more (the standard library's escapes are serde_json's), no
    spaces. Written straight from the map's lists, read by index (``EditableText.log_range``), with
    no row each (a tuple and its unpacking, a list for ``absorbed``), into one buffer: each repair
    its offsets' digits (``put_digits``) and its strings escaped (``put_quoted``) between parts
    kept in UTF-8 once made (its opening by kind, its closing by rule). Compiled, all are C
    copies into a buffer that doubles as it fills (``put``), where a string of each repair's
    ASCII fields, formatted and then encoded, cost about 3,900 instructions a repair.
    ``tests/test_model_json.py`` checks it against ``model_dump_json`` on made-up logs."""
    original, text = editable.original, editable.text
    pieces, first, stop = editable.log_range(start, end, last=last)
    splices, starts, absorbeds = pieces.splices, pieces.text_starts, pieces.absorbed
    raw_starts, raw_ends = pieces.raw_starts, pieces.raw_ends
    count = len(starts)
    written, size = bytearray(), 0  # each repair after a comma: the first one's is dropped
    # the kind and the rule the last opening and closing were made for: a page's repairs come in
    # runs of one kind and rule (its pinyin readings), whose parts are written again as they are
    opened = closed = _NO_RUN
    for index in range(first, stop):  # by index: no tuple a piece, no slices of the lists
        splice = splices[index]
        if splice is None:  # copied text
            continue
        at, raw_start, raw_end = starts[index], raw_starts[index], raw_ends[index]
        piece_end = starts[index + 1] if index + 1 < count else len(text)
        if cython.compiled:  # a ``Splice`` read as the tuple it is: three items read in C
            fields = cython.cast(tuple, splice)  # (its class's own indexing costs more)
            kind, rule, note = fields[3], fields[4], fields[5]
        else:  # one slice costs less than three fields (and than a cast)
            kind, rule, note = splice[3:]
        if kind is not opened:
            opened, opening = kind, _opening(kind)
        absorbed = absorbeds[index]
        if note is not None or absorbed or rule is not closed:
            closing = _closing(rule, note, absorbed)
            closed = rule if note is None and not absorbed else _NO_RUN
        if not cython.compiled:  # interpreted, one format a repair (a call a part cost 4% more)
            before, after = quote(original[raw_start:raw_end]), quote(text[at:piece_end])
            written += _REPAIR % (opening, raw_start, raw_end, before.encode(), after.encode())
            written += b"%d%b" % (at - start, closing)
            size = len(written)
            continue
        size = put_digits(written, put(written, size, opening), raw_start)
        size = put_digits(written, put(written, size, _RAW_END), raw_end)
        size = put_quoted(written, put(written, size, _BEFORE), original, raw_start, raw_end)
        if piece_end > at:
            size = put_quoted(written, put(written, size, _AFTER), text, at, piece_end)
            size = put(written, size, _START)
        else:
            size = put(written, size, _NO_AFTER)
        size = put_digits(written, size, at - start)
        size = put(written, size, closing)
    return taken(written, 1, size) if size else b""  # the first repair's comma dropped


_NO_RUN = object()  # no kind or rule: the first repair, or one with a closing of its own


_RAW_END, _BEFORE, _AFTER, _START = b',"raw_end":', b',"before":', b',"after":', b',"start":'
_NO_AFTER = b',"after":"","start":'  # what nearly every repair writes: a deletion
_REPAIR = b'%b%d,"raw_end":%d,"before":%b,"after":%b,"start":'  # its fields up to its start


def _or_null(value: str | None) -> str:
    return "null" if value is None else quote(value)


def _known(value: str | None) -> str:
    """``_or_null`` for a repair's kind or rule id, a few dozen in all: each quoted once."""
    quoted = _QUOTED.get(value)
    if quoted is None:
        quoted = _QUOTED[value] = _or_null(value)
    return quoted


_QUOTED: dict[str | None, str] = {}


def _opening(kind: str) -> bytes:
    """A repair's comma, brace, kind and ``raw_start`` key in UTF-8, made once a kind."""
    opening = _OPENINGS.get(kind)
    if opening is None:
        opening = _OPENINGS[kind] = f',{{"kind":{_known(kind)},"raw_start":'.encode()
    return opening


_OPENINGS: dict[str, bytes] = {}


def _closing(rule: str | None, note: str | None, absorbed: tuple[str, ...]) -> bytes:
    """A repair's last fields (rule, note, absorbed) and its closing brace in UTF-8. Nearly
    every repair of a page has no note and absorbed nothing (a pinyin reading's deletion):
    those are kept by rule, written once."""
    kept = note is None and not absorbed
    if kept:
        closing = _CLOSINGS.get(rule)
        if closing is not None:
            return closing
    written = ",".join([quote(k) for k in absorbed])
    closing = f',"rule":{_known(rule)},"note":{_or_null(note)},"absorbed":[{written}]}}'.encode()
    if kept:
        _CLOSINGS[rule] = closing
    return closing


_CLOSINGS: dict[str | None, bytes] = {}
