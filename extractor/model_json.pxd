# The repairs' JSON in C when the wheel compiles model_json.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython
from cpython.bytearray cimport PyByteArray_FromStringAndSize

from extractor.json_buffer cimport put, put_digits, put_quoted, taken

cdef extern from "Python.h":
    dict PyObject_GenericGetDict(object, void *)


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

@cython.locals(written=bytearray, size=Py_ssize_t)
cpdef json_of(model, repairs=*, Py_ssize_t room=*)

@cython.locals(values=dict, fields=list, count=Py_ssize_t, at=Py_ssize_t, field=_Field)
cdef Py_ssize_t _put_model(
    bytearray written, Py_ssize_t size, model, _Shape shape, repairs
) except -2

@cython.locals(items=list, index=Py_ssize_t)
cdef Py_ssize_t _put_value(bytearray written, Py_ssize_t size, _Field field, value) except -2

@cython.locals(kind=Py_ssize_t, text=str)
cdef Py_ssize_t _put_item(bytearray written, Py_ssize_t size, _Field field, value) except -2

cdef Py_ssize_t _STR, _INT, _BOOL, _DECIMAL, _MODEL, _OTHER


@cython.final
cdef class _Field:
    cdef readonly str name
    cdef bytes first_key, next_key, first_null, next_null
    cdef bint nullable, listed
    cdef Py_ssize_t kind
    cdef object model
    cdef _Shape shape


@cython.final
cdef class _Shape:
    cdef list fields
    cdef readonly dict named


cdef dict _SHAPES
cdef _Field _REPAIRS
