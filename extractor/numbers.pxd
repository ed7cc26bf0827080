# Types for when the wheel compiles numbers.py (hatch_build.py); pure Python ignores this file.
# A parsed number a C class: made without Python bytecode, its fields read-only.
import cython


@cython.final
cdef class Number:
    cdef readonly object low, high
