# Types for when the wheel compiles figures.py (hatch_build.py); pure Python ignores this file.
# The locator a C class: its fields read and its methods called in C for each item.
import cython

from extractor.sections cimport SectionPaths


cdef class _Locator:
    cdef object document, editable
    cdef Py_ssize_t offset
    cdef str text
    cdef SectionPaths section_paths

    cdef tuple _raw(self, Py_ssize_t start, Py_ssize_t end)
    cdef dict _phrase_fields(self, tuple span)
    cdef object _phrase(self, tuple span)
    cpdef list quantities(self, list counts)
    cpdef dict amount(self, money, list counts)


cpdef _pair(span)
cpdef _beneficiaries(money, list counts)
