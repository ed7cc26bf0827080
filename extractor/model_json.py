"""The JSON a batch writes, without the models: a document's, with its repairs written
straight from the repair log.

``model_dump_json`` of a ``Document`` whose ``repairs`` are models costs a ``Repair`` built
and serialised for each (a pinyin page logs hundreds); a batch never reads them, so
``repairs_json`` writes their JSON from ``EditableText``'s map and ``document_json`` puts it
where pydantic-core writes the document's empty list. Kept apart from ``model``, which defines
what the JSON holds: this module only writes it, the part tuned for speed.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import TYPE_CHECKING

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

if TYPE_CHECKING:
    from extractor.model import Document
    from extractor.offsets import EditableText

if not cython.compiled:  # CPython's own functions, cimported in model_json.pxd; compiled only
    PyByteArray_Resize = PyByteArray_AS_STRING = None
    PyBytes_AS_STRING = PyBytes_FromStringAndSize = memcpy = None


def document_json(document: Document, repairs: bytes) -> bytes:
    """``document.model_dump_json()`` in UTF-8 once its repairs are those ``repairs`` writes
    (the JSON of each, comma-separated: ``repairs_json``), for a document whose repairs are
    still empty: a batch writes each document once and never reads its repairs, so no
    ``Repair`` model is built (about 4,500 instructions each, and pydantic-core's JSON of one
    about 8,000). pydantic-core writes UTF-8 (``model_dump_json`` decodes it), which is what a
    batch stores. The document's own JSON holds ``"repairs":[]`` once outside its strings (a
    quote inside a string is escaped), where the list goes."""
    if document.repairs:
        raise ValueError("document_json writes the repairs of a document that has none yet")
    written = document.__pydantic_serializer__.to_json(document)
    at = written.index(_NO_REPAIRS) + _INTO_REPAIRS
    view = memoryview(written)  # its two parts copied once, into the line
    return b"".join((view[:at], repairs, view[at:]))


_NO_REPAIRS = b',"repairs":[],'
_INTO_REPAIRS = len(b',"repairs":[')


def repairs_json(editable: EditableText, start: int, end: int, last: bool) -> bytes:
    """The JSON of ``repair_models(editable.repair_rows(start, end, last=last))``'s items,
    comma-separated, in UTF-8, as pydantic-core writes them: keys in ``Repair``'s order, strings
    escaped as JSON needs and nothing more (the standard library's escapes are serde_json's), no
    spaces. Written straight from the map's lists, read by index (``EditableText.log_range``), with
    no row each (a tuple and its unpacking, a list for ``absorbed``), into one buffer: each repair
    its offsets' digits (``_put_digits``) and its strings escaped (``_put_quoted``) between parts
    kept in UTF-8 once made (its opening by kind, its closing by rule). Compiled, all are C
    copies into a buffer that doubles as it fills (``_put``), where a string of each repair's
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
            before, after = _quote(original[raw_start:raw_end]), _quote(text[at:piece_end])
            written += _REPAIR % (opening, raw_start, raw_end, before.encode(), after.encode())
            written += b"%d%b" % (at - start, closing)
            size = len(written)
            continue
        size = _put_digits(written, _put(written, size, opening), raw_start)
        size = _put_digits(written, _put(written, size, _RAW_END), raw_end)
        size = _put_quoted(written, _put(written, size, _BEFORE), original, raw_start, raw_end)
        if piece_end > at:
            size = _put_quoted(written, _put(written, size, _AFTER), text, at, piece_end)
            size = _put(written, size, _START)
        else:
            size = _put(written, size, _NO_AFTER)
        size = _put_digits(written, size, at - start)
        size = _put(written, size, closing)
    return _taken(written, size)


_NO_RUN = object()  # no kind or rule: the first repair, or one with a closing of its own


_quote = encode_basestring  # the string in quotes; not ASCII-only, as model_dump_json writes
_RAW_END, _BEFORE, _AFTER, _START = b',"raw_end":', b',"before":', b',"after":', b',"start":'
_NO_AFTER = b',"after":"","start":'  # what nearly every repair writes: a deletion
_REPAIR = b'%b%d,"raw_end":%d,"before":%b,"after":%b,"start":'  # its fields up to its start


def _put(written: bytearray, size: int, part: bytes) -> int:
    """``written`` with ``part`` after its first ``size`` bytes; the size then. Compiled, a C
    copy into room beyond ``size`` (the buffer doubles when it runs out); interpreted,
    ``written`` holds just the ``size`` bytes, and ``part`` is added to it."""
    if not cython.compiled:
        written += part
        return size + len(part)
    end = size + len(part)
    if end > len(written):
        PyByteArray_Resize(written, 2 * end)
    memcpy(PyByteArray_AS_STRING(written) + size, PyBytes_AS_STRING(part), len(part))
    return end


def _put_digits(written: bytearray, size: int, value: int) -> int:
    """``_put`` of ``value`` in decimal: compiled, its digits written in C from the last."""
    if not cython.compiled or value < 0:
        return _put(written, size, b"%d" % value)
    end, rest = size + 1, value
    while rest >= 10:
        rest //= 10
        end += 1
    if end > len(written):
        PyByteArray_Resize(written, 2 * end)
    digits = PyByteArray_AS_STRING(written)
    at = end
    while at > size:
        at -= 1
        digits[at] = 48 + value % 10  # "0" and on
        value //= 10
    return end


def _taken(written: bytearray, size: int) -> bytes:
    """The first ``size`` bytes of ``written`` but the first (a comma) as bytes."""
    if not size:
        return b""
    if not cython.compiled:
        return bytes(written[1:])
    return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(written) + 1, size - 1)


def _put_quoted(written: bytearray, size: int, text: str, start: int, end: int) -> int:
    """``_put`` of ``_quote(text[start:end])`` in UTF-8. Compiled, escaped and encoded in C a
    character at a time, with no slice (a repair's ``before`` was sliced, quoted and encoded,
    or looked up once made, at ~700 instructions); a lone surrogate, which UTF-8 cannot hold,
    goes the interpreted way, which raises as ``str.encode`` does."""
    if not cython.compiled:
        return _put(written, size, _quote(text[start:end]).encode())
    room = size + 6 * (end - start) + 2  # at most 6 bytes a character (a control one)
    if room > len(written):
        PyByteArray_Resize(written, 2 * room)
    out = PyByteArray_AS_STRING(written)
    out[size] = 34  # "
    at = size + 1
    for index in range(start, end):
        char = text[index]
        if 32 <= char < 128 and char != 34 and char != 92:  # as it is
            out[at] = char
            at += 1
        elif char >= 128:
            at = _put_utf8(out, at, char)
            if at < 0:
                return _put(written, size, _quote(text[start:end]).encode())
        else:
            at = _put_escape(out, at, char)
    out[at] = 34
    return at + 1


def _put_utf8(out: bytearray, at: int, code: int) -> int:
    """Compiled only: the non-ASCII code point ``code`` in UTF-8 at ``out[at]`` (``out`` the
    buffer's C bytes); where it ends, or -1 for a surrogate."""
    if code < 0x800:
        out[at] = 0xC0 | (code >> 6)
        out[at + 1] = 0x80 | (code & 0x3F)
        return at + 2
    if code < 0x10000:
        if 0xD800 <= code < 0xE000:
            return -1
        out[at] = 0xE0 | (code >> 12)
        out[at + 1] = 0x80 | ((code >> 6) & 0x3F)
        out[at + 2] = 0x80 | (code & 0x3F)
        return at + 3
    out[at] = 0xF0 | (code >> 18)
    out[at + 1] = 0x80 | ((code >> 12) & 0x3F)
    out[at + 2] = 0x80 | ((code >> 6) & 0x3F)
    out[at + 3] = 0x80 | (code & 0x3F)
    return at + 4


def _put_escape(out: bytearray, at: int, code: int) -> int:
    """Compiled only: the ASCII code point ``code`` escaped at ``out[at]`` as ``_quote``
    escapes it: a quote or backslash after a backslash, a control character by its letter or
    as ``\\u00XX`` (lower-case hex, as json writes)."""
    out[at] = 92  # a backslash
    letter = _letter(code)
    if letter:
        out[at + 1] = letter
        return at + 2
    out[at + 1], out[at + 2], out[at + 3] = 117, 48, 48  # u00
    out[at + 4] = 48 + (code >> 4)
    low = code & 15
    out[at + 5] = 48 + low if low < 10 else 87 + low
    return at + 6


def _letter(code: int) -> int:
    """Compiled only: the letter after the backslash that escapes ``code`` (itself for a
    quote or a backslash), or 0 where ``_quote`` writes ``\\u00XX``."""
    if code == 34 or code == 92:
        return code
    if code == 8:
        return 98  # b
    if code == 9:
        return 116  # t
    if code == 10:
        return 110  # n
    if code == 12:
        return 102  # f
    if code == 13:
        return 114  # r
    return 0


def _or_null(value: str | None) -> str:
    return "null" if value is None else _quote(value)


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
    written = ",".join([_quote(k) for k in absorbed])
    closing = f',"rule":{_known(rule)},"note":{_or_null(note)},"absorbed":[{written}]}}'.encode()
    if kept:
        _CLOSINGS[rule] = closing
    return closing


_CLOSINGS: dict[str | None, bytes] = {}
