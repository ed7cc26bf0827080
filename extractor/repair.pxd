# The prefilter's pass over a page in C when the wheel compiles repair.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

cdef int _IS_ANY, _IS_UNCOMMON, _IS_LONE
cdef bytes _SUSPECT_FLAGS
cdef bint _COMPILED


@cython.locals(flags=bytes, previous=cython.int, own=cython.int, code=Py_ssize_t, char=Py_UCS4)
cpdef bint _suspect_pair_in(str text)
