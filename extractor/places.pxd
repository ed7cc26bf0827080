# The places' steps as C calls when the wheel compiles places.py (hatch_build.py), run for every
# administrative suffix and place of a page: the levels' table and the tokens' look-ups as typed
# dicts and sets (a C look-up each, where ``.get`` was a method looked up and called), the
# suffix sizes as C integers. Pure Python ignores this file.
import cython

cdef dict LEVELS
cdef Py_ssize_t _LONGEST

@cython.locals(size=Py_ssize_t)
cdef _level(str view, start, end, lex)


@cython.locals(
    tokens=list, nonwords=list, ends=set, longest=dict, longer_suffixes=dict, body_starts=dict
)
cdef list _place_tokens(str view, lex, words)


cdef _body_start(str window, lex)


cpdef list _groups(str view)


cdef bint _numeral(str char)


cdef view_start_of(start, str body, offset)
