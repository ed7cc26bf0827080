# The organisations' search in C calls when the wheel compiles entities.py (hatch_build.py): its
# steps, run for every suffix word and segment of a page, called as C functions, and the sorted
# spans they ask as extension types read by C field and method (a Python call each cost more
# than most of their bodies). Pure Python ignores this file.
import cython


cdef class _Ends:
    cdef public list ends
    cdef public dict starts

    cpdef list get_range(self, low, high)


cdef class _Spans:
    cdef public list spans
    cdef public list starts

    cpdef list near(self, low, high)


cdef class _CutReach:
    cdef public list starts
    cdef public list reach

    cpdef next_start(self, index, length)


cdef class _PlaceHeads:
    cdef public list starts
    cdef public set ends

    cpdef last(self, low, high)


@cython.locals(suffix_ends=_Ends, heads=_PlaceHeads, segments=list, ends=list)
cpdef list find_organisations(
    str view, lex, list places, list posts, list books, words, in_books=*
)


cdef _trimmed(str view, start, end)


cpdef bint in_book(tuple span, list books)


cdef _group_start(str view, end, _Ends suffix_ends, lex)


cdef Py_ssize_t _count_up_to(list values, Py_ssize_t value) except -1


@cython.locals(low=Py_ssize_t, high=Py_ssize_t, middle=Py_ssize_t, probe=Py_ssize_t)
cpdef Py_ssize_t _bisected(list values, Py_ssize_t value) except -1


@cython.locals(
    nonwords=list, ends=dict, reach=Py_ssize_t, first=Py_ssize_t, count=Py_ssize_t,
    index=Py_ssize_t, crossed=cython.bint, s=Py_ssize_t, e=Py_ssize_t, ns=Py_ssize_t,
    ne=Py_ssize_t,
)
cdef _Ends _suffix_ends(lex, words)


@cython.locals(suffixes=_Spans)
cdef list _cut_points(str view, lex, words, list posts)


cdef bint _names_a_unit(str view, end, dict by_start)


@cython.locals(ends=list)
cdef list _split_segments(str view, list cuts, _Ends suffix_ends)


cdef bint _starts_clause(str stretch, length)


cdef bint _COMPILED  # read once a page: C, not the module's dict
cdef str _NAMED_LEAD_FIRSTS
cdef str _ANCHOR_WORD_FIRSTS


@cython.locals(
    cut_reach=_CutReach, length=Py_ssize_t, end=Py_ssize_t, index=Py_ssize_t,
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


cdef _org_start(str view, seg_start, end, suffix_start, _PlaceHeads heads)


cdef bint _generic(str name, lex)


cpdef word_start(str view, position, limit)
