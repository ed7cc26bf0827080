# The search's scores in C when the wheel compiles gbk_score.py (hatch_build.py): this file
# types what the .py declares; pure Python ignores it.
import cython

cdef int _CHAR_BITS, _WIDTH
cdef double _NO_WORD
cdef unsigned long long _CHAR_MASK, _CONTEXT_MASK, _MIX, _WORD
cdef int _TABLE_BITS, _PAIR_BITS, _ENDS_BITS, _MEMO_BITS
cdef unsigned long long _PAIR_MASK
cdef tuple _NO_WORDS


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
    turned=dict, into=frozenset, simplified=Py_ssize_t, traditional=Py_ssize_t, count=Py_ssize_t
)
cpdef bint _converted(dict uses)


@cython.final
cdef class _Pairs:
    cdef dict running, words
    cdef frozenset written
    cdef _Table memo, long_memo, singles
    cdef dict window
    cdef frozenset tails
    cdef unsigned long long[::1] ends
    cdef object logprob
    cdef _PairCounts bigrams

    @cython.locals(found=_Pair, first=str, last=str, pair=str)
    cdef _Pair added(self, unsigned long long key, Py_ssize_t place, bint after)

    cdef Py_ssize_t _page_uses(self, unsigned long long key, str pair)

    @cython.locals(place=Py_ssize_t, single=object)
    cdef double single(self, unsigned long long code, str char)

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

    @cython.locals(
        code=cython.ulonglong, packed=cython.ulonglong, width=cython.int, score=cython.double
    )
    cpdef State alone(self, State state, str char)

    @cython.locals(char=Py_UCS4)
    cpdef State run(self, str text, State state=*)


@cython.locals(held=list, table=_Table)
cdef _Table _shared_singles(model)


@cython.locals(new=State)
cdef State _state(unsigned long long packed, int width, double score, double b2, double b3, double b4)


@cython.locals(text=str)
cdef str _chars(unsigned long long packed, int count)


@cython.locals(key=cython.ulonglong, char=Py_UCS4)
cdef unsigned long long _key(str pair)


cdef unsigned long long _spot(unsigned long long key)


@cython.locals(bits=cython.ulonglong[::1], one=cython.ulonglong, spot=cython.ulonglong)
cdef _ends_of(dict words)


@cython.locals(
    keyed=dict, char=Py_UCS4, code=cython.ulonglong, previous=cython.ulonglong, key=cython.ulonglong
)
cpdef dict _pair_keys(str text)


cdef dict _keyed(object pairs)


@cython.locals(three=cython.double, four=cython.double)
cdef tuple _longer(str text, dict words)


cdef double _document_bonus(Py_ssize_t uses)


@cython.locals(found=list, start=Py_ssize_t)
cdef double _running_fit(dict bonus, str text)


@cython.final
cdef class _PageCosts:
    cdef frozenset chars
    cdef bint converted
    cdef dict costs, forms, uses

    @cython.locals(found=tuple)
    cpdef tuple cost(self, str char)

    @cython.locals(form=str, cost=cython.double)
    cpdef double script_cost(self, str char)

    @cython.locals(uses=Py_ssize_t, openers=dict, opener=object)
    cpdef double unfamiliar(self, str char)


@cython.locals(found=list, option=tuple, script=cython.double, unfamiliar=cython.double)
cdef tuple _priced(_PageCosts costs, tuple options)


cdef tuple _MISSING


@cython.locals(
    counts=dict,
    common=cython.double,
    counted=cython.double,
    cost=cython.double,
    per_nat=cython.double,
    rarity=cython.double,
)
cpdef double _unfamiliar(str char, Py_ssize_t uses)


cdef double _form_cost(str char, str form, bint converted)


cdef dict _script_forms(bint traditional)


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
