# The character-by-character conversion in C when the wheel compiles views.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

cdef int _TURNS, _STARTS, _OPENCC
cdef Py_ssize_t _SHORT, _PAGE  # read on every call: C, not the module's dict
cdef bint _COMPILED


@cython.locals(
    table=str, size=Py_ssize_t, turnable=Py_ssize_t, place=Py_ssize_t, code=Py_ssize_t
)
cpdef Py_ssize_t _s2t_turns_at_most(str text)


@cython.locals(
    table=str,
    forms=dict,
    phrase_starts=frozenset,
    size=Py_ssize_t,
    place=Py_ssize_t,
    code=Py_ssize_t,
    flags=cython.int,
    turns=cython.bint,
)
cpdef _by_character(str text)


@cython.locals(parts=list, kept=Py_ssize_t, place=Py_ssize_t, code=Py_ssize_t)
cdef str _turned(str text, str table, dict forms)


@cython.locals(held=set, char=Py_UCS4)
cpdef set _held_forms(str text)
