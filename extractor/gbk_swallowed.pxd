# What a ``?`` swallowed, in C when the wheel compiles gbk_swallowed.py (hatch_build.py): this
# file types what the .py declares; pure Python ignores it.
import cython

cdef bint _COMPILED  # read once a page: C, not the module's dict


@cython.locals(
    found=list, after_han=cython.bint, position=Py_ssize_t, char=Py_UCS4, ascii_char=cython.bint
)
cpdef list _marks_after_han(str document)
