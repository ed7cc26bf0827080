# A stretch re-paired in C when the wheel compiles gbk_shifted.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython

cdef Py_ssize_t _NO_PAIR, _BMP
cdef unsigned int[::1] _CODES


@cython.locals(
    repaired=list, words=dict, left=cython.uint, right=cython.uint, previous=str, char=str,
    position=Py_ssize_t
)
cpdef bint reads_shifted(str text, Py_ssize_t start, Py_ssize_t end, model)


cpdef bint has_two_bytes(str char)


@cython.locals(point=Py_UCS4, code=cython.uint, pair=bytes)
cpdef unsigned int _code_at(str text, Py_ssize_t position)


@cython.final
cdef class ShiftedPage:
    cdef str text
    cdef readonly object model
    cdef Py_ssize_t low, high

    @cython.locals(first=Py_ssize_t, low=Py_ssize_t, high=Py_ssize_t, found=cython.bint)
    cpdef bint reads(self, Py_ssize_t start, Py_ssize_t end)
