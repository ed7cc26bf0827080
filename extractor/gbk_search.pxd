# The ranking of a step's candidates in C when the wheel compiles gbk_search.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython


@cython.final
cdef class _Ranking:
    cdef object extend
    cdef str after
    cdef int width
    cdef double tail, floor
    cdef list kept
    cdef readonly list found

    @cython.locals(key=cython.double, bound=cython.bint)
    cpdef score_paired(self, parent, slot, double bonus, listed, long long place)

    @cython.locals(
        last=cython.double,
        tail=cython.double,
        reach=cython.double,
        base=cython.double,
        single=cython.double,
        key=cython.double,
    )
    cpdef score_plain(self, parent, slot, double bonus, listed, list ranked, long long place)

    @cython.locals(kept=list)
    cdef _keep(self, double key)
