# A slot's completions in C when the wheel compiles gbk_completions.py (hatch_build.py): this
# file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_score cimport fixed_priors
from extractor.gbk_words cimport successors


# kept for the process, looked up in C
cdef dict _SUCCESSORS
cdef bint _COMPILED  # read once a slot: C, not the module's dict


@cython.locals(
    pool=tuple,
    logprobs=list,
    chars=list,
    forms=list,
    firsts=bytes,
    seconds=bytes,
    found=list,
    place=Py_ssize_t,
    first=cython.int,
    second=cython.int,
    known_lead=cython.int,
    known_trail=cython.int,
    char=str,
    form=str,
    leads=frozenset,
    trails=frozenset,
    priors=list,
    word=tuple,
)
cpdef tuple _completing(slot, str previous, frozenset own)


@cython.locals(found=list, place=Py_ssize_t)
cpdef list _places(bytes known, int byte)


@cython.locals(uses=dict, place=Py_ssize_t, char=str, ranked=list, count=Py_ssize_t)
cpdef str _written_after(str previous, str view, str document)
