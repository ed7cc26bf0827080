# What gbk_rivals asks for each rival of a slot, as C calls when the wheel compiles
# gbk_rivals.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_alone cimport _Alone, _gathered
from extractor.gbk_candidates cimport allowed_leads
from extractor.gbk_pairs cimport State, _Pairs
from extractor.gbk_shifted cimport _code_at


cpdef int _lead_byte(str then)


cpdef bint _fits_between(str rival, int lead, frozenset partners, then_lead)


cdef list _TRAIL_PARTNERS


@cython.locals(found=object)
cdef frozenset _trail_partners(Py_ssize_t trail)


@cython.final
cdef class _PhraseLead:
    cdef object fit
    cdef str before, after, winner, clause
    cdef bint fitted
    cdef double own_fit

    @cython.locals(found=cython.double)
    cdef double of(self, str simple, str rival)


@cython.locals(
    close=list,
    far=cython.double,
    score=cython.double,
    base=cython.double,
    state=State,
    prior=cython.double,
    rival=str,
    simple=str,
    phrased=cython.bint,
    phrase=cython.double,
    behind=cython.double,
    total=cython.double,
)
cdef list _close_rivals(
    list rivals,
    _Pairs pairs,
    str near,
    str later,
    State own,
    double reach,
    tuple scores,
    _PhraseLead lead,
)
