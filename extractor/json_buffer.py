# cython: cdivision=True
# (C division: the digits' ``//`` and ``%`` act on values never negative here)
"""JSON written into one growing buffer: the parts ``model_json`` puts together, each a C copy
or a C loop when the wheel compiles this module (hatch_build.py).

Compiled, a bytearray is the buffer and its first ``size`` bytes are what is written so far; it
doubles when it runs out, and ``taken`` cuts the JSON out once. Interpreted, ``written`` holds
just the ``size`` bytes and each part is added to it. Strings are escaped as pydantic-core
(serde_json) and the standard library's ``encode_basestring`` escape them: quotes, backslashes
and control characters, nothing else (not DEL, not non-ASCII).
"""

from __future__ import annotations

from json.encoder import encode_basestring

try:
    import cython
except ImportError:  # no Cython where the package runs interpreted
    from types import SimpleNamespace

    cython = SimpleNamespace(compiled=False)

if not cython.compiled:  # CPython's own functions, cimported in json_buffer.pxd; compiled only
    PyByteArray_Resize = PyByteArray_AS_STRING = None
    PyBytes_AS_STRING = PyBytes_FromStringAndSize = memcpy = None
    PyUnicode_KIND = PyUnicode_DATA = PyUnicode_READ = None

quote = encode_basestring  # the string in quotes; not ASCII-only, as model_dump_json writes


def put(written: bytearray, size: int, part: bytes) -> int:
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


def put_digits(written: bytearray, size: int, value: int) -> int:
    """``put`` of ``value`` in decimal: compiled, its digits written in C from the last."""
    if not cython.compiled or value < 0:
        return put(written, size, b"%d" % value)
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


def taken(written: bytearray, start: int, size: int) -> bytes:
    """The bytes ``written[start:size]`` of the buffer's first ``size``."""
    if not cython.compiled:
        return bytes(written[start:])
    return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(written) + start, size - start)


def put_quoted(written: bytearray, size: int, text: str, start: int, end: int) -> int:
    """``put`` of ``quote(text[start:end])`` in UTF-8. Compiled, escaped and encoded in C a
    character at a time, with no slice (a repair's ``before`` was sliced, quoted and encoded,
    or looked up once made, at ~700 instructions); a lone surrogate, which UTF-8 cannot hold,
    goes the interpreted way, which raises as ``str.encode`` does."""
    if not cython.compiled:
        return put(written, size, quote(text[start:end]).encode())
    room = size + 6 * (end - start) + 2  # at most 6 bytes a character (a control one)
    if room > len(written):
        PyByteArray_Resize(written, 2 * room)
    out = PyByteArray_AS_STRING(written)
    out[size] = 34  # "
    at = size + 1
    # read straight from the string's own array, in its width (text[index] checked the index
    # and looked the width up again for each character: about 50 instructions one)
    kind, data = PyUnicode_KIND(text), PyUnicode_DATA(text)
    for index in range(start, end):
        char = PyUnicode_READ(kind, data, index)
        if 32 <= char < 128 and char != 34 and char != 92:  # as it is
            out[at] = char
            at += 1
        elif char >= 128:
            at = _put_utf8(out, at, char)
            if at < 0:
                return put(written, size, quote(text[start:end]).encode())
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
    """Compiled only: the ASCII code point ``code`` escaped at ``out[at]`` as ``quote``
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
    quote or a backslash), or 0 where ``quote`` writes ``\\u00XX``."""
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
