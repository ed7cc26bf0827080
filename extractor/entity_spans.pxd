# The organisations' sorted spans and runs as extension types and C functions when the wheel
# compiles entity_spans.py (hatch_build.py): ``entities`` cimports them, so that each bisection
# and run edge of a page is a C call, each span read by C field and method (a Python call each
# cost more than most of their bodies). Pure Python ignores this file.
import cython


cdef class Ends:
    cdef public list ends
    cdef public dict starts

    cpdef list get_range(self, low, high)


cdef class Spans:
    cdef public list spans
    cdef public list starts

    cpdef list near(self, low, high)


cdef class CutReach:
    cdef public list starts
    cdef public list reach

    cpdef next_start(self, index, length)


cdef class PlaceHeads:
    cdef public list starts
    cdef public set ends

    cpdef last(self, low, high)


cdef Py_ssize_t count_up_to(list values, Py_ssize_t value) except -1


@cython.locals(low=Py_ssize_t, high=Py_ssize_t, middle=Py_ssize_t, probe=Py_ssize_t)
cpdef Py_ssize_t _bisected(list values, Py_ssize_t value) except -1


cdef bint _COMPILED  # read once a page: C, not the module's dict


@cython.locals(
    cut_reach=CutReach, length=Py_ssize_t, end=Py_ssize_t, index=Py_ssize_t,
    covered_to=Py_ssize_t, stop=Py_ssize_t, found=list,
)
cpdef list segments_holding(str view, list cuts, list ends)


@cython.locals(length=Py_ssize_t)
cpdef tuple _run_searched(
    str view, str backwards, Py_ssize_t end, Py_ssize_t low, Py_ssize_t stop
)


@cython.locals(start=Py_ssize_t, after=Py_ssize_t)
cpdef tuple _run_scanned(str view, str table, Py_ssize_t end, Py_ssize_t low, Py_ssize_t stop)


@cython.locals(code=Py_ssize_t)
cdef bint _in_run(str view, str table, Py_ssize_t at)
