# Types for when the wheel compiles figure_spans.py (hatch_build.py); pure Python ignores this
# file. The helpers cpdef: the money and count stages cimport them, a C call each (through
# Python, a call to ``overlaps`` cost more than its search), once per page and twice per item.
import cython


cpdef list veto_spans(pattern, str view, list items)
# an item's ends and its window's C ints: each item's arithmetic and test in C
@cython.locals(
    start=Py_ssize_t, end=Py_ssize_t, low=Py_ssize_t, high=Py_ssize_t, last_high=Py_ssize_t
)
cpdef list merged_windows(items, Py_ssize_t before, Py_ssize_t after, Py_ssize_t length)
# the binary search's bounds and the spans' ends C ints: compared without Python objects
@cython.locals(
    low=Py_ssize_t, high=Py_ssize_t, middle=Py_ssize_t, span_start=Py_ssize_t, span_end=Py_ssize_t
)
cpdef bint overlaps(list spans, Py_ssize_t start, Py_ssize_t end)
