# A slot's plans in C where it pays when the wheel compiles gbk_plans.py (hatch_build.py): this
# file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_score cimport fixed_priors


# kept for the process, looked up in C
cdef dict _UNWRITTEN


# a slot's plans, shared and a page's: fields read in C (off the collector: ``no_gc`` in the
# .py, where Cython reads it)
@cython.final
cdef class Plan:
    cdef readonly tuple options, singles, listed
    cdef readonly frozenset simples, chars
    cdef readonly dict places, allowed
    cdef readonly list ranked


@cython.locals(simplified=dict, options=list, place=Py_ssize_t, char=str, encoded=bytes)
cpdef tuple _options(list chars, list priors)


@cython.locals(
    kept=dict, places=dict, chars=frozenset, singles=list, place=Py_ssize_t, option=tuple, found=list
)
cpdef Plan _planned(model, tuple options)


@cython.locals(singles=tuple, ranked=list, place=Py_ssize_t, option=tuple)
cpdef Plan _repriced(Plan plan, tuple options)


@cython.locals(option=tuple, costs=dict)
cpdef tuple _all_unwritten(tuple options, script)


@cython.locals(cost=tuple, fixed=double, form_cost=double, unfamiliar=double)
cpdef tuple _unwritten(tuple option, script, dict costs)


@cython.locals(found=dict)
cpdef dict _unwritten_costs(script)


@cython.locals(
    moved=frozenset,
    entry=tuple,
    singles=tuple,
    ranked=list,
    place=Py_ssize_t,
    option=tuple,
    key=double,
    low=Py_ssize_t,
    high=Py_ssize_t,
    middle=Py_ssize_t,
    value=double,
    other=Py_ssize_t,
)
cpdef Plan _reranked(Plan plan, tuple options, list places)


cpdef Plan _ranked_plan(Plan plan, tuple options, list ranked)


@cython.locals(
    touched=frozenset,
    options=tuple,
    places=list,
    repriced=list,
    place=Py_ssize_t,
    option=tuple,
    number=Py_ssize_t,
)
cpdef Plan _touched_up(slot, Plan shared, Plan unwritten, scorer)


@cython.locals(places=list, options=list, place=Py_ssize_t, prior=double)
cpdef Plan _phrased(Plan plan, str written)
