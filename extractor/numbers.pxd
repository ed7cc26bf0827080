# Types for when the wheel compiles numbers.py (hatch_build.py); pure Python ignores this file.
# A parsed number a C class: made without Python bytecode, its fields read-only.
import cython


@cython.final
cdef class Number:
    cdef readonly object low, high


# a page's characters read by a C loop, each past ASCII and the CJK ideographs asked of the
# Unicode database
@cython.locals(char=Py_UCS4, code=Py_ssize_t)
cpdef bint ascii_digits_only(str view)
