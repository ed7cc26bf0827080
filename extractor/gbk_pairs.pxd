# The search's incremental scores in C when the wheel compiles gbk_pairs.py (hatch_build.py):
# this file types what the .py declares; pure Python ignores it.
import cython

from extractor.gbk_page_costs cimport _never_written
from extractor.gbk_tables cimport _BMP, _PairCounts, _Table, _bmp_char, _chars, _key

cdef int _CHAR_BITS, _WIDTH, _ENDS_BITS, _MEMO_BITS
cdef double _NO_WORD
cdef unsigned long long _CHAR_MASK, _CONTEXT_MASK, _MIX, _WORD, _PAIR_MASK
cdef tuple _NO_WORDS
cdef list _KNOWN


@cython.final
cdef class State:
    cdef readonly unsigned long long packed
    cdef readonly int width
    cdef readonly double score, b2, b3, b4

    @cython.locals(b4=cython.double, b3=cython.double, b2=cython.double)
    cpdef double lead(self, State other)


@cython.final
cdef class _Pair:
    cdef readonly double single, word, fits
    cdef readonly Py_ssize_t in_document, windowed
    cdef readonly bint ends_longer


@cython.final
cdef class _Pairs:
    cdef dict running, words
    cdef frozenset written
    cdef _Table memo, long_memo
    cdef double[::1] singles
    cdef dict window
    cdef frozenset tails
    cdef unsigned long long[::1] ends, known
    cdef object logprob
    cdef _PairCounts bigrams

    @cython.locals(found=_Pair, spot=cython.ulonglong)
    cdef _Pair added(self, unsigned long long key, Py_ssize_t place, bint after)

    @cython.locals(pair=str, first=Py_UCS4, last=Py_UCS4, weight=cython.double)
    cdef void _looked_up(self, _Pair found, unsigned long long key, bint after) except *

    cdef Py_ssize_t _page_uses(self, unsigned long long key, bint after)

    @cython.locals(single=cython.double)
    cdef double single(self, unsigned long long code)

    @cython.locals(written=frozenset)
    cpdef double one_unit(self, str first, str second)

    @cython.locals(memo=_Table, entry=_Pair)
    cpdef exclude(self, dict window)

    @cython.locals(memo=_Table, place=Py_ssize_t, found=tuple, spot=cython.ulonglong)
    cdef tuple longer(self, unsigned long long packed, int width, unsigned long long code)

    @cython.locals(
        code=cython.ulonglong,
        key=cython.ulonglong,
        place=Py_ssize_t,
        entry=_Pair,
        candidate=cython.double,
        three=cython.double,
        four=cython.double,
        packed=cython.ulonglong,
        width=cython.int,
        fits=cython.double,
        score=cython.double,
        b2=cython.double,
        b3=cython.double,
    )
    cpdef State extend(self, State state, Py_UCS4 char)

    cpdef State alone(self, State state, str char)

    @cython.locals(char=Py_UCS4)
    cpdef State run(self, str text, State state=*)


@cython.locals(new=State)
cdef State _state(unsigned long long packed, int width, double score, double b2, double b3, double b4)


@cython.locals(code=cython.ulonglong, packed=cython.ulonglong, width=cython.int)
cpdef State appended_alone(State state, Py_UCS4 char, double single)


# a pair's text allocated and written in C (CPython's calls)
cdef extern from "Python.h":
    str PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    int PyUnicode_WriteChar(object text, Py_ssize_t index, Py_UCS4 char) except -1


@cython.locals(last=Py_UCS4)
cdef str _text_of(unsigned long long key, bint after)


cdef str _pair_text(Py_UCS4 first, Py_UCS4 last)


cdef str _char(Py_ssize_t code)


cdef unsigned long long _spot(unsigned long long key)


@cython.locals(bits=cython.ulonglong[::1], one=cython.ulonglong, spot=cython.ulonglong, text=str)
cdef _bits_of(tuple groups, Py_ssize_t length, bint longer)


@cython.locals(three=cython.double, four=cython.double)
cdef tuple _longer(str text, dict words)


cpdef double _document_bonus(Py_ssize_t uses)
