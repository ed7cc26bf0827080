# Types for when the wheel compiles quantities.py (hatch_build.py); pure Python ignores this file.
import cython

# The span helpers cimported: a C call each (through Python, a call to
# ``overlaps`` cost more than its search), once per page and twice per count.
from extractor.figure_spans cimport overlaps, veto_spans


# A count a C class: made without Python bytecode, its fields read in C here and by the
# figures stage's locator.
@cython.final
cdef class Count:
    cdef public Py_ssize_t start, end, unit_start, unit_end
    cdef public str rule, bound
    cdef public object value, low, high
    cdef public tuple counted
    cdef public bint people


# The counts typed where the stage reads their fields (a Python attribute lookup each, ten
# thousand on 30 pages, untyped).
@cython.locals(count=Count, rule=str, last_end=Py_ssize_t)
cpdef list find_quantities(str view, rules, money=*)


# A count's reading cpdef: called in C for each match.
@cython.locals(count=Count, unit_start=Py_ssize_t, unit_end=Py_ssize_t)
cpdef Count _interpret(match, str rule, tuple slots)
cpdef _counted(str view, Py_ssize_t end, rules)
