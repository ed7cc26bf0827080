# A page's counts by C keys when the wheel compiles gbk_tables.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython

cdef int _CHAR_BITS, _TABLE_BITS, _PAIR_BITS
cdef unsigned long long _CHAR_MASK, _MIX, _WORD


@cython.locals(text=str)
cpdef str _chars(unsigned long long packed, int count)


@cython.locals(key=cython.ulonglong, char=Py_UCS4)
cpdef unsigned long long _key(str pair)


@cython.final
cdef class _Table:
    cdef unsigned long long[::1] firsts, seconds
    cdef list entries
    cdef int bits
    cdef Py_ssize_t filled

    # unsigned: a place is masked into the table, never counted from the end
    @cython.locals(last=cython.size_t, place=cython.size_t)
    cdef Py_ssize_t place(self, unsigned long long first, unsigned long long second)

    cdef put(self, Py_ssize_t place, unsigned long long first, unsigned long long second, entry)

    @cython.locals(
        firsts=cython.ulonglong[::1],
        seconds=cython.ulonglong[::1],
        entries=list,
        old=Py_ssize_t,
        new=Py_ssize_t,
    )
    cdef _grown(self)


@cython.final
cdef class _PairCounts:
    cdef readonly _Table table
    cdef readonly list figure_ends

    cdef Py_ssize_t _place(self, str pair)

    cdef Py_ssize_t _uses(self, str pair)

    @cython.locals(uses=object)
    cdef Py_ssize_t uses_of(self, unsigned long long key)

    @cython.locals(uses=Py_ssize_t)
    cpdef get(self, str pair, default=*)


@cython.locals(
    char=Py_UCS4,
    code=cython.ulonglong,
    previous=cython.ulonglong,
    key=cython.ulonglong,
    place=Py_ssize_t,
    position=Py_ssize_t,
    figure=cython.bint,
    ends=list,
)
cdef list _count_pairs(_Table table, str view)


cdef Py_ssize_t _BMP
cdef list _bmp_chars


@cython.locals(found=object)
cdef str _bmp_char(Py_ssize_t code)


@cython.locals(counts=cython.uint[::1], count=Py_ssize_t, char=Py_UCS4, code=Py_ssize_t)
cdef Py_ssize_t _first_codes(str text, unsigned int[::1] firsts, dict astral)


@cython.locals(
    counts=cython.uint[::1],
    firsts=cython.uint[::1],
    astral=dict,
    uses=dict,
    place=Py_ssize_t,
    code=Py_ssize_t,
)
cpdef dict _char_uses(str text)


@cython.locals(
    counts=cython.uint[::1], firsts=cython.uint[::1], found=list, place=Py_ssize_t, code=Py_ssize_t
)
cpdef list _distinct_chars(str text)


@cython.locals(
    keyed=dict, char=Py_UCS4, code=cython.ulonglong, previous=cython.ulonglong, key=cython.ulonglong
)
cpdef dict _pair_keys(str text)


cpdef dict _keyed(object pairs)


cdef frozenset _MARKS_AFTER_UNIT


@cython.locals(ends=list, end=Py_ssize_t, pair=str)
cpdef _page_pairs(str view, list chars)
