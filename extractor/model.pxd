# The repairs' JSON in C when the wheel compiles model.py (hatch_build.py): this file types
# what the .py declares; pure Python ignores it.
import cython


@cython.locals(raw_start=Py_ssize_t, raw_end=Py_ssize_t, start=Py_ssize_t, absorbed=list)
cdef str _repair_json(tuple row)

cdef str _or_null(value)

@cython.locals(quoted=str)
cdef str _known(value)

cdef dict _QUOTED
