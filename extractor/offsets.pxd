# Types for when the wheel compiles offsets.py (hatch_build.py); pure Python ignores this file.
import cython


@cython.locals(cursor=Py_ssize_t, at=Py_ssize_t)
cpdef str _spliced(str text, list starts, list ends, list replacements)


@cython.locals(previous_end=Py_ssize_t)
cpdef _overlapping(splices)
