# A slot's choices and plans in C where it pays when the wheel compiles gbk_candidates.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_slots cimport replaced
from extractor.gbk_completions cimport _completing, _written_after
from extractor.gbk_known_pairs cimport _among, _among_following, _paired_after
from extractor.gbk_plans cimport (
    Plan,
    _all_unwritten,
    _phrased,
    _touched_up,
    _unwritten,
    _unwritten_costs,
)
from extractor.gbk_score cimport fixed_priors


# kept for the process, looked up in C
cdef dict _LEADS_AFTER


# a slot's page plan and its choices, and the slot's fields they read: fields read in C (off
# the collector: ``no_gc`` in the .py, where Cython reads it)
@cython.final
cdef class _Local:
    cdef readonly object slot
    cdef readonly Plan plan
    cdef readonly frozenset forms, in_document
    cdef readonly dict choices, completions, paired_before
    cdef readonly int lead, trail
    cdef readonly object hint
    cdef readonly bint swallowed, read_alone, dropped_before


@cython.final
cdef class Choices:
    cdef readonly Py_ssize_t count
    cdef readonly list scored
    cdef readonly frozenset paired, tied, allowed
    cdef readonly tuple completing


@cython.locals(new=Choices)
cpdef Choices _choices(
    Py_ssize_t count,
    list scored,
    frozenset paired,
    frozenset tied,
    frozenset allowed,
    tuple completing,
)


# a slot's choices are asked for thousands of times a page: the calls between these methods,
# and their attributes, in C (final: no subclass overrides a method)
@cython.final
cdef class Candidates:
    cdef readonly object scorer
    cdef object _document
    cdef readonly dict _follow
    cdef readonly dict _plans
    cdef dict _written_after

    @cython.locals(
        local=_Local,
        kept=dict,
        dropped=bint,
        found=list,
        index=Py_ssize_t,
        previous=str,
        char=str,
        before=str,
    )
    cpdef list choices(self, slot, list lasts, list written, str after)

    @cython.locals(
        allowed=frozenset,
        count=Py_ssize_t,
        plan=Plan,
        simples=frozenset,
        listed=tuple,
        following=str,
        in_document=frozenset,
        paired=frozenset,
        tied=frozenset,
        completing=tuple,
        follow=dict,
    )
    cpdef Choices _sorted(self, _Local local, str previous, str before, str after)

    @cython.locals(kept=dict, found=frozenset)
    cpdef frozenset _paired_before(self, _Local local, str after)

    cpdef Plan plan(self, slot)

    @cython.locals(found=_Local, twin=_Local, in_document=frozenset)
    cpdef _Local _local(self, slot)

    @cython.locals(touched=frozenset, own=list, costs=dict)
    cpdef tuple _priced(self, slot, tuple options)

    @cython.locals(lead=int, trail=int, kept=dict, found=tuple)
    cpdef tuple _completing(self, _Local local, str previous)


@cython.locals(
    options=tuple,
    found=dict,
    simple=str,
    places=list,
    scored=list,
    place=Py_ssize_t,
    number=Py_ssize_t,
    option=tuple,
)
cpdef Choices _listed(
    Plan plan, Py_ssize_t count, frozenset allowed, frozenset paired, frozenset tied, tuple completing
)


@cython.locals(kept=dict, found=tuple, forms=list)
cpdef tuple _allowed(Plan plan, frozenset allowed)


cpdef frozenset allowed_leads(str previous, slot)


@cython.locals(found=frozenset)
cpdef frozenset _leads_after(str previous)


@cython.locals(leads=frozenset, own=bytes)
cpdef bint fits(str previous, str char, slot)
