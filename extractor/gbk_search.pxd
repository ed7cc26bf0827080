# The search's beams and the ranking of a step's candidates in C when the wheel compiles
# gbk_search.py (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_candidates cimport Candidates, Choices
from extractor.gbk_score cimport State, _Pairs

cdef double BOUND_SLACK  # gbk_rivals': a C double in the ranking's sums


# no reference cycle can go through a beam (a parent is older), so the collector skips them
@cython.final
@cython.freelist(64)
@cython.no_gc
cdef class _Beam:
    cdef readonly double bonus
    cdef readonly State state
    cdef public State keyed
    cdef readonly str char, last
    cdef readonly object slot
    cdef readonly _Beam parent


@cython.locals(new=_Beam)
cdef _Beam _beam(double bonus, State state, str char, str last, slot, _Beam parent)


cdef class _Ranking


@cython.locals(chain=list, beam=_Beam, characters=str)
cdef _reading(_Beam last, double score)


# a hypothesis' steps: the calls between them and to the page's scores and candidates in C
@cython.final
cdef class _Beams:
    cdef _Pairs pairs
    cdef Candidates candidates
    cdef double extra_cost
    cdef object char_logprob
    cdef _Ranking ranking

    @cython.locals(
        beams=list, ahead=list, index=Py_ssize_t, sources=list, winner=_Beam, beam=_Beam,
        score=cython.double, total=cython.double,
    )
    cpdef reading(self, steps, str left, str right)

    cdef double _finished(self, _Beam beam, str right)

    cdef tuple _lead_in(self, list beams, tuple way, double cost)

    @cython.locals(width=cython.int, beams=list, done=cython.int, keep=cython.int, depth=cython.int)
    cdef list _kept(self, list sources, str ahead)

    @cython.locals(
        choices=list,
        count=Py_ssize_t,
        offered=Py_ssize_t,
        beams=list,
        lasts=list,
        beam=_Beam,
        per=list,
        listed=Choices,
    )
    cdef tuple _best(self, list sources, int width, str after)

    @cython.locals(bonus=cython.double, state=State, grown=list, new=State, prior=cython.double)
    cdef list _grown(self, _Beam parent, slot, double cost, choices)

    @cython.locals(ranking=_Ranking, number=cython.longlong, ranked=list)
    cdef list _ranked(self, list sources, list choices, int width, str after)


cdef Py_ssize_t _CAPACITY
cdef bint _COMPILED


# a ranking's candidate, rewritten in place (C fields)
@cython.final
@cython.no_gc
cdef class _Candidate:
    cdef double gain
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
    cdef list ranked

    cdef start(self, int width, str after, double tail)

    @cython.locals(
        index=cython.longlong,
        place=cython.longlong,
        parent=_Beam,
        choices=Choices,
        bonus=cython.double,
    )
    cdef rank(self, list beams, slot, double cost, list per, list ranked, long long number)

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
        number=cython.longlong,
        option=tuple,
        simple=str,
        prior=cython.double,
        tail=cython.double,
        after=str,
        key=cython.double,
        gain=cython.double,
    )
    cdef score_paired(
        self, _Beam parent, double bonus, list scored, frozenset tied, long long place
    )

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


@cython.locals(
    simplified=dict,
    known=list,
    way=tuple,
    whole=cython.bint,
    ahead=list,
    index=Py_ssize_t,
    text=str,
)
cdef list _lookaheads(steps, str right)
