# The organisations' search in C calls when the wheel compiles entities.py (hatch_build.py): its
# steps, run for every suffix word and segment of a page, called as C functions, and the sorted
# spans they ask (``entity_spans``, cimported) as extension types read by C field and method (a
# Python call each cost more than most of their bodies). Pure Python ignores this file.
import cython

from extractor.entity_spans cimport Ends, PlaceHeads, Spans, segments_holding


@cython.locals(suffix_ends=Ends, heads=PlaceHeads, segments=list, ends=list)
cpdef list find_organisations(
    str view, lex, list places, list posts, list books, words, in_books=*
)


@cython.locals(at=Py_ssize_t)
cdef _trimmed(str view, start, Py_ssize_t end)


cpdef bint in_book(tuple span, list books)


cdef _group_start(str view, end, Ends suffix_ends, lex)


@cython.locals(
    nonwords=list, ends=dict, reach=Py_ssize_t, first=Py_ssize_t, count=Py_ssize_t,
    index=Py_ssize_t, crossed=cython.bint, s=Py_ssize_t, e=Py_ssize_t, ns=Py_ssize_t,
    ne=Py_ssize_t,
)
cdef Ends _suffix_ends(lex, words)


@cython.locals(suffixes=Spans)
cdef list _cut_points(str view, lex, words, list posts)


@cython.locals(found=list, last=Py_ssize_t, at=Py_ssize_t)
cpdef list conjunctions_before_anchor(str view)


@cython.locals(span_end=Py_ssize_t)
cdef bint _reaches_past(list spans, Py_ssize_t end)


cdef bint _names_a_unit(str view, end, dict by_start)


@cython.locals(ends=list)
cdef list _split_segments(str view, list cuts, Ends suffix_ends)


cdef bint _starts_clause(str stretch, length)


cdef str _NAMED_LEAD_FIRSTS
cdef str PLACEHOLDER_CHARS, CONJUNCTIONS, _AFTER_CONJUNCTION
cdef str _ANCHOR_WORD_FIRSTS, ANCHORS


@cython.locals(words=tuple, word=str, flag=str, at=Py_ssize_t)
cdef _org_start(str view, seg_start, end, Py_ssize_t suffix_start, PlaceHeads heads)


cdef bint _generic(str name, lex)


@cython.locals(char=Py_UCS4)
cdef bint _has_placeholder(str name)


cpdef word_start(str view, position, limit)


# The caches of ``is_han``, ``jieba_cut`` and ``jieba_tag``: C calls within this module, a dict
# look-up a hit.
cdef dict _HAN, _CUTS, _TAGS, _SPLIT_TAGS
cdef Py_ssize_t _MOST_CACHED


cdef _remembered(dict cache, str key, compute)


cpdef bint is_han(str char)


cpdef tuple jieba_cut(str text)


cpdef tuple jieba_tag(str text, split_unknown=*)
