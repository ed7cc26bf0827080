# The places' steps as C calls when the wheel compiles places.py (hatch_build.py), run for every
# administrative suffix and place of a page. Pure Python ignores this file.

cdef _level(str view, start, end, lex)


cdef list _place_tokens(str view, lex, words)


cpdef list _groups(str view)


cdef bint _numeral(str char)


cdef view_start_of(start, str body, offset)
