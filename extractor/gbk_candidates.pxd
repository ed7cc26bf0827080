# A slot's choices and plans in C where it pays when the wheel compiles gbk_candidates.py
# (hatch_build.py): this file types what the .py declares; pure Python ignores it.
import cython


@cython.locals(paired=frozenset, found=list, simple=str)
cpdef frozenset _paired_after(
    frozenset in_document, frozenset simples, str previous, str following, document
)


@cython.locals(
    options=tuple,
    found=dict,
    places=list,
    scored=list,
    place=Py_ssize_t,
    number=Py_ssize_t,
    option=tuple,
)
cpdef _listed(
    plan, Py_ssize_t count, frozenset allowed, frozenset paired, frozenset tied, tuple completing
)


@cython.locals(
    logprobs=dict,
    chars=str,
    forms=str,
    firsts=bytes,
    seconds=bytes,
    found=list,
    place=Py_ssize_t,
    first=cython.int,
    second=cython.int,
    char=str,
    form=str,
)
cpdef tuple _completing(slot, str previous, dict own)


@cython.locals(found=list, place=Py_ssize_t)
cpdef list _places(bytes known, int byte)


@cython.locals(simple=str)
cpdef frozenset _among(frozenset simples, str chars)


@cython.locals(chars=dict, singles=list, place=Py_ssize_t, option=tuple)
cpdef _planned(model, tuple options)


@cython.locals(singles=tuple, ranked=list, place=Py_ssize_t, option=tuple)
cpdef _repriced(plan, tuple options)


@cython.locals(option=tuple)
cpdef tuple _all_unwritten(tuple options, script)


cpdef tuple _unwritten(tuple option, script)


@cython.locals(
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
cpdef _reranked(plan, tuple options, list places)


@cython.locals(seconds=str, scores=list, found=list, tied=list, cut=double, place=Py_ssize_t)
cpdef list _word_starts(str previous)
