# The annotation scan in C types when the wheel compiles pinyin.py (hatch_build.py): the
# offsets as Py_ssize_t, the opener and the character before it as Py_UCS4 (tested by C
# comparisons, no string made of them); pure Python ignores this file.
import cython
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_SET_ITEM

cdef Py_ssize_t _LONGEST_READING, _NEAR
cdef bint _COMPILED


@cython.locals(
    readings=frozenset,
    owned=dict,
    own=str,
    splices=list,
    hints=list,
    close=Py_ssize_t,
    reach=Py_ssize_t,
    start=Py_ssize_t,
    end=Py_ssize_t,
    at=Py_ssize_t,
    anchor=Py_ssize_t,
    anchor_of_last=Py_ssize_t,
    last_end=Py_ssize_t,
    opener=Py_UCS4,
    char=Py_UCS4,
    reading=str,
    follows_reading=bint,
)
cpdef tuple find_annotations(str text)


@cython.locals(char=Py_UCS4, reading=str, fitting_readers=dict, fitting=frozenset)
cpdef bint _is_own(str own, dict owned)


@cython.locals(at=Py_ssize_t)
cpdef Py_ssize_t _last(str text, Py_UCS4 char, Py_ssize_t start, Py_ssize_t end)


@cython.locals(near=Py_ssize_t, at=Py_ssize_t)
cpdef Py_ssize_t _next(str text, Py_UCS4 char, Py_ssize_t start)


# A character's own reading's splice allocated and filled in C (CPython's calls; the allocator
# declared with its type argument as CPython has it, which cpython.type gives as an object)
cdef extern from "Python.h":
    object PyType_GenericAlloc(type subtype, Py_ssize_t nitems)


cdef tuple _OWN_FIELDS


@cython.locals(index=Py_ssize_t)
cdef _own_splice(Py_ssize_t start, Py_ssize_t end)


cdef void _put(object fields, Py_ssize_t index, object item)
