# Types for when the wheel compiles markers.py (hatch_build.py); pure Python ignores this file.
import cython


# A marker found a C class: its fields read in C by the structural pass (sections.pxd)
cdef class Candidate:
    cdef public Py_ssize_t start, end, n
    cdef public object style
    cdef public tuple number
    cdef public str position


cdef bint _RUNS_COMPILED
cdef int _CAN_OPEN, _CANNOT_OPEN, _ASCII
cdef Py_ssize_t _CODES


@cython.locals(
    opens=bytearray,
    pairs=bytearray,
    found=list,
    size=Py_ssize_t,
    position=Py_ssize_t,
    code=Py_ssize_t,
    prior=Py_ssize_t,
    flag=cython.int,
    twos=dict,
    two_gated=bint,
    two=Py_ssize_t,
)
cpdef list _matches(str view, grammar)


cpdef int _learnt(grammar, Py_ssize_t code)


cpdef int _learnt_pair(grammar, Py_ssize_t prior, Py_ssize_t code)


@cython.locals(twos=dict)
cpdef int _learnt_two(grammar, Py_ssize_t two)


cdef Py_ssize_t _two(Py_ssize_t code, Py_ssize_t following)
