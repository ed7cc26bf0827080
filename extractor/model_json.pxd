# The repairs' JSON in C when the wheel compiles model_json.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython
from cpython.bytearray cimport PyByteArray_AS_STRING, PyByteArray_Resize
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from libc.string cimport memcpy


@cython.locals(
    original=str,
    text=str,
    written=bytearray,
    size=Py_ssize_t,
    fields=tuple,
    opening=bytes,
    closing=bytes,
    absorbed=tuple,
    at=Py_ssize_t,
    piece_end=Py_ssize_t,
    raw_start=Py_ssize_t,
    raw_end=Py_ssize_t,
    splices=list,
    starts=list,
    absorbeds=list,
    raw_starts=list,
    raw_ends=list,
    count=Py_ssize_t,
    index=Py_ssize_t,
    first=Py_ssize_t,
    stop=Py_ssize_t,
)
cpdef bytes repairs_json(editable, Py_ssize_t start, Py_ssize_t end, bint last)

cdef object _NO_RUN
cdef bytes _RAW_END, _BEFORE, _AFTER, _START, _NO_AFTER, _REPAIR

@cython.locals(end=Py_ssize_t)
cdef Py_ssize_t _put(bytearray written, Py_ssize_t size, bytes part) except -1

@cython.locals(end=Py_ssize_t, rest=Py_ssize_t, at=Py_ssize_t, digits=cython.p_char)
cdef Py_ssize_t _put_digits(bytearray written, Py_ssize_t size, Py_ssize_t value) except -1

cdef bytes _taken(bytearray written, Py_ssize_t size)

cdef str _or_null(value)

@cython.locals(quoted=str)
cdef str _known(value)

cdef dict _QUOTED

@cython.locals(opening=bytes)
cdef bytes _opening(kind)

cdef dict _OPENINGS

@cython.locals(kept=bint, closing=bytes, written=str)
cdef bytes _closing(rule, note, tuple absorbed)

cdef dict _CLOSINGS

@cython.locals(
    room=Py_ssize_t, out=cython.p_char, at=Py_ssize_t, index=Py_ssize_t, char=Py_UCS4
)
cdef Py_ssize_t _put_quoted(
    bytearray written, Py_ssize_t size, str text, Py_ssize_t start, Py_ssize_t end
) except -1

cdef Py_ssize_t _put_utf8(char *out, Py_ssize_t at, Py_ssize_t code) noexcept

@cython.locals(letter=Py_ssize_t, low=Py_ssize_t)
cdef Py_ssize_t _put_escape(char *out, Py_ssize_t at, Py_ssize_t code) noexcept

cdef Py_ssize_t _letter(Py_ssize_t code) noexcept
