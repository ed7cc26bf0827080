# The search's beams and the ranking of a step's candidates in C when the wheel compiles
# gbk_ranking.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_candidates cimport Choices
from extractor.gbk_pairs cimport State, _Pairs, appended_alone
from extractor.gbk_plans cimport Plan

cdef double BOUND_SLACK  # gbk_rivals': a C double in the ranking's sums


# a partial reading's fields in C (its freelist and no_gc: in the .py, where Cython reads them)
@cython.final
cdef class _Beam:
    cdef readonly double bonus
    cdef readonly State state
    cdef public State keyed
    cdef readonly str char, last
    cdef readonly object slot
    cdef readonly _Beam parent


@cython.locals(new=_Beam)
cpdef _Beam _beam(double bonus, State state, str char, str last, slot, _Beam parent)

cdef Py_ssize_t _CAPACITY
cdef bint _COMPILED


# a ranking's candidate, rewritten in place (C fields)
@cython.final
cdef class _Candidate:
    cdef double gain, single
    cdef _Beam parent
    cdef object slot
    cdef tuple option
    cdef State new, keyed


@cython.final
cdef class _Ranking:
    cdef _Pairs pairs
    cdef str after
    cdef int width
    cdef double tail, floor
    cdef Py_ssize_t size
    # C arrays of _CAPACITY in place: no view to check (the .py's arrays are copied in, of
    # that length or an error)
    cdef double keys[18]
    cdef long long orders[18]
    cdef Py_ssize_t heap[18]
    cdef list entries, kept
    cdef object slot
    cdef tuple options
    cdef list ranked

    cdef start(self, int width, str after, double tail)

    @cython.locals(
        index=cython.longlong,
        place=cython.longlong,
        parent=_Beam,
        choices=Choices,
        bonus=cython.double,
    )
    cdef rank(self, list beams, slot, double cost, list per, Plan plan, long long number)

    @cython.locals(made=list, place=Py_ssize_t)
    cdef list best(self)

    @cython.locals(
        order=Py_ssize_t,
        beam=_Beam,
        keyed=State,
        place=Py_ssize_t,
        candidate=_Candidate,
        kept=list,
    )
    cdef list appended(self, list beams, str text, int keep)

    @cython.locals(parent=_Beam, new=State, keyed=State, made=_Beam, char=str, simple=str)
    cdef _Beam _made(self, _Candidate candidate)

    @cython.locals(
        pairs=_Pairs,
        state=State,
        new=State,
        keyed=State,
        options=tuple,
        completing=tuple,
        tied=frozenset,
        planned=Py_ssize_t,
        number=Py_ssize_t,
        option=tuple,
        simple=str,
        prior=cython.double,
        tail=cython.double,
        after=str,
        key=cython.double,
        gain=cython.double,
    )
    cdef score_paired(self, _Beam parent, double bonus, Choices choices, long long place)

    @cython.locals(
        last=cython.double,
        tail=cython.double,
        reach=cython.double,
        base=cython.double,
        single=cython.double,
        number=cython.longlong,
        option=tuple,
        prior=cython.double,
        after=str,
        key=cython.double,
        gain=cython.double,
    )
    cdef score_plain(
        self, _Beam parent, double bonus, frozenset paired, frozenset allowed, long long place
    )

    @cython.locals(place=Py_ssize_t, candidate=_Candidate)
    cdef _keep(
        self,
        double key,
        long long order,
        _Beam parent,
        double gain,
        tuple option,
        State new,
        State keyed,
        double single,
    )

    @cython.locals(
        size=Py_ssize_t,
        place=Py_ssize_t,
        position=Py_ssize_t,
        parent=Py_ssize_t,
        worst=cython.double,
    )
    cdef Py_ssize_t _place(self, double key, long long order)

    @cython.locals(entries=list, place=Py_ssize_t, worst=cython.double, latest=cython.longlong)
    cdef Py_ssize_t _entry_place(self, double key, long long order)

    @cython.locals(end=Py_ssize_t, places=list, index=Py_ssize_t)
    cdef list _places(self)

    @cython.locals(place=Py_ssize_t, position=Py_ssize_t, child=Py_ssize_t)
    cdef void _sift_down(self, Py_ssize_t size) noexcept

    @cython.locals(key=cython.double, other_key=cython.double)
    cdef inline bint _worse(self, Py_ssize_t place, Py_ssize_t other) noexcept
