# Types for when the wheel compiles offsets.py (hatch_build.py); pure Python ignores this file.
import cython

from extractor.piece_map cimport Pieces


@cython.locals(cursor=Py_ssize_t, at=Py_ssize_t, replacement=str)
cpdef str _spliced(str text, list starts, list ends, list replacements)


@cython.locals(previous_end=Py_ssize_t)
cpdef _overlapping(splices)


@cython.locals(
    in_order=bint,
    previous_end=Py_ssize_t,
    fields=tuple,
    low=Py_ssize_t,
    high=Py_ssize_t,
    replacement=str,
)
cdef bint _changes(
    str text, splices, list changes, list starts, list ends, list replacements
) except -1


@cython.locals(
    text_starts=list,
    raw_starts=list,
    splices=list,
    raw_start=Py_ssize_t,
    index=Py_ssize_t,
    last=Py_ssize_t,
    piece_start=Py_ssize_t,
    piece_raw_start=Py_ssize_t,
    piece_end=Py_ssize_t,
)
cdef tuple _raw_span(
    Pieces pieces, Py_ssize_t length, Py_ssize_t original_length, Py_ssize_t start, Py_ssize_t end
)


@cython.locals(low=Py_ssize_t, high=Py_ssize_t, middle=Py_ssize_t, middle_start=Py_ssize_t)
cpdef Py_ssize_t position_index(list starts, Py_ssize_t position)


@cython.final
cdef class EditableText:
    cdef readonly str original, text
    cdef Pieces _pieces

    cpdef tuple raw_span(self, Py_ssize_t start, Py_ssize_t end)
