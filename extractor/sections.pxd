# Types for when the wheel compiles sections.py (hatch_build.py); pure Python ignores this file.
import cython


cdef class SectionPaths:
    cdef list _changes, _paths

    @cython.locals(fields=dict, path=list)
    cdef void _add(self, list sections, list outer)

    @cython.locals(
        changes=list, low=Py_ssize_t, high=Py_ssize_t, middle=Py_ssize_t, change=Py_ssize_t
    )
    cpdef list at(self, Py_ssize_t offset)
