# A stretch re-paired in C when the wheel compiles gbk_shifted.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython


@cython.locals(
    repaired=dict, words=dict, left=bytes, right=bytes, previous=str, char=str, position=Py_ssize_t
)
cpdef bint reads_shifted(str text, Py_ssize_t start, Py_ssize_t end, model)
