# The search's scores in C when the wheel compiles gbk_score.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython

cdef int _CHAR_BITS, _WIDTH
cdef unsigned long long _CHAR_MASK, _CONTEXT_MASK


@cython.final
@cython.freelist(64)
cdef class State:
    cdef readonly unsigned long long packed
    cdef readonly int width
    cdef readonly double score, b2, b3, b4


@cython.final
cdef class _Pair:
    cdef readonly double single, word, fits
    cdef readonly Py_ssize_t in_document
    cdef readonly bint ends_longer


@cython.final
cdef class _Pairs:
    cdef dict memo, long_memo, running
    cdef public dict window
    cdef object model, logprob, bigrams

    @cython.locals(found=_Pair)
    cdef _Pair added(self, unsigned long long key, str pair)

    cdef tuple longer(self, unsigned long long packed, int width, unsigned long long code)


@cython.locals(new=State)
cdef State _state(unsigned long long packed, int width, double score, double b2, double b3, double b4)


@cython.locals(
    code=cython.ulonglong,
    key=cython.ulonglong,
    entry=_Pair,
    candidate=cython.double,
    before=cython.double,
    length=cython.int,
    logprob=cython.double,
    packed=cython.ulonglong,
    width=cython.int,
    fits=cython.double,
)
cdef State _extended(_Pairs pairs, State state, Py_UCS4 char)


@cython.locals(packed=cython.ulonglong, width=cython.int)
cdef State _alone(State state, Py_UCS4 char, double logprob)


@cython.locals(char=Py_UCS4)
cdef State _run(_Pairs pairs, str text, State state)


@cython.locals(text=str)
cdef str _chars(unsigned long long packed, int count)


cdef double _document_bonus(Py_ssize_t uses)
