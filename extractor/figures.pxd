# Types for when the wheel compiles figures.py (hatch_build.py); pure Python ignores this file.
# The locator a C class: its fields read and its methods called in C for each item; the
# stages' mentions and counts C classes, their fields read in C.
import cython

from extractor.amounts cimport Money, Span
from extractor.quantities cimport Count
from extractor.section_tree cimport SectionPaths


cdef class _Locator:
    cdef object document, editable
    cdef Py_ssize_t offset
    cdef str text
    cdef SectionPaths section_paths

    cdef tuple _raw(self, Py_ssize_t start, Py_ssize_t end)
    cdef dict _phrase_fields(self, tuple span)
    cdef object _phrase(self, tuple span)
    @cython.locals(count=Count, start=Py_ssize_t, end=Py_ssize_t)
    cpdef list quantities(self, list counts)
    @cython.locals(purpose=Span)
    cpdef dict amount(self, Money money, list counts)


cpdef _pair(Span span)
@cython.locals(count=Count)
cpdef _beneficiaries(Money money, list counts)

cdef bint _COMPILED  # read once a page: C, not the module's dict
