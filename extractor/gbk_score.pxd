# The search's scores of a page in C when the wheel compiles gbk_score.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_page_costs cimport _PageCosts, _converted, _priced
from extractor.gbk_pairs cimport _document_bonus
from extractor.gbk_tables cimport _char_uses, _distinct_chars, _keyed, _page_pairs, _pair_keys


@cython.locals(found=list, start=Py_ssize_t)
cdef double _running_fit(dict bonus, str text)


@cython.locals(added=list, char=str, turned=object)
cpdef frozenset _touched(frozenset chars, dict forms)


@cython.locals(
    lost=Py_ssize_t,
    hint=object,
    name=str,
    marks=cython.bint,
    counted=str,
    written=str,
    cost=cython.double,
    found=list,
    simplified=dict,
    char=str,
    prior=cython.double,
    bonus=cython.double,
    simple=str,
    marked=frozenset,
    plain=frozenset,
    rare=dict,
)
cpdef list fixed_priors(chars, slot)
