# The organisations' search in C calls when the wheel compiles entities.py (hatch_build.py): its
# steps, run for every suffix word and segment of a page, called as C functions (a Python call
# each cost more than most of their bodies). Pure Python ignores this file.

cdef _trimmed(str view, start, end)


cpdef bint in_book(tuple span, list books)


cdef _group_start(str view, end, suffix_ends, lex)


cdef _suffix_ends(lex, words)


cdef list _cut_points(str view, lex, words, list posts)


cdef bint _names_a_unit(str view, end, dict by_start)


cdef list _split_segments(str view, list cuts, suffix_ends)


cdef bint _starts_clause(str stretch, length)


cpdef list segments_holding(str view, list cuts, list ends)


cdef _org_start(str view, seg_start, end, suffix_start, heads)


cdef bint _generic(str name, lex)


cpdef word_start(str view, position, limit)
