# The character-by-character conversion in C when the wheel compiles views.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

cdef int _TURNS, _STARTS, _OPENCC
cdef Py_ssize_t _SHORT, _PAGE  # read on every call: C, not the module's dict
cdef bint _COMPILED


@cython.locals(table=str, size=Py_ssize_t, turnable=Py_ssize_t, char=Py_UCS4, code=Py_ssize_t)
cpdef Py_ssize_t _s2t_turns_at_most(str text)


@cython.locals(
    table=bytes,
    forms=str,
    phrase_starts=frozenset,
    place=Py_ssize_t,
    char=Py_UCS4,
    code=Py_ssize_t,
    flags=cython.int,
    turns=cython.bint,
)
cpdef _by_character(str text)


# A text's code points copied, turned in place, and made a string again (CPython's calls)
cdef extern from "Python.h":
    Py_UCS4 *PyUnicode_AsUCS4Copy(object text) except NULL
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    void PyMem_Free(void *pointer)


cdef int _FOUR_BYTES
ctypedef Py_UCS4 *_CodePoints


@cython.locals(points=_CodePoints, place=Py_ssize_t, char=Py_UCS4, code=Py_ssize_t)
cdef str _turned(str text, bytes table, str forms)


@cython.locals(held=set, char=Py_UCS4)
cpdef set _held_forms(str text)
