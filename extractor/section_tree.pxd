# Types for when the wheel compiles section_tree.py (hatch_build.py); pure Python ignores this file.
import cython

from extractor.offsets cimport position_index


cdef class SectionPaths:
    cdef list _changes, _paths

    @cython.locals(fields=dict, path=list)
    cdef void _add(self, list sections, list outer)

    @cython.locals(index=Py_ssize_t)
    cpdef list at(self, Py_ssize_t offset)
