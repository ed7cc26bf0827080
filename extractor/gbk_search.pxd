# The search of a hypothesis' steps in C when the wheel compiles gbk_search.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_candidates cimport Candidates, Choices
from extractor.gbk_pairs cimport State, _Pairs
from extractor.gbk_ranking cimport _Beam, _beam, _Ranking



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
        written=list,
        beam=_Beam,
        per=list,
        listed=Choices,
    )
    cdef tuple _best(self, list sources, int width, str after)

    @cython.locals(bonus=cython.double, state=State, grown=list, new=State, prior=cython.double)
    cdef list _grown(self, _Beam parent, slot, double cost, choices)

    @cython.locals(ranking=_Ranking, number=cython.longlong)
    cdef list _ranked(self, list sources, list choices, int width, str after)


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
